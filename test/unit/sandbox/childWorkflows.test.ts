/**
 * Child workflow executions in the sandbox, as SWF documents them: the
 * StartChildWorkflowExecution decision, the events each side records, the
 * refusals (StartChildWorkflowExecutionFailed with SWF's cause), a child's
 * close reported to its parent, and the parent's child policy when it closes.
 */
import { type Decision, DescribeWorkflowExecutionCommand, PollForDecisionTaskCommand, RegisterWorkflowTypeCommand, RespondDecisionTaskCompletedCommand, type SWFClient, TerminateWorkflowExecutionCommand, type WorkflowExecution } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { DECISIONS, DOMAIN, eventTypes, history, startWorkflow, useFixture, WORKFLOW } from './fixture';

const startChild = (workflowId: string, extra: Record<string, unknown> = {}): Decision => ({
  decisionType: 'StartChildWorkflowExecution',
  startChildWorkflowExecutionDecisionAttributes: { workflowType: WORKFLOW, workflowId, input: `{"child":"${workflowId}"}`, ...extra },
});

/** Polls the next decision task, checks whose it is, and answers it. */
async function decideFor(client: SWFClient, workflowId: string, decisions: Decision[]): Promise<void> {
  const task = await client.send(new PollForDecisionTaskCommand({ domain: DOMAIN, taskList: { name: DECISIONS } }));
  assert.equal(task.workflowExecution?.workflowId, workflowId, 'the decision task is that execution\'s');
  await client.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions }));
}

async function childOf(client: SWFClient, parent: WorkflowExecution): Promise<WorkflowExecution> {
  const started = (await history(client, parent)).find((e) => e.eventType === 'ChildWorkflowExecutionStarted');
  const child = started?.childWorkflowExecutionStartedEventAttributes?.workflowExecution;
  assert.ok(child?.runId, 'the parent recorded its child\'s start');
  return child;
}

