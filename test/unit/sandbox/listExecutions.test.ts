/**
 * The filter rules of List/Count Open/Closed WorkflowExecutions as the SWF API
 * reference states them: one of executionFilter / typeFilter / tagFilter (and
 * closeStatusFilter for closed ones) per call, exactly one time filter for closed
 * listings, inclusive oldestDate..latestDate ranges, newest first by start or
 * close time, reverseOrder, paging. moto ignores most of these (swf-facts.md),
 * so the sandbox's behaviour is pinned here against the documented rules.
 */
import {
  CountClosedWorkflowExecutionsCommand,
  CountOpenWorkflowExecutionsCommand,
  ListClosedWorkflowExecutionsCommand,
  ListOpenWorkflowExecutionsCommand,
  PollForDecisionTaskCommand,
  RegisterWorkflowTypeCommand,
  RespondDecisionTaskCompletedCommand,
  StartWorkflowExecutionCommand,
  TerminateWorkflowExecutionCommand,
  type Decision,
  type ListClosedWorkflowExecutionsInput,
  type ListOpenWorkflowExecutionsInput,
} from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { DOMAIN, WORKFLOW, errorOf, useFixture } from './fixture';

const OTHER = { name: 'OtherWorkflow', version: '2' };
const ALL_TIME = { oldestDate: new Date(0) };
const at = (seconds: number): Date => new Date(seconds * 1000);

