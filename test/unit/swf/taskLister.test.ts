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
import { executionKey } from '../../../src/history/openTasks';
import { TokenBucket } from '../../../src/swf/readBudget';
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

/** The real gateway, with the order of history reads recorded (the first page of each read names its execution). */
function recording(gateway: SwfGateway): { gateway: SwfGateway; reads: string[] } {
  const reads: string[] = [];
  const spied: SwfGateway = Object.create(gateway) as SwfGateway;
  spied.historyPages = (domain, execution, options) => {
    reads.push(execution.workflowId ?? '');
    return gateway.historyPages(domain, execution, options);
  };
  return { gateway: spied, reads };
}

class CountingBucket extends TokenBucket {
  taken = 0;
  override take(signal?: AbortSignal): Promise<void> {
    this.taken++;
    return super.take(signal);
  }
}

describe('OpenTaskLister: read order, progress and the read budget (sandbox)', function () {
  this.timeout(30_000);
  let sandbox: SwfSandbox;
  let endpoint: string;
  let gateway: SwfGateway;

  before(async () => {
    sandbox = new SwfSandbox({ port: 0 });
    endpoint = (await sandbox.start()).endpoint;
    await seedSampleDomain(sandbox);
    gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 75_000 });
  });

  after(async () => {
    gateway?.dispose();
    await sandbox?.stop();
  });

  it('reads the executions of claimed tasks first, then those of shown task lists', async () => {
    const first = await new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 500 }).refresh();
    const executions = first.executions.map((e) => e.execution);
    assert.ok(executions.length >= 4);
    const claimed = executions[executions.length - 1];
    const shownList = first.tasks.find((t) => t.workflowId !== claimed.workflowId)?.taskList ?? '';
    const { gateway: spied, reads } = recording(gateway);
    const lister = new OpenTaskLister(spied, SAMPLE_DOMAIN, { maxExecutions: 500, concurrency: 1 });
    await lister.refresh(); // every execution known, so the order below is the hints' alone
    reads.length = 0;
    await lister.refresh(undefined, { claimedExecutions: new Set([executionKey(claimed)]), shownTaskLists: new Set([shownList]) });
    assert.equal(reads[0], claimed.workflowId, `claimed first: ${reads.join(', ')}`);
    const shownIds = new Set(first.tasks.filter((t) => t.taskList === shownList && t.workflowId !== claimed.workflowId).map((t) => t.workflowId));
    const shownPositions = reads.map((id, i) => (shownIds.has(id) ? i : -1)).filter((i) => i >= 0);
    const otherPositions = reads.map((id, i) => (!shownIds.has(id) && id !== claimed.workflowId ? i : -1)).filter((i) => i >= 0);
    assert.ok(shownPositions.length > 0);
    assert.ok(Math.max(...shownPositions) < Math.min(...otherPositions, Infinity), `shown task lists next: ${reads.join(', ')}`);
  });

  it('shows rows before every history is read, and the same rows at the end as without progress', async () => {
    const partials: number[] = [];
    const lister = new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 500, concurrency: 1 });
    const listing = await lister.refresh(undefined, { onProgress: (p) => partials.push(p.stats.historiesReadInFull) });
    assert.ok(partials.length > 0, 'progress was reported');
    assert.equal(partials[0], 1, 'after the first history read');
    assert.ok(partials.every((n) => n < listing.executions.length), 'progress is reported only before the end');
    const plain = await new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 500 }).refresh();
    assert.deepEqual(listing.tasks, plain.tasks);
  });

  it('a first load shows rows before the last page of the listing', async () => {
    const small = new SwfSandbox({ port: 0, pageSize: 2 });
    const paged = await createSwfGateway(resolveCallTarget(SANDBOX, (await small.start()).endpoint), { pollTimeoutMs: 75_000 });
    try {
      await seedSampleDomain(small);
      const partials: number[] = [];
      const listing = await new OpenTaskLister(paged, SAMPLE_DOMAIN, { maxExecutions: 500 }).refresh(undefined, { onProgress: (p) => partials.push(p.executions.length) });
      const listingCalls = paged.callCounts().ListOpenWorkflowExecutions ?? 0;
      assert.ok(listingCalls >= 3, `pages of 2: ${listingCalls} listing calls`);
      // The first rows come from the first page's executions, read while the other pages are listed.
      assert.equal(partials[0], 2, `the first progress holds the first page only: ${partials.join(', ')} of ${listing.executions.length}`);
      assert.equal(listing.executions.length, new Set(listing.executions.map((e) => executionKey(e.execution))).size, 'each execution once');
      assert.equal(listing.stats.historiesReadInFull, listing.executions.length, 'each history read once');
    } finally {
      paged.dispose();
      await small.stop();
    }
  });

  it('refreshSome re-reads only the executions asked for, without listing', async () => {
    const lister = new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 500 });
    const first = await lister.refresh();
    const wanted = executionKey(first.executions[0].execution);
    const listsBefore = gateway.callCounts().ListOpenWorkflowExecutions ?? 0;
    const some = await lister.refreshSome((key) => key === wanted);
    assert.equal(gateway.callCounts().ListOpenWorkflowExecutions ?? 0, listsBefore, 'no listing call');
    assert.equal(some?.stats.historiesReadIncrementally, 1);
    assert.equal(some?.stats.historyCalls, 1);
    assert.deepEqual(some?.tasks, first.tasks);
  });

  it('every history page waits for a token of the read budget', async () => {
    const bucket = new CountingBucket({ ratePerSecond: 1000 });
    const budgeted = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 75_000, historyBudget: bucket });
    try {
      const listing = await new OpenTaskLister(budgeted, SAMPLE_DOMAIN, { maxExecutions: 500 }).refresh();
      assert.ok(listing.stats.historyCalls > 0);
      assert.equal(bucket.taken, listing.stats.historyCalls);
      assert.equal(bucket.taken, budgeted.callCounts().GetWorkflowExecutionHistory);
    } finally {
      budgeted.dispose();
    }
  });

  it('throttling that outlasts the retries keeps the last state and shows no error', async () => {
    // Two attempts, so the SDK gives up soon (its backoff is what takes the time).
    const gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 75_000, maxAttempts: 2 });
    const lister = new OpenTaskLister(gateway, SAMPLE_DOMAIN, { maxExecutions: 3 });
    const before = await lister.refresh();
    sandbox.configure({ throttling: true, throttleQuotas: { GetWorkflowExecutionHistory: { capacity: 1, refillPerSecond: 0.01 } } });
    try {
      const throttledBefore = Object.values(gateway.throttledCounts?.() ?? {}).reduce((a, b) => a + b, 0);
      const after = await lister.refresh();
      const throttled = Object.values(gateway.throttledCounts?.() ?? {}).reduce((a, b) => a + b, 0) - throttledBefore;
      assert.ok(throttled > 0, 'SWF throttled some attempts');
      assert.ok(after.stats.throttled > 0, 'some reads stayed throttled after the retries');
      assert.deepEqual(after.executions.filter((e) => e.error !== undefined), [], 'no execution shows an error');
      assert.deepEqual(after.tasks, before.tasks, 'the tasks are those last known');
    } finally {
      sandbox.configure({ throttling: false, throttleQuotas: {} });
      gateway.dispose();
    }
  });
});
