/**
 * The extension stays dormant until someone opens its view, then registers
 * everything it contributes. Runs first (see suite/index.ts): its first test
 * needs a session in which nothing has activated the extension yet.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'swf-activity-tasks.swf-activity-tasks';
const VIEW_ID = 'swfTasks';
const ACTIVATION_DEADLINE_MS = 30_000;

interface ContributedCommand { command: string }
interface ViewWelcome { view: string; when?: string }
interface ExtensionManifest {
  activationEvents?: string[];
  contributes: { commands: ContributedCommand[]; viewsWelcome?: ViewWelcome[] };
}

/** The part of activate()'s return value these tests rely on. */
interface SwfTasksApi {
  tasksProvider: { getChildren(element?: unknown): vscode.ProviderResult<unknown[]> };
}

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not loaded: is package.json's publisher.name right?`);
  return found;
}

const manifest = (): ExtensionManifest => extension().packageJSON as ExtensionManifest;

async function waitUntilActive(deadlineMs: number): Promise<number> {
  const started = Date.now();
  while (!extension().isActive) {
    assert.ok(Date.now() - started < deadlineMs, `the extension did not activate within ${deadlineMs / 1000} s of opening its view`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

function api(): SwfTasksApi {
  const exported = extension().exports as Partial<SwfTasksApi> | undefined;
  assert.ok(exported?.tasksProvider && typeof exported.tasksProvider.getChildren === 'function',
    'activate() must return { tasksProvider } with getChildren(): the integration tests read the tree through it');
  return exported as SwfTasksApi;
}

describe('activation', () => {
  it('is not active before its view is opened', () => {
    assert.equal(extension().isActive, false, 'something activated the extension before any test opened its view');
  });

  it('activates when its view is opened', async () => {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    const ms = await waitUntilActive(ACTIVATION_DEADLINE_MS);
    console.log(`      (activated ${ms} ms after the view was opened)`);
  });

  it('registers every command package.json contributes', async () => {
    await waitUntilActive(ACTIVATION_DEADLINE_MS);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest().contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('declares no eager activation events', () => {
    const eager = (manifest().activationEvents ?? []).filter((event) => event === '*' || event === 'onStartupFinished');
    assert.deepEqual(eager, [], 'the extension must activate on demand (its view or commands), not at startup');
  });

  it('shows the welcome content while no domain is watched', async () => {
    const welcome = (manifest().contributes.viewsWelcome ?? []).filter((entry) => entry.view === VIEW_ID);
    assert.ok(welcome.some((entry) => entry.when === '!swfTasks.hasRoots'),
      `viewsWelcome for ${VIEW_ID} must be shown when !swfTasks.hasRoots`);
    // VS Code shows welcome content only over an empty tree.
    await waitUntilActive(ACTIVATION_DEADLINE_MS);
    const roots = await api().tasksProvider.getChildren();
    assert.deepEqual(roots ?? [], [], 'with no domain watched the tree must be empty, so the welcome content shows');
  });
});