describe('sandbox execution listing filters', function () {
  this.timeout(10_000);
  let now = 0;
  const fixture = useFixture({ clock: () => now * 1000, pageSize: 2 }, 'all');

  async function start(seconds: number, workflowId: string, workflowType = WORKFLOW, tagList: string[] = []): Promise<void> {
    now = seconds;
    // Each run decides on its own task list, so closing one by decision picks its own task.
    await fixture().client.send(new StartWorkflowExecutionCommand({ domain: DOMAIN, workflowId, workflowType, tagList, taskList: { name: `tl-${workflowId}` } }));
  }

  async function closeByDecision(seconds: number, workflowId: string, decision: Decision): Promise<void> {
    now = seconds;
    const { client } = fixture();
    const task = await client.send(new PollForDecisionTaskCommand({ domain: DOMAIN, taskList: { name: `tl-${workflowId}` } }));
    await client.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions: [decision] }));
  }

  // Starts: a@100 b@200 c@300 d@400 e@500 f@600; closes: a@700 TERMINATED, b@800 COMPLETED, c@900 FAILED; d, e, f stay open.
  before(async () => {
    const { client } = fixture();
    await client.send(new RegisterWorkflowTypeCommand({ domain: DOMAIN, ...OTHER, defaultTaskList: { name: 'x' }, defaultChildPolicy: 'TERMINATE', defaultExecutionStartToCloseTimeout: '3600', defaultTaskStartToCloseTimeout: '60' }));
    await start(100, 'a', WORKFLOW, ['red']);
    await start(200, 'b', OTHER, ['blue']);
    await start(300, 'c', WORKFLOW, ['red', 'blue']);
    await start(400, 'd', OTHER, ['red']);
    await start(500, 'e', WORKFLOW);
    await start(600, 'f', WORKFLOW);
    now = 700;
    await client.send(new TerminateWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'a' }));
    await closeByDecision(800, 'b', { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: {} });
    await closeByDecision(900, 'c', { decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason: 'no' } });
  });

  async function listOpen(input: Omit<ListOpenWorkflowExecutionsInput, 'domain'>): Promise<string[]> {
    const ids: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await fixture().client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, ...input, nextPageToken }));
      ids.push(...(page.executionInfos ?? []).map((info) => info.execution?.workflowId ?? ''));
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    return ids;
  }

  async function listClosed(input: Omit<ListClosedWorkflowExecutionsInput, 'domain'>): Promise<string[]> {
    const ids: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await fixture().client.send(new ListClosedWorkflowExecutionsCommand({ domain: DOMAIN, ...input, nextPageToken }));
      ids.push(...(page.executionInfos ?? []).map((info) => `${info.execution?.workflowId ?? ''}:${info.closeStatus ?? ''}`));
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    return ids;
  }

  it('lists open executions newest first across pages, and oldest first with reverseOrder', async () => {
    assert.deepEqual(await listOpen({ startTimeFilter: ALL_TIME }), ['f', 'e', 'd']);
    assert.deepEqual(await listOpen({ startTimeFilter: ALL_TIME, reverseOrder: true }), ['d', 'e', 'f']);
  });

  it('bounds the start time inclusively and leaves latestDate open when absent', async () => {
    assert.deepEqual(await listOpen({ startTimeFilter: { oldestDate: at(400), latestDate: at(500) } }), ['e', 'd']);
    assert.deepEqual(await listOpen({ startTimeFilter: { oldestDate: at(501) } }), ['f']);
    assert.deepEqual(await listClosed({ startTimeFilter: { oldestDate: at(150), latestDate: at(300) } }), ['c:FAILED', 'b:COMPLETED']);
  });

  it('filters closed executions by close time and orders them by it', async () => {
    assert.deepEqual(await listClosed({ closeTimeFilter: { oldestDate: at(750) } }), ['c:FAILED', 'b:COMPLETED']);
    assert.deepEqual(await listClosed({ closeTimeFilter: ALL_TIME, reverseOrder: true }), ['a:TERMINATED', 'b:COMPLETED', 'c:FAILED']);
  });

  it('applies executionFilter, typeFilter (version optional), tagFilter and closeStatusFilter', async () => {
    assert.deepEqual(await listOpen({ startTimeFilter: ALL_TIME, executionFilter: { workflowId: 'd' } }), ['d']);
    assert.deepEqual(await listOpen({ startTimeFilter: ALL_TIME, typeFilter: { name: OTHER.name } }), ['d']);
    assert.deepEqual(await listOpen({ startTimeFilter: ALL_TIME, typeFilter: { name: WORKFLOW.name, version: WORKFLOW.version } }), ['f', 'e']);
    assert.deepEqual(await listOpen({ startTimeFilter: ALL_TIME, typeFilter: { name: OTHER.name, version: '9' } }), []);
    assert.deepEqual(await listOpen({ startTimeFilter: ALL_TIME, tagFilter: { tag: 'red' } }), ['d']);
    assert.deepEqual(await listClosed({ startTimeFilter: ALL_TIME, tagFilter: { tag: 'red' } }), ['c:FAILED', 'a:TERMINATED']);
    assert.deepEqual(await listClosed({ closeTimeFilter: ALL_TIME, closeStatusFilter: { status: 'COMPLETED' } }), ['b:COMPLETED']);
    assert.deepEqual(await listClosed({ startTimeFilter: ALL_TIME, closeStatusFilter: { status: 'TIMED_OUT' } }), []);
  });

  it('counts with the same filters, never truncated', async () => {
    const { client } = fixture();
    const open = await client.send(new CountOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME, typeFilter: { name: WORKFLOW.name } }));
    assert.deepEqual([open.count, open.truncated], [2, false]);
    const closed = await client.send(new CountClosedWorkflowExecutionsCommand({ domain: DOMAIN, closeTimeFilter: { oldestDate: at(750), latestDate: at(800) } }));
    assert.deepEqual([closed.count, closed.truncated], [1, false]);
    const failed = await client.send(new CountClosedWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME, closeStatusFilter: { status: 'FAILED' } }));
    assert.equal(failed.count, 1);
  });

  it('refuses more than one of the exclusive filters in one call, listing or counting', async () => {
    const { client } = fixture();
    const refusals = [
      client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME, typeFilter: { name: 'x' }, tagFilter: { tag: 'red' } })),
      client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME, executionFilter: { workflowId: 'd' }, tagFilter: { tag: 'red' } })),
      client.send(new ListClosedWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME, closeStatusFilter: { status: 'FAILED' }, tagFilter: { tag: 'red' } })),
      client.send(new CountOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME, executionFilter: { workflowId: 'd' }, typeFilter: { name: 'x' } })),
      client.send(new CountClosedWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME, closeStatusFilter: { status: 'FAILED' }, typeFilter: { name: 'x' } })),
    ];
    for (const refusal of refusals) assert.equal((await errorOf(refusal)).name, 'ValidationException');
  });

  it('wants exactly one time filter for closed executions, and a start time filter for open ones', async () => {
    const { client } = fixture();
    assert.equal((await errorOf(client.send(new ListClosedWorkflowExecutionsCommand({ domain: DOMAIN })))).name, 'ValidationException');
    assert.equal((await errorOf(client.send(new ListClosedWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME, closeTimeFilter: ALL_TIME })))).name, 'ValidationException');
    assert.equal((await errorOf(client.send(new CountClosedWorkflowExecutionsCommand({ domain: DOMAIN })))).name, 'ValidationException');
    assert.equal((await errorOf(client.send(new CountOpenWorkflowExecutionsCommand({ domain: DOMAIN } as never)))).name, 'ValidationException');
    assert.equal((await errorOf(client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: { latestDate: at(5) } } as never)))).name, 'ValidationException');
  });

  it('rejects a page token from a listing with other filters or order', async () => {
    const { client } = fixture();
    const first = await client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME }));
    assert.ok(first.nextPageToken);
    const withType = client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME, typeFilter: { name: WORKFLOW.name }, nextPageToken: first.nextPageToken }));
    assert.equal((await errorOf(withType)).name, 'ValidationException');
    const reversed = client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ALL_TIME, reverseOrder: true, nextPageToken: first.nextPageToken }));
    assert.equal((await errorOf(reversed)).name, 'ValidationException');
  });
});
