/**
 * Run by bench.ts in a fresh Node process: loads dist/extension.js with
 * VS Code's API stubbed and runs `activate()`, as the extension host would at
 * the first view or command. Prints one JSON line: load and activate times,
 * and which of the extension's bundles were loaded by then (only
 * extension.js should be: the SDK, the sandbox, the commands and the panel
 * wait for their first use).
 *
 * The stand-in for `vscode` answers every member with a no-op (a callable,
 * constructible proxy), settings with their defaults, and the state stores
 * with nothing, so what is timed is the extension's own work.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

// Plain `require`, as the extension host loads an extension (and Node's module loader, to stand in for `vscode`).
const load = createRequire(__filename);

const DIST = path.resolve(__dirname, '../../../dist');

function anything(): unknown {
  const target = function () {
    /* no-op */
  };
  const proxy: unknown = new Proxy(target, {
    get: (_t, key) => {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return [][Symbol.iterator];
      return proxy;
    },
    set: () => true,
    apply: () => proxy,
    construct: () => anything() as object,
  });
  return proxy;
}

class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => undefined };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

const memento = { get: (_k: string, d?: unknown) => d, update: async () => undefined, keys: () => [] };
// Every member the extension uses is an own property: the bundle's ES-module interop copies own properties only.
const MEMBERS = 'ConfigurationTarget InputBoxValidationSeverity MarkdownString ProgressLocation StatusBarAlignment ThemeColor ThemeIcon TreeItem TreeItemCollapsibleState Uri ViewColumn commands env window';
const standIn = new Proxy(
  {
    ...Object.fromEntries(MEMBERS.split(' ').map((name) => [name, anything()])),
    EventEmitter,
    Disposable: class {
      static from = (...d: { dispose(): unknown }[]) => ({ dispose: () => d.forEach((x) => x.dispose()) });
      constructor(private readonly fn: () => unknown) {}
      dispose() {
        this.fn();
      }
    },
    l10n: { bundle: undefined, t: (s: string) => s, uri: undefined },
    workspace: new Proxy(
      { getConfiguration: () => ({ get: (_k: string, d: unknown) => d, inspect: () => undefined, update: async () => undefined, has: () => false }) },
      { get: (t, k) => (k in t ? t[k as keyof typeof t] : anything()) },
    ),
  } as Record<string | symbol, unknown>,
  { get: (t, k) => (k in t ? t[k] : anything()) },
);

const Module = load('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
const original = Module._load;
Module._load = (request, ...rest) => (request === 'vscode' ? standIn : original(request, ...rest));

const context = {
  subscriptions: [] as { dispose(): unknown }[],
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose: () => undefined }) },
  workspaceState: memento,
  globalState: { ...memento, setKeysForSync: () => undefined },
  extensionUri: anything(),
  logUri: anything(),
  extensionPath: path.dirname(DIST),
};

// Node's own modules are loaded in any extension host before an extension is: they are not the extension's cost.
for (const builtin of ['fs', 'fs/promises', 'os', 'path', 'crypto', 'util', 'events', 'perf_hooks']) load(`node:${builtin}`);

const start = performance.now();
const extension = load(path.join(DIST, 'extension.js')) as { activate(c: unknown): unknown };
const loaded = performance.now();
extension.activate(context);
const activated = performance.now();
const bundles = Object.keys(load.cache)
  .filter((f) => f.startsWith(DIST + path.sep))
  .map((f) => path.relative(DIST, f));
console.log(JSON.stringify({ loadMs: loaded - start, activateMs: activated - loaded, totalMs: activated - start, bundles }));
for (const d of context.subscriptions) d.dispose();
process.exit(0);
