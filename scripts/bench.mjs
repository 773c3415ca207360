// npm run bench [-- --executions N --events N --latency MS | --quick]: builds, compiles, runs test/bench/bench.ts.
// --quick times only the pure folds, which need no bundle, so it skips the esbuild step.
import { execFileSync } from 'node:child_process';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
if (!process.argv.includes('--quick')) run(process.execPath, ['scripts/esbuild.mjs', '--production', '--quiet']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'test']);
run(process.execPath, ['--no-warnings', 'out/test/bench/bench.js', ...process.argv.slice(2)]);
