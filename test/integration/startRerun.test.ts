/**
 * Start Workflow Execution and Re-run Execution against a sandbox this suite
 * runs itself (its counters show which calls were made), through the real
 * prompts (input boxes and the type pick driven in the workbench) and the
 * real input editor, with an input schema written into the workspace folder:
 * - a start from a root: type picked from ListWorkflowTypes, every box shows
 *   the type's defaults, input that breaks `<type>@<version>.input.json` is
 *   refused in the editor (no call), valid input is sent; SWF recorded what
 *   was typed; the panel opens on the new run; the journal has it;
 * - what was typed survives a backed-out prompt and a failed call (Retry
 *   offers it again), and the failure names swf:StartWorkflowExecution;
 * - a re-run of a closed row offers its workflow ID and repeats its type,
 *   input, task list, tags, timeouts and child policy; of an open row, a new ID;
 * - the same start and re-run against moto_server (the second describe).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DescribeWorkflowExecutionCommand, type HistoryEvent, ListOpenWorkflowExecutionsCommand, StartWorkflowExecutionCommand, TerminateWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import type { JournalEntry } from '../../src/answers/journal';
import type { ExecutionTarget } from '../../src/inbox/taskGroups';
import type { ExecutionNode } from '../../src/tree/executionNodes';
import type { RegisteredTypeNode, TypeKindNode } from '../../src/tree/registryNodes';
import { rootModel } from './helpers/extension';
import { useMotoDomain } from './helpers/motoSuite';
import { useSandboxDomain } from './helpers/sandboxSuite';
import { WORKFLOW_TYPE } from './helpers/swf';
import { answerNextInputBoxes, answerNextQuickPicks, answerQuickPick, waitFor } from './helpers/ui';

const DOMAIN = 'start-rerun';
const INPUT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['orderId'],
  properties: { orderId: { type: 'integer' }, note: { type: 'string' } },
};
const TYPE_LABEL = `${WORKFLOW_TYPE.name} ${WORKFLOW_TYPE.version}`;

describe('start and re-run (own sandbox)', function () {
  this.timeout(90_000);
  const suite = useSandboxDomain(DOMAIN);
  let folder: vscode.Uri;
  /** Input editors already handled, so each wait finds the next one. */
  const seenEditors = new Set<string>();

  before(async () => {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspaceFolder, 'the tests run with a workspace folder open');
    folder = workspaceFolder.uri;
    const schema = vscode.Uri.joinPath(folder, `.swf/schemas/${WORKFLOW_TYPE.name}@${WORKFLOW_TYPE.version}.input.json`);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(schema, '..'));
    await vscode.workspace.fs.writeFile(schema, new TextEncoder().encode(JSON.stringify(INPUT_SCHEMA, null, 2)));
  });

  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.swf'), { recursive: true }).then(undefined, () => undefined);
  });

  const { calls } = suite;
  const rootNode = () => {
    const root = suite.api.executionsProvider.getChildren().find((n) => n.kind === 'execRoot' && n.root.domain === DOMAIN);
    assert.ok(root, 'the root is in the Executions view');
    return root;
  };
  const rows = (): ExecutionNode[] => suite.api.executionsProvider.getChildren(rootNode()).filter((n): n is ExecutionNode => n.kind === 'execution');

  /** The next input editor the extension opened: an untitled document under /swf-answer/. */
  async function nextInputEditor(): Promise<vscode.TextDocument> {
    const doc = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'untitled' && d.uri.path.startsWith('/swf-answer/') && !seenEditors.has(d.uri.toString())),
      'the input editor to open',
      15_000,
    );
    seenEditors.add(doc.uri.toString());
    // Shown once its first text is in: an edit before that would race the extension's own.
    await waitFor(() => vscode.window.activeTextEditor?.document === doc || undefined, 'the input editor to be shown', 15_000);
    return doc;
  }

  async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
    await waitFor(async () => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
      return (await vscode.workspace.applyEdit(edit)) && doc.getText() === text;
    }, `the editor to hold ${text}`);
  }
  const shownMessages = (): string => JSON.stringify(suite.messages.shown.map((m) => m.message));

  const submit = (doc: vscode.TextDocument): Thenable<unknown> => vscode.commands.executeCommand('swfTasks.submitAnswerEditor', doc.uri);

  /** The first event of a run, as the tests' own client reads it. */
  async function startedOf(execution: { workflowId: string; runId: string }): Promise<NonNullable<HistoryEvent['workflowExecutionStartedEventAttributes']>> {
    const [first] = await suite.domain.history(execution);
    assert.equal(first?.eventType, 'WorkflowExecutionStarted');
    assert.ok(first.workflowExecutionStartedEventAttributes);
    return first.workflowExecutionStartedEventAttributes;
  }

  async function journalOf(workflowId: string): Promise<JournalEntry[]> {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('swfTasks.showAnswerJournal', workflowId);
    assert.ok(doc, 'Show Answer Journal opened a document');
    const text = doc.getText();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    return JSON.parse(text) as JournalEntry[]; // a readable JSON array, newest first
  }

  /** Answers the child-policy pick with `policy` (and nothing else). */
  const childPolicy = (policy: string) => answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label === policy));

  it('starts from a root with the type\'s defaults shown, refuses input that breaks the input schema, sends valid input and opens the run', async () => {
    const typePick = answerNextQuickPicks([TYPE_LABEL]);
    const boxes = answerNextInputBoxes(['order-start-1', 'decisions', '3600', '120', 'eu, urgent']);
    const policy = childPolicy('ABANDON');
    try {
      const started = vscode.commands.executeCommand<ExecutionTarget | undefined>('swfTasks.startExecution', rootNode());
      const shown = await boxes.done();
      assert.deepEqual(shown.map((b) => b.shownValue.replace(/-\d{8}-\d{6}$/, '-<stamp>')), [`${WORKFLOW_TYPE.name}-<stamp>`, 'decisions', '3600', '3600', ''], 'a suggested ID, then the type\'s defaults');
      assert.match(shown[1].prompt ?? '', /the type's default: decisions/);
      assert.match(shown[2].prompt ?? '', /the type's default: 3600 s/);
      assert.ok(policy.offered[0]?.[0].label === 'TERMINATE' && /type's default/.test(policy.offered[0][0].description ?? ''), 'the type\'s child policy first, marked');
      const editor = await nextInputEditor();
      assert.equal(editor.languageId, 'json', 'the schema makes the editor JSON');
      await setText(editor, '{"orderId": "7"}');
      await submit(editor);
      await waitFor(() => suite.messages.of('error').find((m) => /OrderFlow@1\.0\.input\.json: "\/orderId": must be integer/.test(m.message)), 'the schema\'s refusal');
      assert.equal(calls('StartWorkflowExecution'), 0, 'nothing sent');
      assert.ok(!editor.isClosed, 'the editor stays open on the refused input');
      await setText(editor, '{"orderId": 7}');
      await submit(editor);
      const target = await started;
      assert.ok(target?.runId, `the command resolved with the new run (${shownMessages()})`);
      assert.equal(target.workflowId, 'order-start-1');
      assert.equal(calls('StartWorkflowExecution'), 1);
      assert.deepEqual((await typePick.done())[0].rejected, false);

      const attributes = await startedOf(target);
      assert.equal(attributes.input, '{"orderId": 7}');
      assert.deepEqual(attributes.tagList, ['eu', 'urgent']);
      assert.equal(attributes.taskList?.name, 'decisions');
      assert.equal(attributes.taskStartToCloseTimeout, '120');
      assert.equal(attributes.executionStartToCloseTimeout, '3600');
      assert.equal(attributes.childPolicy, 'ABANDON');

      const panel = await waitFor(() => suite.api.executionPanels.get(target), 'the panel of the new run');
      await waitFor(() => panel.model.isLoaded || undefined, 'the panel read the history', 15_000);
      assert.equal(panel.model.timeline.header.status, 'open');
      panel.webviewPanel.dispose();
      const [entry] = await journalOf('order-start-1');
      assert.equal(entry.action, 'start');
      assert.equal(entry.outcome, 'recorded');
      assert.equal(entry.runId, target.runId);
      assert.deepEqual(entry.workflowType, WORKFLOW_TYPE);
      assert.equal(entry.textLength, '{"orderId": 7}'.length);
    } finally {
      typePick.dispose();
      boxes.dispose();
      policy.dispose();
    }
  });

  it('keeps what was typed when a prompt is backed out of, and offers it again next time', async () => {
    const typePick = answerNextQuickPicks([TYPE_LABEL, TYPE_LABEL, TYPE_LABEL]);
    try {
      const first = answerNextInputBoxes(['order-kept', { typeThenEscape: 'my-own-list' }]);
      assert.equal(await vscode.commands.executeCommand('swfTasks.startExecution', rootNode()), undefined, 'backing out starts nothing');
      await first.done();
      first.dispose();
      const second = answerNextInputBoxes([{ typeThenEscape: 'order-kept' }]);
      await vscode.commands.executeCommand('swfTasks.startExecution', rootNode());
      const [box] = await second.done();
      second.dispose();
      assert.equal(box.shownValue, 'order-kept', 'the workflow ID typed before');
      const third = answerNextInputBoxes(['order-kept', { typeThenEscape: 'my-own-list' }]);
      await vscode.commands.executeCommand('swfTasks.startExecution', rootNode());
      const shown = await third.done();
      third.dispose();
      assert.equal(shown[1].shownValue, 'my-own-list', 'the task list typed before, not the default');
    } finally {
      typePick.dispose();
    }
    assert.equal(calls('StartWorkflowExecution'), 0);
  });

  it('reports a refused start naming swf:StartWorkflowExecution, journals it, and Retry offers what was typed', async () => {
    const typePick = answerNextQuickPicks([TYPE_LABEL]);
    // order-start-1 is open: SWF refuses a second open run of the same ID.
    const boxes = answerNextInputBoxes(['order-start-1', 'decisions', '3600', '3600', 'again']);
    const policy = childPolicy('TERMINATE');
    try {
      const started = vscode.commands.executeCommand('swfTasks.startExecution', rootNode());
      await boxes.done();
      boxes.dispose();
      const editor = await nextInputEditor();
      await setText(editor, '{"orderId": 8}');
      // The retry's prompts: the ID box shows what was typed, then is backed out of.
      const again = answerNextInputBoxes([{ typeThenEscape: 'order-start-1' }]);
      suite.messages.answerWith((m) => (m.severity === 'error' && m.items.includes('Retry') && !again.boxes.length ? 'Retry' : undefined));
      await submit(editor);
      assert.equal(await started, undefined);
      const [box] = await again.done();
      again.dispose();
      assert.equal(box.shownValue, 'order-start-1', 'Retry offers the workflow ID typed');
      const error = suite.messages.of('error').find((m) => m.message.includes('swf:StartWorkflowExecution'));
      assert.ok(error, `an error naming the operation (${suite.messages.of('error').map((m) => m.message).join(' | ')})`);
      assert.match(error.message, /already open/);
      assert.equal(calls('StartWorkflowExecution'), 1);
    } finally {
      typePick.dispose();
      policy.dispose();
    }
    const entries = await journalOf('order-start-1');
    assert.deepEqual(entries.map((e) => [e.action, e.outcome, e.error]).slice(0, 2), [['start', 'error', 'WorkflowExecutionAlreadyStartedFault'], ['start', 'recorded', undefined]]);
  });

  it('re-runs a closed row under its own workflow ID with its type, input, task list, tags, timeouts and child policy', async () => {
    const { runId } = await suite.domain.client.send(
      new StartWorkflowExecutionCommand({
        domain: DOMAIN,
        workflowId: 'order-failed',
        workflowType: WORKFLOW_TYPE,
        input: '{"orderId": 9, "note": "re-run me"}',
        tagList: ['retry-me'],
        taskList: { name: 'decisions' },
        taskStartToCloseTimeout: '90',
        executionStartToCloseTimeout: '1800',
        childPolicy: 'REQUEST_CANCEL',
      }),
    );
    assert.ok(runId);
    await suite.domain.decide('order-failed', [{ decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason: 'card declined' } }]);
    await suite.api.executions.search(rootNode().root, { status: 'closed', range: { preset: 'day' } });
    const row = await waitFor(() => rows().find((r) => r.workflowId === 'order-failed'), 'the closed row', 15_000);
    assert.equal(suite.api.executionsProvider.getTreeItem(row).contextValue, 'closedExecution');
    suite.sandbox.resetStats();
    const boxes = answerNextInputBoxes(['order-failed']);
    try {
      const rerun = vscode.commands.executeCommand<ExecutionTarget | undefined>('swfTasks.rerunExecution', row);
      const [box] = await boxes.done();
      assert.equal(box.shownValue, 'order-failed', 'a closed run\'s ID is offered again');
      const target = await rerun;
      assert.ok(target?.runId && target.runId !== runId, `a new run (${shownMessages()})`);
      assert.equal(target.workflowId, 'order-failed');
      assert.equal(calls('DescribeWorkflowExecution'), 1);
      assert.equal(calls('StartWorkflowExecution'), 1);
      const [original, repeated] = await Promise.all([startedOf({ workflowId: 'order-failed', runId }), startedOf(target)]);
      for (const field of ['input', 'tagList', 'taskList', 'taskStartToCloseTimeout', 'executionStartToCloseTimeout', 'childPolicy', 'workflowType'] as const) {
        assert.deepEqual(repeated[field], original[field], field);
      }
      const panel = await waitFor(() => suite.api.executionPanels.get(target), 'the panel of the new run');
      panel.webviewPanel.dispose();
      const [entry] = await journalOf('order-failed');
      assert.deepEqual([entry.action, entry.outcome, entry.runId, entry.rerunOf], ['rerun', 'recorded', target.runId, { workflowId: 'order-failed', runId }]);
    } finally {
      boxes.dispose();
    }
  });

  it("re-runs from the closed run's panel: its Re-run button offers the run's workflow ID", async () => {
    const closed = rows().find((r) => r.workflowId === 'order-failed' && r.row.status === 'CLOSED');
    assert.ok(closed, 'the closed original is a row');
    await vscode.commands.executeCommand('swfTasks.openExecution', closed);
    const panel = await waitFor(() => suite.api.executionPanels.get(closed), 'the panel of the closed run');
    await waitFor(() => panel.model.isLoaded || undefined, 'the panel read the history', 15_000);
    // order-failed has an open run now (the re-run above): another ID is typed.
    const boxes = answerNextInputBoxes(['order-failed-from-panel']);
    try {
      await panel.receive({ type: 'action', action: 'rerun' });
      const [box] = await boxes.done();
      assert.equal(box.shownValue, 'order-failed');
    } finally {
      boxes.dispose();
      panel.webviewPanel.dispose();
    }
    const listed = await suite.domain.client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: { oldestDate: new Date(0) }, executionFilter: { workflowId: 'order-failed-from-panel' } }));
    const execution = listed.executionInfos?.[0]?.execution;
    assert.ok(execution?.runId, `the new run is open (${shownMessages()})`);
    assert.equal((await startedOf({ workflowId: 'order-failed-from-panel', runId: execution.runId })).input, '{"orderId": 9, "note": "re-run me"}');
    const panelOfNew = await waitFor(() => suite.api.executionPanels.get({ ...closed, workflowId: 'order-failed-from-panel', runId: execution.runId ?? '' }), 'the new run opened in its panel');
    panelOfNew.webviewPanel.dispose();
  });

  it("offers the workflow type's input templates (.swf/input-templates/) and opens the editor on the one picked", async () => {
    const template = vscode.Uri.joinPath(folder, `.swf/input-templates/${WORKFLOW_TYPE.name}@${WORKFLOW_TYPE.version}/small order.json`);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(template, '..'));
    await vscode.workspace.fs.writeFile(template, new TextEncoder().encode('{"orderId": 11}'));
    const typePick = answerNextQuickPicks([TYPE_LABEL]);
    const boxes = answerNextInputBoxes(['order-templated', 'decisions', '3600', '3600', '']);
    const picks = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label === 'TERMINATE') ?? items.find((i) => i.label.includes('small order')));
    try {
      const started = vscode.commands.executeCommand<ExecutionTarget | undefined>('swfTasks.startExecution', rootNode());
      await boxes.done();
      const editor = await nextInputEditor();
      assert.equal(editor.getText(), '{"orderId": 11}', 'the editor holds the template');
      const offered = picks.offered.find((items) => items.some((i) => i.label.includes('small order')));
      assert.ok(offered?.some((i) => i.label.includes('Blank input')), 'a blank input is offered beside the template');
      await submit(editor);
      const target = await started;
      assert.ok(target, shownMessages());
      assert.equal((await startedOf(target)).input, '{"orderId": 11}');
      suite.api.executionPanels.get(target)?.webviewPanel.dispose();
    } finally {
      typePick.dispose();
      boxes.dispose();
      picks.dispose();
    }
  });

  it("starts from a workflow type's node with that type and version, and no type pick", async () => {
    const children = (node?: Parameters<typeof suite.api.executionsProvider.getChildren>[0]) => suite.api.executionsProvider.getChildren(node);
    const types = children(rootNode()).find((n) => n.kind === 'types');
    assert.ok(types, 'the root has a Types node');
    const workflowTypes = children(types).find((n): n is TypeKindNode => n.kind === 'typeKind' && n.typeKind === 'workflow');
    assert.ok(workflowTypes, 'Types has a workflow types node');
    const typeNode = await waitFor(() => children(workflowTypes).find((n): n is RegisteredTypeNode => n.kind === 'registeredType' && n.type.name === WORKFLOW_TYPE.name && n.type.version === WORKFLOW_TYPE.version), 'the workflow type to be listed');
    suite.sandbox.resetStats();
    const boxes = answerNextInputBoxes(['order-from-type', 'decisions', '3600', '3600', 'from-type']);
    // The child policy, then (the template test wrote one) a blank input rather than the template.
    const policy = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label === 'TERMINATE') ?? items.find((i) => i.label.includes('Blank input')));
    try {
      const started = vscode.commands.executeCommand<ExecutionTarget | undefined>('swfTasks.startExecution', typeNode);
      const shown = await boxes.done();
      assert.equal(shown[0].title, `Start ${TYPE_LABEL}`, 'the boxes name the node\'s type');
      const editor = await nextInputEditor();
      await setText(editor, '{"orderId": 12}');
      await submit(editor);
      const target = await started;
      assert.ok(target?.runId, shownMessages());
      assert.equal(calls('ListWorkflowTypes'), 0, 'no type pick: the node named the type');
      const attributes = await startedOf(target);
      assert.deepEqual(attributes.tagList, ['from-type']);
      assert.equal(attributes.input, '{"orderId": 12}');
      suite.api.executionPanels.get(target)?.webviewPanel.dispose();
    } finally {
      boxes.dispose();
      policy.dispose();
    }
  });

  it('re-runs an open execution under a new suggested workflow ID, leaving the original open', async () => {
    const original = await suite.domain.start('order-open', '{"orderId": 10}');
    // Escape on the ID box: nothing is started.
    const boxes = answerNextInputBoxes([{ typeThenEscape: 'order-open-escaped' }]);
    try {
      const target = vscode.commands.executeCommand<ExecutionTarget | undefined>('swfTasks.rerunExecution', { kind: 'execution', root: rootNode().root, ...original });
      const [box] = await boxes.done();
      assert.match(box.shownValue, /^order-open-\d{8}-\d{6}$/, 'a new ID while the original is open');
      assert.equal(await target, undefined, 'backed out');
    } finally {
      boxes.dispose();
    }
    const again = answerNextInputBoxes(['order-open-again']);
    try {
      const target = await vscode.commands.executeCommand<ExecutionTarget | undefined>('swfTasks.rerunExecution', { kind: 'execution', root: rootNode().root, ...original });
      assert.equal(target?.workflowId, 'order-open-again', shownMessages());
      assert.equal((await startedOf(target)).input, '{"orderId": 10}');
      suite.api.executionPanels.get(target)?.webviewPanel.dispose();
    } finally {
      again.dispose();
    }
    const description = await suite.domain.client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution: original }));
    assert.equal(description.executionInfo?.executionStatus, 'OPEN');
  });
});

