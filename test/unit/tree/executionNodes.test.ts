/** The Executions view's rows as data: label, description, icon and context value per status; a row is an ExecutionTarget. */
import * as assert from 'node:assert/strict';
import { SANDBOX } from '../../../src/connection/connection';
import { isExecutionTarget } from '../../../src/inbox/taskGroups';
import type { ExecutionRow } from '../../../src/swf/gateway';
import { executionContextValue, executionDescription, executionIcon, executionLabel, executionNode, executionStatusText } from '../../../src/tree/executionNodes';

const open: ExecutionRow = { workflowId: 'order-7', runId: 'run1', workflowType: { name: 'Order', version: '2' }, status: 'OPEN', tags: ['urgent', 'eu'], startedAt: new Date('2026-12-07T10:00:00Z') };
const failed: ExecutionRow = { ...open, runId: 'run0', status: 'CLOSED', closeStatus: 'FAILED', closedAt: new Date('2026-12-07T10:05:00Z'), tags: [] };

describe('executions view: rows', () => {
  it('labels a row with its type and version, or its workflow ID without one', () => {
    assert.equal(executionLabel(open), 'Order 2');
    assert.equal(executionLabel({ ...open, workflowType: undefined }), 'order-7');
  });

  it('describes workflow ID, status, times and tags', () => {
    const text = executionDescription(open);
    assert.match(text, /^order-7 · open · .+ · urgent, eu$/);
    assert.doesNotMatch(text, /→/);
    const closed = executionDescription(failed);
    assert.match(closed, /^order-7 · FAILED · .+ → .+$/);
    assert.equal(executionStatusText({ ...open, cancelRequested: true }), 'open · cancel requested');
  });

  it('gives open rows the workflow actions (contextValue execution) and closed ones not', () => {
    assert.equal(executionContextValue(open), 'execution');
    assert.equal(executionContextValue(failed), 'closedExecution');
    assert.equal(executionIcon(failed).id, 'error');
    assert.equal(executionIcon({ ...failed, closeStatus: 'COMPLETED' }).id, 'pass');
    assert.equal(executionIcon(open).id, 'sync');
    assert.notEqual(executionIcon({ ...failed, closeStatus: 'TERMINATED' }).id, executionIcon({ ...failed, closeStatus: 'CANCELED' }).id);
  });

  it('is an ExecutionTarget of its own root and run, so the workflow actions take the node as it is', () => {
    const node = executionNode('sandbox#d', { connection: SANDBOX, domain: 'd' }, failed);
    assert.ok(isExecutionTarget(node));
    assert.deepEqual([node.kind, node.workflowId, node.runId, node.root.domain], ['execution', 'order-7', 'run0', 'd']);
  });
});
