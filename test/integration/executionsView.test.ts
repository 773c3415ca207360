/**
 * The Executions view against a sandbox this suite runs itself (real HTTP;
 * the sandbox implements the List/Count filters as SWF does, one per call):
 * - a root lists its open and closed executions newest first, the count in the view's message;
 * - Search Executions by close status, and by workflow ID, shows only those, counted first;
 * - a workflow-ID prompt backed out of keeps its text for the next search;
 * - a type search (ListWorkflowTypes' names) lists the closed runs of that type;
 * - Save Search writes swfTasks.savedSearches, shows the node, re-runs in one click; Delete removes it;
 * - a row's own command opens the execution panel; open rows carry the workflow actions.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { StartWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import type { SwfTasksApi } from '../../src/extension';
import { SwfSandbox } from '../../src/sandbox';
import type { ExecutionNode, ExecutionsNode } from '../../src/tree/executionNodes';
import { activateExtension, clearRoots, loggedText, watchRoots } from './helpers/extension';
import { TestDomain, testClient, WORKFLOW_TYPE } from './helpers/swf';
import { answerQuickPick, waitFor } from './helpers/ui';

const DOMAIN = 'executions-view';

describe('executions view (own sandbox)', function () {
  this.timeout(60_000);
  const sandbox = new SwfSandbox({ port: 0 });
  let api: SwfTasksApi;
  let domain: TestDomain;

  before(async () => {
    const { endpoint } = await sandbox.start();
    domain = new TestDomain(testClient(endpoint), DOMAIN);
    await domain.register([]);
    const start = (workflowId: string, tagList: string[]) => domain.client.send(new StartWorkflowExecutionCommand({ domain: DOMAIN, workflowId, workflowType: WORKFLOW_TYPE, input: '{}', tagList }));
    await start('ex-done', ['eu']);
    await domain.decide('ex-done', [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'ok' } }]);
    await start('ex-failed', ['urgent']);
    await domain.decide('ex-failed', [{ decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason: 'card declined' } }]);
    await start('ex-open', ['urgent', 'eu']);
    api = await activateExtension();
    await watchRoots(api, [{ domain: DOMAIN, region: 'us-east-1', endpoint }]);
  });

  after(async () => {
    domain?.client.destroy();
    if (api) {
      await vscode.workspace.getConfiguration('swfTasks').update('savedSearches', undefined, vscode.ConfigurationTarget.Global);
      await clearRoots(api);
    }
    await sandbox.stop();
  });

  const rootNode = () => {
    const root = api.executionsProvider.getChildren().find((n) => n.kind === 'execRoot' && n.root.domain === DOMAIN);
    assert.ok(root, 'the root is in the Executions view');
    return root;
  };
  const children = (): ExecutionsNode[] => api.executionsProvider.getChildren(rootNode());
  const rows = (): ExecutionNode[] => children().filter((n): n is ExecutionNode => n.kind === 'execution');
  const idle = () => waitFor(() => !api.executions.view(rootNode().root).busy || undefined, 'the search ended', 15_000);
  const endpointOf = (): string => {
    const c = rootNode().root.connection;
    return c.kind === 'aws' ? c.endpoint : '';
  };
  const calls = (operation: string): number => sandbox.stats().operations[operation as keyof ReturnType<typeof sandbox.stats>['operations']]?.calls ?? 0;

  it('lists open and closed executions newest first, with a Search node, and the count in the message', async () => {
    await waitFor(() => rows().length === 3 || undefined, 'three rows', 15_000);
    await idle();
    assert.deepEqual(rows().map((r) => r.workflowId), ['ex-open', 'ex-failed', 'ex-done']);
    assert.equal(children()[0].kind, 'execSearch');
    const items = rows().map((r) => api.executionsProvider.getTreeItem(r));
    assert.deepEqual(items.map((i) => i.contextValue), ['execution', 'closedExecution', 'closedExecution']);
    assert.match(String(items[1].description), /^ex-failed · FAILED · .+→.+ · urgent$/);
    assert.equal(items[0].label, `${WORKFLOW_TYPE.name} ${WORKFLOW_TYPE.version}`);
    await waitFor(() => api.executionsView.message?.includes('3 executions') || undefined, `the count in the message (${api.executionsView.message ?? 'none'})`);
  });

  it('searches closed executions by close status: counted first, then only those rows', async () => {
    sandbox.resetStats();
    const picks = answerQuickPick<vscode.QuickPickItem & { value?: unknown }>((items) => items.find((i) => i.value === 'closeStatus') ?? items.find((i) => i.value === 'FAILED') ?? items.find((i) => i.value === 'day'));
    try {
      await vscode.commands.executeCommand('swfTasks.searchExecutions', rootNode());
    } finally {
      picks.dispose();
    }
    assert.equal(picks.offered.length, 3, 'filter, close status, range (no open/closed question for a close status)');
    await idle();
    assert.deepEqual(rows().map((r) => r.workflowId), ['ex-failed']);
    assert.equal(calls('CountClosedWorkflowExecutions'), 1);
    assert.equal(calls('CountOpenWorkflowExecutions'), 0);
    assert.match(api.executionsView.message ?? '', /1 execution \(FAILED · closed · last day\)/);
  });

  it('keeps a workflow ID typed into a prompt backed out of, and offers it again', async () => {
    const window = vscode.window as unknown as { showInputBox: (o?: vscode.InputBoxOptions) => Thenable<string | undefined> };
    const original = window.showInputBox;
    const shown: (string | undefined)[] = [];
    const answers = [undefined, 'ex-done'];
    window.showInputBox = async (options) => {
      shown.push(options?.value);
      const answer = answers[shown.length - 1];
      await options?.validateInput?.(answer ?? 'ex-typed-then-escaped');
      return answer;
    };
    const picks = answerQuickPick<vscode.QuickPickItem & { value?: unknown }>((items) => items.find((i) => i.value === 'workflowId') ?? items.find((i) => i.value === 'week') ?? items.find((i) => i.value === 'both'));
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.searchExecutions', rootNode()), undefined, 'backing out searches nothing');
      await vscode.commands.executeCommand('swfTasks.searchExecutions', rootNode());
    } finally {
      window.showInputBox = original;
      picks.dispose();
    }
    assert.equal(shown[1], 'ex-typed-then-escaped', 'the second prompt holds what was typed in the first');
    await idle();
    assert.deepEqual(rows().map((r) => r.workflowId), ['ex-done']);
  });

  it('searches by workflow type (as SWF filters it) and lists its registered types for the pick', async () => {
    const types = await (await api.connections.gateway(rootNode().root.connection)).listWorkflowTypes(DOMAIN, { registrationStatus: 'REGISTERED' });
    assert.deepEqual(types.map((t) => t.name), [WORKFLOW_TYPE.name]);
    await api.executions.search(rootNode().root, { status: 'closed', range: { preset: 'day' }, filter: { kind: 'type', name: WORKFLOW_TYPE.name } });
    await idle();
    assert.deepEqual(rows().map((r) => r.workflowId), ['ex-failed', 'ex-done']);
    await api.executions.search(rootNode().root, { status: 'closed', range: { preset: 'day' }, filter: { kind: 'type', name: 'NoSuchType' } });
    await idle();
    assert.equal(rows().length, 0);
    assert.match(api.executionsView.message ?? '', /no executions match/);
    // The log says at info that a listing ran; the search as stored JSON is for debugging.
    const listed = (await loggedText(api)).split('\n').filter((line) => /\[info\] .*executions of /i.test(line));
    assert.ok(listed.length >= 2, `the searches are logged:\n${listed.join('\n')}`);
    for (const line of listed) assert.doesNotMatch(line, /[{}"]/, 'no raw JSON at info');
  });

  it('saves a search in swfTasks.savedSearches, shows it under the root, re-runs it in one click, and deletes it', async () => {
    await api.executions.search(rootNode().root, { status: 'both', range: { preset: 'week' }, filter: { kind: 'tag', tag: 'urgent' } });
    await idle();
    assert.deepEqual(rows().map((r) => r.workflowId), ['ex-open', 'ex-failed']);
    const window = vscode.window as unknown as { showInputBox: (o?: vscode.InputBoxOptions) => Thenable<string | undefined> };
    const original = window.showInputBox;
    window.showInputBox = async () => 'urgent ones';
    try {
      await vscode.commands.executeCommand('swfTasks.saveSearch', rootNode());
    } finally {
      window.showInputBox = original;
    }
    const stored = vscode.workspace.getConfiguration('swfTasks').get<unknown[]>('savedSearches');
    assert.deepEqual(stored, [{ name: 'urgent ones', root: { domain: DOMAIN, region: 'us-east-1', endpoint: endpointOf() }, filter: { tagFilter: { tag: 'urgent' } }, range: { preset: 'week' }, status: 'both' }]);
    const saved = await waitFor(() => children().find((n) => n.kind === 'savedSearch'), 'the saved search node');
    // Another search, then one click on the saved one brings its rows back.
    await api.executions.search(rootNode().root, { status: 'open', range: { preset: 'week' } });
    await idle();
    assert.deepEqual(rows().map((r) => r.workflowId), ['ex-open']);
    const item = api.executionsProvider.getTreeItem(saved);
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    await idle();
    assert.deepEqual(rows().map((r) => r.workflowId), ['ex-open', 'ex-failed']);
    assert.equal(api.executions.current(rootNode().root)?.savedName, 'urgent ones');
    const confirm = vscode.window as unknown as { showWarningMessage: (...a: unknown[]) => Thenable<unknown> };
    const originalWarning = confirm.showWarningMessage;
    confirm.showWarningMessage = async (...args: unknown[]) => args[args.length - 1];
    try {
      await vscode.commands.executeCommand('swfTasks.deleteSavedSearch', saved);
    } finally {
      confirm.showWarningMessage = originalWarning;
    }
    assert.equal(vscode.workspace.getConfiguration('swfTasks').get<unknown[]>('savedSearches')?.length ?? 0, 0);
    await waitFor(() => !children().some((n) => n.kind === 'savedSearch') || undefined, 'the saved node gone');
  });

  it('opens a row\'s execution panel with the row\'s own command', async () => {
    await api.executions.search(rootNode().root, { status: 'closed', range: { preset: 'day' } });
    await idle();
    const row = rows().find((r) => r.workflowId === 'ex-failed');
    assert.ok(row);
    const item = api.executionsProvider.getTreeItem(row);
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const panel = await waitFor(() => api.executionPanels.get(row), 'the panel of ex-failed');
    await waitFor(() => panel.model.isLoaded || undefined, 'the panel read the history', 15_000);
    assert.equal(panel.model.timeline.header.status, 'failed');
    panel.webviewPanel.dispose();
  });
});
