import { GetWorkflowExecutionHistoryCommand, ListOpenWorkflowExecutionsCommand, PollForDecisionTaskCommand, type HistoryEvent, type WorkflowExecution } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { DECISIONS, DOMAIN, errorOf, startWorkflow, useFixture } from './fixture';

describe('sandbox pagination', function () {
  this.timeout(5000);
  const fixture = useFixture({ pageSize: 3 }, 'all');
  const started: WorkflowExecution[] = [];
  before(async () => {
    for (let i = 1; i <= 7; i += 1) started.push(await startWorkflow(fixture().client, `wf-${i}`));
  });

  async function listAll(reverseOrder: boolean, maximumPageSize?: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let nextPageToken: string | undefined;
    let pages = 0;
    do {
      const page = await fixture().client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: { oldestDate: new Date(0) }, reverseOrder, maximumPageSize, nextPageToken }));
      ids.push(...(page.executionInfos ?? []).map((info) => info.execution?.workflowId ?? ''));
      nextPageToken = page.nextPageToken;
      pages += 1;
    } while (nextPageToken);
    return { ids, pages };
  }

  it('caps pages at the configured size and follows nextPageToken, newest first', async () => {
    const { ids, pages } = await listAll(false);
    assert.deepEqual(ids, ['wf-7', 'wf-6', 'wf-5', 'wf-4', 'wf-3', 'wf-2', 'wf-1']);
    assert.equal(pages, 3);
  });

  it('lists oldest first with reverseOrder, and a smaller maximumPageSize wins', async () => {
    const { ids, pages } = await listAll(true, 2);
    assert.deepEqual(ids, ['wf-1', 'wf-2', 'wf-3', 'wf-4', 'wf-5', 'wf-6', 'wf-7']);
    assert.equal(pages, 4);
  });

  it('pages histories forwards and backwards', async () => {
    const { client } = fixture();
    await client.send(new PollForDecisionTaskCommand({ domain: DOMAIN, taskList: { name: DECISIONS } }));
    const read = async (reverseOrder: boolean): Promise<number[]> => {
      const events: HistoryEvent[] = [];
      let nextPageToken: string | undefined;
      do {
        const page = await client.send(new GetWorkflowExecutionHistoryCommand({ domain: DOMAIN, execution: started[0], maximumPageSize: 2, reverseOrder, nextPageToken }));
        events.push(...(page.events ?? []));
        nextPageToken = page.nextPageToken;
      } while (nextPageToken);
      return events.map((event) => event.eventId ?? 0);
    };
    assert.deepEqual(await read(false), [1, 2, 3]);
    assert.deepEqual(await read(true), [3, 2, 1]);
  });

  it('pages the events of a decision task', async () => {
    const { client, sandbox } = fixture();
    sandbox.configure({ pageSize: 1 });
    const first = await client.send(new PollForDecisionTaskCommand({ domain: DOMAIN, taskList: { name: DECISIONS } }));
    assert.equal(first.events?.length, 1);
    const second = await client.send(new PollForDecisionTaskCommand({ domain: DOMAIN, taskList: { name: DECISIONS }, nextPageToken: first.nextPageToken }));
    assert.deepEqual(second.events?.map((event) => event.eventType), ['DecisionTaskScheduled']);
    assert.equal(second.taskToken, first.taskToken);
    sandbox.configure({ pageSize: 3 });
  });

  it('rejects a page token from another listing', async () => {
    const page = await fixture().client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: { oldestDate: new Date(0) } }));
    const error = await errorOf(fixture().client.send(new GetWorkflowExecutionHistoryCommand({ domain: DOMAIN, execution: started[0], nextPageToken: page.nextPageToken })));
    assert.equal(error.name, 'ValidationException');
  });
});
