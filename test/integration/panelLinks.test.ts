/**
 * The execution panel's parent and child links (issue 17), against a sandbox
 * this suite runs itself: a parent's decider starts a child
 * (StartChildWorkflowExecution), so
 * - the parent's panel posts the child, with its run, as a link in its
 *   header; the link opens the child's panel;
 * - the child's panel posts its parent as a link, which reveals the parent's
 *   panel (the same one, not a second);
 * - a child started while the parent's panel is open reaches its header as
 *   a delta;
 * - a link the header does not hold (a page forging a message) opens nothing.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Decision } from '@aws-sdk/client-swf';
import type { ExecutionTarget } from '../../src/inbox/taskGroups';
import type { ExecutionPanel, PostedMessage } from '../../src/views/executionPanel';
import type { HeaderView, HostMessage } from '../../src/webview/execution/protocol';
import { useSandboxDomain } from './helpers/sandboxSuite';
import { WORKFLOW_TYPE } from './helpers/swf';
import { waitFor } from './helpers/ui';

const DOMAIN = 'panel-links';
const startChild = (workflowId: string): Decision => ({
  decisionType: 'StartChildWorkflowExecution',
  startChildWorkflowExecutionDecisionAttributes: { workflowType: WORKFLOW_TYPE, workflowId, input: '{"part":1}' },
});

describe('execution panel links to parent and children (own sandbox)', function () {
  this.timeout(60_000);
  const suite = useSandboxDomain(DOMAIN);
  const posted: PostedMessage[] = [];
  let recorder: vscode.Disposable | undefined;

  before(() => {
    recorder = suite.api.executionPanels.onDidPostMessage((m) => posted.push(m));
  });

  after(() => {
    recorder?.dispose();
    for (const panel of suite.api.executionPanels.all) panel.webviewPanel.dispose();
  });

  const target = (execution: { workflowId: string; runId: string }): ExecutionTarget => ({ kind: 'execution', root: suite.root.spec, ...execution });

  async function open(execution: { workflowId: string; runId: string }): Promise<ExecutionPanel> {
    await vscode.commands.executeCommand('swfTasks.openExecution', target(execution));
    const panel = await waitFor(() => suite.api.executionPanels.get(target(execution)), `the panel of ${execution.workflowId}`);
    await waitFor(() => panel.firstRenderMs !== undefined || undefined, `the page of ${execution.workflowId} drew it`, 20_000);
    return panel;
  }

  /** The header the page of `panel` holds now: its init's, patched by every delta since. */
  function headerOf(panel: ExecutionPanel): Partial<HeaderView> {
    let header: Partial<HeaderView> = {};
    for (const { panel: p, message } of posted) {
      if (p !== panel) continue;
      const m = message as HostMessage;
      if (m.type === 'init') header = { ...m.header };
      else if (m.type === 'delta' && m.header) header = { ...header, ...m.header };
    }
    return header;
  }

  async function childRun(parent: { workflowId: string; runId: string }, childId: string): Promise<{ workflowId: string; runId: string }> {
    const started = (await suite.domain.history(parent)).find((e) => e.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId === childId);
    const runId = started?.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.runId;
    assert.ok(runId, `SWF started ${childId}`);
    return { workflowId: childId, runId };
  }

  it("links a parent's panel to its child and the child's panel back to its parent", async () => {
    const parent = await suite.domain.start('links-parent');
    await suite.domain.decide('links-parent', [startChild('links-child-1')]);
    const child = await childRun(parent, 'links-child-1');

    const parentPanel = await open(parent);
    assert.deepEqual(headerOf(parentPanel).children, [child], 'the parent\'s header links its child, with the run');
    assert.equal(headerOf(parentPanel).parent, undefined);

    await parentPanel.receive({ type: 'openExecution', ...child });
    const childPanel = await waitFor(() => suite.api.executionPanels.get(target(child)), 'the link opened the child\'s panel');
    await waitFor(() => childPanel.firstRenderMs !== undefined || undefined, 'the child\'s page drew it', 20_000);
    assert.deepEqual(headerOf(childPanel).parent, parent, 'the child\'s header links its parent');
    assert.deepEqual(headerOf(childPanel).children ?? [], []);

    const panelsBefore = suite.api.executionPanels.all.length;
    await childPanel.receive({ type: 'openExecution', ...parent });
    await waitFor(() => parentPanel.webviewPanel.active || undefined, 'the parent\'s panel is revealed');
    assert.equal(suite.api.executionPanels.all.length, panelsBefore, 'revealed, not opened twice');
  });

  it("adds a child started while the parent's panel is open to its header, as a delta", async () => {
    const parent = await suite.domain.start('links-parent-2');
    await suite.domain.decide('links-parent-2', []);
    const parentPanel = await open(parent);
    assert.deepEqual(headerOf(parentPanel).children ?? [], []);
    await suite.domain.signal('links-parent-2', 'spawn');
    await suite.domain.decide('links-parent-2', [startChild('links-child-2')]);
    const child = await childRun(parent, 'links-child-2');
    await suite.root.refresh();
    await waitFor(() => (headerOf(parentPanel).children ?? []).some((c) => c.workflowId === child.workflowId && c.runId === child.runId) || undefined, 'the child reached the header', 20_000);
    const deltas = posted.filter((m) => m.panel === parentPanel && (m.message as HostMessage).type === 'delta' && (m.message as Extract<HostMessage, { type: 'delta' }>).header?.children);
    assert.ok(deltas.length >= 1, 'posted as a delta, not a new init');
  });

  it('opens nothing for a link the header does not hold', async () => {
    const parent = await suite.domain.start('links-lonely');
    const panel = await open(parent);
    const before = suite.api.executionPanels.all.length;
    const other = await suite.domain.start('links-unrelated');
    await panel.receive({ type: 'openExecution', ...other });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(suite.api.executionPanels.all.length, before, 'a forged link opened no panel');
    assert.equal(suite.api.executionPanels.get(target(other)), undefined);
  });
});