/**
 * The same two commands against moto_server, an independent SWF peer that
 * implements StartWorkflowExecution, DescribeWorkflowType,
 * DescribeWorkflowExecution and the history's first event: what the
 * extension sends there is what moto records.
 */
describe('start and re-run (moto_server)', function () {
  this.timeout(60_000);
  const suite = useMotoDomain('start-rerun-moto', []);
  const root = () => ({ kind: 'root', rootId: rootModel(suite.api).id });

  it('starts with the defaults moto describes, and re-runs the terminated run under its own workflow ID with the same input and tags', async () => {
    const typePick = answerNextQuickPicks([TYPE_LABEL]);
    const boxes = answerNextInputBoxes(['moto-start', 'decisions', '3600', '3600', 'moto-tag']);
    const policy = answerQuickPick<vscode.QuickPickItem>((items) => items[0]);
    let target: ExecutionTarget | undefined;
    try {
      const started = vscode.commands.executeCommand<ExecutionTarget | undefined>('swfTasks.startExecution', root());
      const shown = await boxes.done();
      assert.deepEqual(shown.slice(1, 4).map((b) => b.shownValue), ['decisions', '3600', '3600'], "moto's DescribeWorkflowType defaults");
      assert.equal(policy.offered[0]?.[0].label, 'TERMINATE');
      const doc = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'untitled' && d.uri.path.startsWith('/swf-answer/') && d.uri.path.includes('moto-start') && !d.isClosed), 'the input editor');
      await waitFor(() => vscode.window.activeTextEditor?.document === doc || undefined, 'the input editor shown');
      await waitFor(async () => {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(doc.uri, new vscode.Position(0, 0), '{"orderId": 21}');
        return (await vscode.workspace.applyEdit(edit)) && doc.getText() === '{"orderId": 21}';
      }, 'the input typed');
      await vscode.commands.executeCommand('swfTasks.submitAnswerEditor', doc.uri);
      target = await started;
    } finally {
      typePick.dispose();
      boxes.dispose();
      policy.dispose();
    }
    assert.ok(target?.runId, JSON.stringify(suite.messages.shown.map((m) => m.message)));
    suite.api.executionPanels.get(target)?.webviewPanel.dispose();
    const [first] = await suite.domain.history(target);
    assert.equal(first.workflowExecutionStartedEventAttributes?.input, '{"orderId": 21}');
    // moto leaves the tags out of WorkflowExecutionStarted (the service records them there): they are read from DescribeWorkflowExecution.
    const tagsOf = async (run: { workflowId: string; runId: string }) => (await suite.domain.client.send(new DescribeWorkflowExecutionCommand({ domain: 'start-rerun-moto', execution: run }))).executionInfo?.tagList;
    assert.deepEqual(await tagsOf(target), ['moto-tag']);

    await suite.domain.client.send(new TerminateWorkflowExecutionCommand({ domain: 'start-rerun-moto', workflowId: 'moto-start', runId: target.runId }));
    const again = answerNextInputBoxes(['moto-start']);
    let rerun: ExecutionTarget | undefined;
    try {
      rerun = await vscode.commands.executeCommand<ExecutionTarget | undefined>('swfTasks.rerunExecution', target);
      assert.equal((await again.done())[0].shownValue, 'moto-start', 'the closed run\'s workflow ID is offered');
    } finally {
      again.dispose();
    }
    assert.ok(rerun?.runId && rerun.runId !== target.runId, JSON.stringify(suite.messages.shown.map((m) => m.message)));
    suite.api.executionPanels.get(rerun)?.webviewPanel.dispose();
    const [repeated] = await suite.domain.history(rerun);
    assert.equal(repeated.workflowExecutionStartedEventAttributes?.input, '{"orderId": 21}');
    assert.deepEqual(await tagsOf(rerun), ['moto-tag'], 'the re-run took the tags from DescribeWorkflowExecution, where moto keeps them');
    assert.equal(repeated.workflowExecutionStartedEventAttributes?.taskList?.name, 'decisions');
  });
});
