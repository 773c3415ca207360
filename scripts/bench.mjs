// npm run bench [-- --executions N --events N --latency MS]: builds, compiles, runs test/bench/bench.ts.
import { execFileSync } from 'node:child_process';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run(process.execPath, ['scripts/esbuild.mjs', '--production', '--quiet']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'test']);
run(process.execPath, ['--no-warnings', 'out/test/bench/bench.js', ...process.argv.slice(2)]);
