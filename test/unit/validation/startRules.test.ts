/** The rules of Start Workflow Execution and Re-run before any call: suggested IDs, tags as typed, what a re-run repeats. */
import * as assert from 'node:assert/strict';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { parseTags, rerunFields, rerunWorkflowId, suggestWorkflowId, tagsText } from '../../../src/validation/startRules';
import type { ExecutionDescription } from '../../../src/swf/gateway';
import { validateStart } from '../../../src/validation/validation';

const NOW = new Date('2026-12-07T05:30:12.345Z');

const STARTED: HistoryEvent = {
  eventId: 1,
  eventType: 'WorkflowExecutionStarted',
  eventTimestamp: NOW,
  workflowExecutionStartedEventAttributes: {
    workflowType: { name: 'OrderFlow', version: '2' },
    taskList: { name: 'deciders' },
    input: '{"orderId":7}',
    tagList: ['eu', 'urgent'],
    executionStartToCloseTimeout: '3600',
    taskStartToCloseTimeout: 'NONE',
    childPolicy: 'ABANDON',
    parentInitiatedEventId: 0,
  },
};

const DESCRIBED: ExecutionDescription = {
  status: 'CLOSED',
  closeStatus: 'FAILED',
  workflowType: { name: 'OrderFlow', version: '2' },
  tags: ['from-describe'],
  taskList: 'described-list',
  executionStartToCloseTimeout: '60',
  taskStartToCloseTimeout: '10',
  childPolicy: 'TERMINATE',
};

describe('start and re-run rules', () => {
  it('suggests <type>-<yyyymmdd-hhmmss> (UTC), within 256 characters, and avoids the IDs it is told are taken', () => {
    assert.equal(suggestWorkflowId('OrderFlow', NOW), 'OrderFlow-20261207-053012');
    assert.equal(suggestWorkflowId('  ', NOW), 'workflow-20261207-053012');
    const long = suggestWorkflowId('x'.repeat(300), NOW);
    assert.equal(long.length, 256);
    assert.ok(long.endsWith('-20261207-053012'));
    assert.equal(suggestWorkflowId('order-7', NOW, ['order-7-20261207-053012']), 'order-7-20261207-053012-2');
    assert.equal(validateStart({ workflowId: long, typeName: 'T', typeVersion: '1' }).ok, true, 'the suggestion passes the local checks');
  });

  it('replaces the stamp of a re-run of a re-run instead of adding one', () => {
    assert.equal(suggestWorkflowId('order-7-20261201-101010', NOW), 'order-7-20261207-053012');
  });

  it('reads tags typed in one box, separated by commas, and writes them back', () => {
    assert.deepEqual(parseTags(' eu , urgent,,'), ['eu', 'urgent']);
    assert.deepEqual(parseTags(''), []);
    assert.deepEqual(parseTags(undefined), []);
    assert.equal(tagsText(['eu', 'urgent']), 'eu, urgent');
    // Six tags: refused locally, as SWF would.
    assert.equal(validateStart({ workflowId: 'w', typeName: 'T', typeVersion: '1', tags: parseTags('a,b,c,d,e,f') }).ok, false);
  });

  it('re-runs with what the started event recorded: type, input, task list, tags, timeouts, child policy', () => {
    assert.deepEqual(rerunFields(DESCRIBED, STARTED), {
      typeName: 'OrderFlow',
      typeVersion: '2',
      taskList: 'deciders',
      input: '{"orderId":7}',
      tags: ['eu', 'urgent'],
      executionStartToCloseTimeout: '3600',
      taskStartToCloseTimeout: 'NONE',
      childPolicy: 'ABANDON',
    });
  });

  it('fills in from DescribeWorkflowExecution what the event lacks, and has no input then', () => {
    const fields = rerunFields(DESCRIBED, { eventId: 1, eventType: 'WorkflowExecutionStarted', eventTimestamp: NOW });
    assert.deepEqual(fields, {
      typeName: 'OrderFlow',
      typeVersion: '2',
      taskList: 'described-list',
      tags: ['from-describe'],
      executionStartToCloseTimeout: '60',
      taskStartToCloseTimeout: '10',
      childPolicy: 'TERMINATE',
    });
    assert.ok(!('input' in (fields ?? {})), 'no input key: the request then omits it');
  });

  it('ignores a first event that is not WorkflowExecutionStarted, and values of the wrong type from a peer', () => {
    const signaled = { ...STARTED, eventType: 'WorkflowExecutionSignaled' } as HistoryEvent;
    assert.equal(rerunFields(DESCRIBED, signaled)?.input, undefined);
    const hostile = {
      ...STARTED,
      workflowExecutionStartedEventAttributes: { ...STARTED.workflowExecutionStartedEventAttributes, input: 42, tagList: ['ok', 7], childPolicy: 'EXPLODE', taskList: { name: {} } },
    } as unknown as HistoryEvent;
    const fields = rerunFields(undefined, hostile);
    assert.equal(fields?.input, undefined);
    assert.deepEqual(fields?.tags, ['ok']);
    assert.equal(fields?.childPolicy, undefined);
    assert.equal(fields?.taskList, undefined);
    assert.equal(rerunFields(undefined, undefined), undefined, 'no type named anywhere: nothing to re-run');
  });

  it('offers the same workflow ID once the original has closed, a new one while it is open', () => {
    assert.deepEqual(rerunWorkflowId({ workflowId: 'order-7', open: false }, NOW), { value: 'order-7', same: true });
    assert.deepEqual(rerunWorkflowId({ workflowId: 'order-7', open: true }, NOW), { value: 'order-7-20261207-053012', same: false });
  });
});
