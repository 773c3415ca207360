// Bundles the extension (and the standalone sandbox CLI) with esbuild.
//   node scripts/esbuild.mjs               development build, with source maps
//   node scripts/esbuild.mjs --production  minified, no source maps (what ships)
//   node scripts/esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const quiet = process.argv.includes('--quiet');

/** Logs each rebuild's outcome in the form VS Code's esbuild problem matcher reads. */
const reportPlugin = {
  name: 'report',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
      else if (!quiet && result.errors.length === 0) console.log(`esbuild: ${production ? 'production' : 'development'} build done`);
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [reportPlugin],
};

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    metafile: true,
  }),
  esbuild.context({
    ...common,
    entryPoints: ['src/sandbox/cli.ts'],
    outfile: 'dist/sandbox.js',
  }),
  // Ajv, loaded by the extension only when an activity type has a result schema (src/swf/resultSchemas.ts).
  esbuild.context({
    ...common,
    entryPoints: ['src/schemaValidator/index.ts'],
    outfile: 'dist/schemaValidator.js',
    metafile: true,
  }),
  // The execution panel's page: runs in the webview, so browser and iife; its CSS lands beside it (execution.css).
  esbuild.context({
    ...common,
    entryPoints: ['src/webview/execution/main.ts'],
    outfile: 'dist/webview/execution.js',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
  }),
]);

if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  try {
    const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
    if (results.some((r) => r.errors.length > 0)) process.exitCode = 1;
  } catch {
    process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
}
