// Loads TypeScript modules of test/runner (the code-server helpers, shared with
// the integration runner) into a plain Node script: bundling just them takes
// milliseconds and, unlike compiling the whole test project, does not depend
// on every test compiling. Used by scripts/start.mjs and scripts/code-server.mjs.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Bundles `contents` (TypeScript re-exports, resolved from the repository root) to out/start/<name>.cjs and requires it. */
export async function loadRunnerModules(contents, name) {
  const outfile = path.join(ROOT, 'out', 'start', `${name}.cjs`);
  await esbuild.build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
  return createRequire(import.meta.url)(outfile);
}
