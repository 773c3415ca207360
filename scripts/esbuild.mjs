// Bundles the extension (and the standalone sandbox CLI) with esbuild.
// dist/extension.js holds only what activation needs; what is needed later (the
// SDK, the sandbox, the commands' bodies, the execution panel) is a bundle of its
// own in dist/, which the main bundle `require`s on first use (see LAZY_BUNDLES).
//   node scripts/esbuild.mjs               development build, with source maps
//   node scripts/esbuild.mjs --production  minified, no source maps (what ships)
//   node scripts/esbuild.mjs --watch       rebuild on change
import * as path from 'node:path';
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
  // jsonc-parser's `main` is a UMD build whose factory requires its own files
  // by a path esbuild does not follow (at run time: "Cannot find module
  // './impl/format'"); its ES-module build bundles like any other.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

/**
 * Bundles loaded on first use. Every other bundle that imports `module` (a
 * dynamic `import()`, or a type-only import, which costs nothing) gets a
 * `require('./<outfile's name>')` instead of a copy of it. `entry` is what the
 * bundle is built from, when it is not `module` itself. All land in dist/, so
 * the relative require resolves beside the bundle that asks. To add one, add a
 * line here (and let .ci/run's ALLOWED_IN_VSIX and .vscodeignore ship it).
 */
const LAZY_BUNDLES = [
  // The AWS SDK and smithy: the biggest part, needed at the first SWF call.
  { module: 'src/aws/sdk.ts', outfile: 'dist/swfClient.js' },
  // The local sandbox; also the standalone CLI (`node dist/sandbox.js`), which runs only when it is the main module.
  { module: 'src/sandbox/index.ts', entry: 'src/sandbox/cli.ts', outfile: 'dist/sandbox.js' },
  // The commands' bodies: loaded by the first command run.
  { module: 'src/commands/handlers.ts', outfile: 'dist/commands.js' },
  // The execution panel (its model, timeline and protocol): loaded by the first panel opened or restored.
  { module: 'src/views/executionPanel.ts', outfile: 'dist/panel.js' },
  // Ajv: loaded by the first answer of an activity type that has a result schema (src/commands/answer/answerServices.ts).
  { module: 'src/schemaValidator/index.ts', outfile: 'dist/schemaValidator.js' },
];

/** Replaces imports of another lazy bundle's module by a require of that bundle. */
function lazyBundlesPlugin(self) {
  const lazy = new Map(LAZY_BUNDLES.filter((b) => b.outfile !== self).map((b) => [path.resolve(b.module), `./${path.basename(b.outfile)}`]));
  return {
    name: 'lazy-bundles',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData?.lazyResolving) return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { lazyResolving: true } });
        const target = lazy.get(resolved.path);
        return target ? { path: target, external: true } : undefined;
      });
    },
  };
}

/**
 * One ES-module stand-in for `vscode` per bundle: `export * from 'vscode'`
 * copies VS Code's API object once, where each `import * as vscode` of the
 * external module would copy it again (about 2 ms of activation for 15 files).
 */
const vscodeOncePlugin = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** A Node bundle of the extension host (`vscode` is VS Code's own module). */
const hostBundle = (entry, outfile) =>
  esbuild.context({
    ...common,
    entryPoints: [entry],
    outfile,
    external: ['vscode'],
    metafile: true,
    // `import()` of another bundle becomes `require()`: VS Code's extension host loads extensions as CommonJS.
    supported: { 'dynamic-import': false },
    plugins: [...common.plugins, vscodeOncePlugin, lazyBundlesPlugin(outfile)],
  });

const contexts = await Promise.all([
  hostBundle('src/extension.ts', 'dist/extension.js'),
  ...LAZY_BUNDLES.map((b) => hostBundle(b.entry ?? b.module, b.outfile)),
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