describe('sandbox child workflow executions', function () {
  this.timeout(5000);
  const fixture = useFixture();

  it('starts a child that names its parent, and records the start in the parent', async () => {
    const { client } = fixture();
    const parent = await startWorkflow(client, 'parent-1');
    await decideFor(client, 'parent-1', [startChild('child-1', { tagList: ['kid'] })]);
    const events = await history(client, parent);
    assert.deepEqual(eventTypes(events).slice(4), ['StartChildWorkflowExecutionInitiated', 'ChildWorkflowExecutionStarted', 'DecisionTaskScheduled']);
    const initiated = events[4].startChildWorkflowExecutionInitiatedEventAttributes;
    assert.equal(initiated?.workflowId, 'child-1');
    assert.equal(initiated?.taskList?.name, DECISIONS, "the type's default task list, filled in");
    assert.equal(initiated?.childPolicy, 'TERMINATE');
    assert.equal(initiated?.decisionTaskCompletedEventId, 4);
    const child = await childOf(client, parent);
    assert.equal(events[5].childWorkflowExecutionStartedEventAttributes?.initiatedEventId, 5);

    const [childStarted] = await history(client, child);
    assert.deepEqual(childStarted.workflowExecutionStartedEventAttributes?.parentWorkflowExecution, parent);
    assert.equal(childStarted.workflowExecutionStartedEventAttributes?.parentInitiatedEventId, 5);
    assert.equal(childStarted.workflowExecutionStartedEventAttributes?.input, '{"child":"child-1"}');
    assert.deepEqual(childStarted.workflowExecutionStartedEventAttributes?.tagList, ['kid']);
    const describedChild = await client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution: child }));
    assert.deepEqual(describedChild.executionInfo?.parent, parent);
    const describedParent = await client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution: parent }));
    assert.equal(describedParent.openCounts?.openChildWorkflowExecutions, 1);
  });

  it("reports the child's completion to the parent with its result, and wakes the parent's decider", async () => {
    const { client } = fixture();
    const parent = await startWorkflow(client, 'parent-2');
    await decideFor(client, 'parent-2', [startChild('child-2')]);
    await decideFor(client, 'child-2', [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'done' } }]);
    const events = await history(client, parent);
    const completed = events.find((e) => e.eventType === 'ChildWorkflowExecutionCompleted')?.childWorkflowExecutionCompletedEventAttributes;
    assert.ok(completed, eventTypes(events).join(', '));
    assert.equal(completed.result, 'done');
    assert.equal(completed.initiatedEventId, 5);
    assert.equal(completed.startedEventId, 6);
    assert.deepEqual(completed.workflowType, WORKFLOW);
    const described = await client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution: parent }));
    assert.equal(described.openCounts?.openChildWorkflowExecutions, 0);
    assert.equal(described.openCounts?.openDecisionTasks, 1, 'the parent has a decision to make');
  });

  it('refuses an unknown type at once (no initiated event) and a workflow ID in use after its initiated event', async () => {
    const { client } = fixture();
    const parent = await startWorkflow(client, 'parent-3');
    await startWorkflow(client, 'busy');
    await decideFor(client, 'parent-3', [startChild('ghost', { workflowType: { name: 'Nope', version: '1' } }), startChild('busy')]);
    const events = await history(client, parent);
    assert.deepEqual(eventTypes(events).slice(4), ['StartChildWorkflowExecutionFailed', 'StartChildWorkflowExecutionInitiated', 'StartChildWorkflowExecutionFailed', 'DecisionTaskScheduled']);
    assert.deepEqual(
      [events[4].startChildWorkflowExecutionFailedEventAttributes?.cause, events[4].startChildWorkflowExecutionFailedEventAttributes?.initiatedEventId],
      ['WORKFLOW_TYPE_DOES_NOT_EXIST', 0],
    );
    assert.deepEqual(
      [events[6].startChildWorkflowExecutionFailedEventAttributes?.cause, events[6].startChildWorkflowExecutionFailedEventAttributes?.initiatedEventId],
      ['WORKFLOW_ALREADY_RUNNING', 6],
    );
  });

  it('names the default a child\'s type lacks in the refusal (DEFAULT_TASK_LIST_UNDEFINED), with no initiated event', async () => {
    const { client } = fixture();
    await client.send(new RegisterWorkflowTypeCommand({ domain: DOMAIN, name: 'Bare', version: '1', defaultExecutionStartToCloseTimeout: '60', defaultTaskStartToCloseTimeout: '60', defaultChildPolicy: 'TERMINATE' }));
    const parent = await startWorkflow(client, 'parent-4');
    await decideFor(client, 'parent-4', [startChild('bare-child', { workflowType: { name: 'Bare', version: '1' } })]);
    const events = await history(client, parent);
    assert.deepEqual(eventTypes(events).slice(4), ['StartChildWorkflowExecutionFailed', 'DecisionTaskScheduled']);
    assert.deepEqual(
      [events[4].startChildWorkflowExecutionFailedEventAttributes?.cause, events[4].startChildWorkflowExecutionFailedEventAttributes?.initiatedEventId],
      ['DEFAULT_TASK_LIST_UNDEFINED', 0],
    );
  });

  it("applies the parent's child policy when it closes: TERMINATE ends the child, REQUEST_CANCEL asks it, ABANDON leaves it running", async () => {
    const { client } = fixture();
    const outcomes: Record<string, string | undefined> = {};
    for (const policy of ['TERMINATE', 'REQUEST_CANCEL', 'ABANDON'] as const) {
      const parentId = `parent-${policy}`;
      const parent = await startWorkflow(client, parentId);
      await decideFor(client, parentId, [startChild(`child-${policy}`)]);
      const child = await childOf(client, parent);
      await client.send(new TerminateWorkflowExecutionCommand({ domain: DOMAIN, workflowId: parentId, childPolicy: policy }));
      const described = await client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution: child }));
      const last = (await history(client, child)).filter((e) => e.eventType !== 'DecisionTaskScheduled').at(-1);
      outcomes[policy] = `${described.executionInfo?.executionStatus} ${last?.eventType} ${last?.workflowExecutionTerminatedEventAttributes?.cause ?? last?.workflowExecutionCancelRequestedEventAttributes?.cause ?? ''}`.trim();
      // The parent closed first: nothing about the child is recorded in it afterwards.
      assert.equal((await history(client, parent)).at(-1)?.eventType, 'WorkflowExecutionTerminated');
      // Leave the task list empty for the next parent's decider.
      if (policy !== 'TERMINATE') await decideFor(client, `child-${policy}`, [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: {} }]);
    }
    assert.deepEqual(outcomes, {
      TERMINATE: 'CLOSED WorkflowExecutionTerminated CHILD_POLICY_APPLIED',
      REQUEST_CANCEL: 'OPEN WorkflowExecutionCancelRequested CHILD_POLICY_APPLIED',
      ABANDON: 'OPEN WorkflowExecutionStarted',
    });
  });
});
