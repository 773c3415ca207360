/**
 * A hostile SWF peer (test/fixtures/hostileSwf.ts, on loopback) watched as a
 * root in a real VS Code: for each scenario, no hang, no crash of the
 * extension host, no file outside the workspace's .swf/, nothing rendered as
 * markup or icons, and a row or message that says what happened.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { HOSTILE_TYPE_NAMES, type HostileScenario, HostileSwf, MARKUP } from '../fixtures/hostileSwf';
import { activateExtension, clearRoots, messageRows, rootModel, shownTasks, watchRoots } from './helpers/extension';
import { type MessageRecorder, recordMessages, resetSettings } from './helpers/ui';

/** Every file and folder name under `dir` (two levels), to see what appeared. */
function namesUnder(dir: string): Set<string> {
  const names = new Set<string>();
  const walk = (at: string, depth: number): void => {
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      names.add(path.join(at, e.name));
      if (e.isDirectory() && depth > 0) walk(path.join(at, e.name), depth - 1);
    }
  };
  walk(dir, 1);
  return names;
}

describe('a hostile SWF peer', function () {
  this.timeout(120_000);
  const peer = new HostileSwf();
  let api: SwfTasksApi;
  let messages: MessageRecorder;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  const timings: string[] = [];
  let workspaceParent: string;
  let existing: { tmp: Set<string>; parent: Set<string> };

  async function watchScenario(scenario: HostileScenario): Promise<void> {
    peer.reset(scenario);
    const started = Date.now();
    await rootModel(api).refresh();
    timings.push(`${scenario} ${Date.now() - started} ms`);
  }

  async function rootSays(): Promise<string> {
    return (await messageRows(api)).map((r) => `${r.label} ${r.tooltip}`).join('\n');
  }

  async function stillAnswers(): Promise<void> {
    // The extension host still runs commands and answers a call.
    assert.ok((await vscode.commands.getCommands(true)).includes('swfTasks.refresh'));
  }

  before(async () => {
    process.on('unhandledRejection', onRejection);
    const endpoint = await peer.start();
    api = await activateExtension();
    workspaceParent = path.dirname(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.tmpdir());
    existing = { tmp: namesUnder(os.tmpdir()), parent: namesUnder(workspaceParent) };
    peer.reset('crafted');
    await watchRoots(api, [{ domain: 'hostile', region: 'us-east-1', endpoint }]);
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    if (api) await clearRoots(api);
    await resetSettings();
    await peer.stop();
    console.log(`      time per scenario: ${timings.join(', ')}`);
  });

  beforeEach(() => (messages = recordMessages()));
  afterEach(() => messages.dispose());

  it('an endless listing: the root says the listing did not end', async () => {
    await watchScenario('endlessListing');
    assert.match(await rootSays(), /The listing of open executions did not end.*100 pages/s);
    await stillAnswers();
  });

  it('a page token repeated: the root says so after two pages', async () => {
    await watchScenario('repeatedToken');
    assert.match(await rootSays(), /page token it had sent before/);
    assert.equal(peer.calls.ListOpenWorkflowExecutions, 2);
  });

  it('an endless history: the root says one history did not end', async () => {
    await watchScenario('endlessHistory');
    assert.match(await rootSays(), /One execution history could not be read: The history did not end/);
    await stillAnswers();
  });

  it('a 100 MB history page, declared or streamed: refused, and the root says so', async () => {
    for (const scenario of ['hugeDeclared', 'hugeStreamed'] as const) {
      await watchScenario(scenario);
      assert.match(await rootSays(), /sent an answer too large to read/, scenario);
      assert.ok(peer.hugeBytesSent < 100 * 1024 * 1024);
    }
    await stillAnswers();
  });

  it('a string timestamp: the root says the listing failed, not a crash', async () => {
    await watchScenario('stringTimestamps');
    const rows = await messageRows(api);
    assert.ok(rows.some((r) => /swf:ListOpenWorkflowExecutions failed/.test(r.label) && /Expected real number/.test(r.tooltip)), JSON.stringify(rows.map((r) => r.label)));
    await stillAnswers();
  });

  it('crafted events: rows as data, tooltips escaped with no icons or links, no schema file for hostile names', async () => {
    await watchScenario('crafted');
    const tasks = await shownTasks(api);
    for (const name of HOSTILE_TYPE_NAMES) assert.ok(tasks.some((t) => t.node.task.activityType.name === name), `no row for ${JSON.stringify(name.slice(0, 30))}`);
    for (const task of tasks) {
      const tooltip = task.item.tooltip as vscode.MarkdownString;
      // HTML off: VS Code shows raw HTML as text; icons off: `$(alert)` is text; untrusted: no command link runs.
      assert.ok(!tooltip.supportThemeIcons && !tooltip.isTrusted && !tooltip.supportHtml, 'theme icons, commands and HTML are off');
      // Outside the input's code block (where text is literal), the data's markdown is escaped.
      const prose = tooltip.value.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '');
      assert.ok(prose.includes('\\[run\\]\\(command:'), `a link is escaped: ${prose.slice(0, 300)}`);
      assert.ok(!/(^|[^\\])\[run\]\(command:/.test(prose), `a link is escaped: ${prose.slice(0, 300)}`);
      assert.ok(!/(^|[^\\])\*\*bold/.test(prose), 'markdown of the data is escaped');
    }
    // Create Result Schema on each hostile row: a warning saying why, and no file anywhere.
    for (const task of tasks.filter((t) => HOSTILE_TYPE_NAMES.includes(t.node.task.activityType.name))) {
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('swfTasks.createResultSchema', task.node);
      assert.equal(uri, undefined);
    }
    const warnings = messages.of('warning').map((m) => m.message);
    assert.ok(warnings.includes('This activity type\'s name is not one SWF allows (contains "/"): no schema file is made for it.'), warnings.join('\n'));
    assert.ok(warnings.some((m) => /contains a control character \(U\+0000\)/.test(m)));
    assert.ok(warnings.some((m) => /has 300 characters/.test(m)));
    assert.ok(warnings.some((m) => /version is not one SWF allows/.test(m)));
    // The execution panel of a crafted execution opens, and the host still answers.
    const markupRow = tasks.find((t) => t.node.task.workflowId.includes(MARKUP));
    assert.ok(markupRow);
    await vscode.commands.executeCommand('swfTasks.openExecution', markupRow.node);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stillAnswers();
  });

  it('left no file outside .swf/ and no unhandled rejection', () => {
    const added = (was: Set<string>, now: Set<string>) => [...now].filter((n) => !was.has(n) && /pwned|@1\.result\.json|\.\.@/.test(n));
    assert.deepEqual(added(existing.tmp, namesUnder(os.tmpdir())), []);
    assert.deepEqual(added(existing.parent, namesUnder(workspaceParent)), []);
    assert.ok(!fs.existsSync('/tmp/pwned@1.result.json'));
    assert.deepEqual(rejections.map(String), []);
  });
});
