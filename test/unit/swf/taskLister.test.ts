/**
 * The lister against a real HTTP SWF endpoint (the local sandbox) through the
 * real gateway and SDK: what it lists is checked against an independent
 * signal (DescribeWorkflowExecution's openCounts), and a refresh with nothing
 * changed is checked to read no history again.
 */
import * as assert from 'node:assert/strict';
import { DescribeWorkflowExecutionCommand, SWFClient } from '@aws-sdk/client-swf';
import { resolveCallTarget, SANDBOX } from '../../../src/connection/connection';
import { SAMPLE_DOMAIN, seedSampleDomain, SwfSandbox } from '../../../src/sandbox';
import { describeSwfError } from '../../../src/swf/errors';
import { createSwfGateway, type SwfGateway } from '../../../src/swf/gateway';
import { OpenTaskLister } from '../../../src/swf/taskLister';

describe('OpenTaskLister against the sandbox', function () {
  this.timeout(20_000);
  let sandbox: SwfSandbox;
  let gateway: SwfGateway;
  let client: SWFClient;

  before(async () => {
    sandbox = new SwfSandbox({ port: 0, pageSize: 3 });
    const { endpoint } = await sandbox.start();
    await seedSampleDomain(sandbox);
    gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 75_000 });
    client = new SWFClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });

  after(async () => {
    gateway?.dispose();
    client?.destroy();
    await sandbox?.stop();
  });

  it('lists as many open tasks per execution as DescribeWorkflowExecution counts', async () => {
    const listing = await new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 500 }).refresh();
    assert.ok(listing.executions.length >= 5, `expected the seeded executions, got ${listing.executions.length}`);
    for (const { execution, state } of listing.executions) {
      const described = await client.send(new DescribeWorkflowExecutionCommand({ domain: SAMPLE_DOMAIN, execution }));
      const listed = listing.tasks.filter((t) => t.workflowId === execution.workflowId && t.runId === execution.runId).length;
      assert.equal(listed, described.openCounts?.openActivityTasks, `open tasks of ${execution.workflowId}`);
      assert.equal(state.closed, false);
    }
    assert.ok(listing.tasks.some((t) => t.state === 'scheduled'), 'a scheduled task');
    assert.ok(listing.tasks.some((t) => t.state === 'started' && t.startedBy), 'a task started by another worker');
    assert.ok(listing.tasks.some((t) => t.cancelRequested), 'a task with a cancel request');
  });

  it('follows nextPageToken when pages are small', async () => {
    const lister = new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 500 });
    const listing = await lister.refresh();
    // Page size 3: at least one execution list and one history needed several pages.
    assert.ok(listing.executions.length > 3);
    assert.ok(listing.stats.historyCalls > listing.executions.length, 'some history spanned several pages');
    assert.equal(listing.hasMore, false);
  });

  it('lists again from the first page, once, when a page token expires mid-listing; a second expiry fails with a clear message', async () => {
    const clean = await new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 500 }).refresh();
    const LIST = 'ListOpenWorkflowExecutions';
    sandbox.resetStats();
    sandbox.configure({ faults: [{ kind: 'expiredPageToken', operation: LIST, times: 1 }] });
    try {
      const listing = await new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 500 }).refresh();
      assert.deepEqual(listing.executions.map((e) => e.execution.workflowId), clean.executions.map((e) => e.execution.workflowId), 'the same executions, none twice');
      assert.deepEqual(listing.tasks, clean.tasks);
      const pages = Math.ceil(clean.executions.length / 3);
      // Page 1, page 2 refused, then pages 1..n again.
      assert.equal(sandbox.stats().operations[LIST]?.calls, 2 + pages);
      assert.equal(sandbox.stats().operations[LIST]?.faults, 1);

      sandbox.configure({ faults: [{ kind: 'expiredPageToken', operation: LIST }] });
      const failure = await new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 500 }).refresh().then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.ok(failure, 'a token that expires again fails the listing');
      const described = describeSwfError(failure);
      assert.equal(described.title, 'A page token expired mid-listing');
      assert.match(described.detail, /swf:ListOpenWorkflowExecutions|ListOpenWorkflowExecutions/);
      assert.equal(described.retryable, true);
    } finally {
      sandbox.configure({ faults: [] });
    }
  });

  it('a second refresh with nothing changed reads one small page per execution and no whole history', async () => {
    const lister = new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 500, incrementalFirstPage: 2 });
    const first = await lister.refresh();
    const second = await lister.refresh();
    assert.equal(second.stats.historiesReadInFull, 0);
    assert.equal(second.stats.historiesReadIncrementally, first.executions.length);
    assert.equal(second.stats.historyCalls, first.executions.length, 'one call per execution');
    assert.ok(second.stats.eventsRead <= 2 * first.executions.length, `read ${second.stats.eventsRead} events`);
    assert.deepEqual(second.tasks, first.tasks);
  });

  it('stops at maxExecutions and says there is more; Load More reads the rest', async () => {
    const lister = new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 2 });
    const first = await lister.refresh();
    assert.equal(first.executions.length, 2);
    assert.equal(first.hasMore, true);
    const more = await lister.loadMore();
    assert.equal(more.executions.length, 4);
  });
});
