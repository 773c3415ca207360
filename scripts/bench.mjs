// npm run bench [-- --executions N[,N...] --latency MS --decider N | --quick]: builds (production), compiles, runs test/bench/bench.ts.
// --quick: bundles, activation and the 100-execution domain, in under a minute.
import { execFileSync } from 'node:child_process';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run(process.execPath, ['scripts/esbuild.mjs', '--production', '--quiet']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'test']);
// --expose-gc: the retained and peak memory figures are read after a collection.
run(process.execPath, ['--no-warnings', '--expose-gc', 'out/test/bench/bench.js', ...process.argv.slice(2)]);
