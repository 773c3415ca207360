/**
 * The real gateway and lister (the SDK over HTTP) against a hostile SWF peer
 * on loopback (test/fixtures/hostileSwf.ts): page chains that never end stop
 * at their bound with an error that says so, a 100 MB page is refused
 * without being held, and crafted events and names are read as data.
 */
import * as assert from 'node:assert/strict';
import { typeFileProblem } from '../../../src/answers/fileNames';
import { describeSwfError } from '../../../src/swf/errors';
import { createSwfGateway, type SwfGateway } from '../../../src/swf/gateway';
import { MAX_DOMAIN_PAGES, MAX_HISTORY_PAGES, MAX_TYPE_PAGES, maxListingPages, ReadBoundExceeded } from '../../../src/swf/readBounds';
import { OpenTaskLister } from '../../../src/swf/taskLister';
import { HOSTILE_TYPE_NAMES, HostileSwf } from '../../fixtures/hostileSwf';

describe('a hostile SWF peer, through the real gateway', function () {
  this.timeout(60_000);
  const peer = new HostileSwf();
  let gateway: SwfGateway;

  before(async () => {
    const endpoint = await peer.start();
    gateway = await createSwfGateway({ label: 'hostile', profile: '', region: 'us-east-1', endpoint, localCredentials: true }, { pollTimeoutMs: 5_000, requestTimeoutMs: 20_000, maxAttempts: 1 });
  });
  after(async () => {
    gateway?.dispose();
    await peer.stop();
  });

  async function refreshFails(scenario: Parameters<HostileSwf['reset']>[0]): Promise<unknown> {
    peer.reset(scenario);
    const lister = new OpenTaskLister(gateway, 'hostile', { maxExecutions: 500 });
    return lister.refresh().then(
      () => assert.fail('the refresh should have failed'),
      (error: unknown) => error,
    );
  }

  it('an endless chain of listing pages stops at the bound, and the error says so', async () => {
    const error = await refreshFails('endlessListing');
    assert.ok(error instanceof ReadBoundExceeded, String(error));
    assert.equal(peer.calls.ListOpenWorkflowExecutions, maxListingPages(500));
    const info = describeSwfError(error);
    assert.equal(info.title, 'The listing of open executions did not end');
    assert.match(info.detail, /100 pages, more than SWF ever sends/);
  });

  it('a page token sent twice stops the listing at the second page', async () => {
    const error = await refreshFails('repeatedToken');
    assert.ok(error instanceof ReadBoundExceeded && error.repeatedToken);
    assert.equal(peer.calls.ListOpenWorkflowExecutions, 2);
    assert.match(describeSwfError(error).detail, /page token it had sent before/);
  });

  it('an endless history stops at the bound: that execution gets an error, the refresh ends', async () => {
    peer.reset('endlessHistory');
    const listing = await new OpenTaskLister(gateway, 'hostile', { maxExecutions: 500 }).refresh();
    assert.equal(peer.calls.GetWorkflowExecutionHistory, MAX_HISTORY_PAGES);
    assert.equal(listing.executions.length, 1);
    assert.ok(listing.executions[0].error instanceof ReadBoundExceeded);
    assert.equal(describeSwfError(listing.executions[0].error).title, 'The history did not end');
  });

  it('an endless list of domains stops at the bound', async () => {
    peer.reset('crafted');
    await assert.rejects(gateway.listDomains(), (error: unknown) => error instanceof ReadBoundExceeded && error.read === 'domains');
    assert.equal(peer.calls.ListDomains, MAX_DOMAIN_PAGES);
  });

  it('an endless list of workflow types stops at the bound, and the error says so', async () => {
    peer.reset('crafted');
    const error = await gateway.listWorkflowTypes('hostile', { registrationStatus: 'REGISTERED' }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ReadBoundExceeded && error.read === 'types', String(error));
    assert.equal(peer.calls.ListWorkflowTypes, MAX_TYPE_PAGES);
    assert.equal(describeSwfError(error).title, 'The list of types did not end');
  });

  for (const scenario of ['hugeDeclared', 'hugeStreamed'] as const) {
    it(`a 100 MB history page (${scenario === 'hugeDeclared' ? 'Content-Length' : 'chunked'}) is refused, not held`, async () => {
      peer.reset(scenario);
      const heapBefore = memory();
      let peakHeap = heapBefore;
      const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, memory())), 5);
      const listing = await new OpenTaskLister(gateway, 'hostile', { maxExecutions: 500 }).refresh().finally(() => clearInterval(sampler));
      const error = listing.executions[0].error;
      assert.ok(error instanceof ReadBoundExceeded && error.read === 'response', String(error));
      assert.match(describeSwfError(error).title, /sent an answer too large to read/);
      // Refused at 64 MiB at most: the peer never got to send the whole 100 MB.
      assert.ok(peer.hugeBytesSent < 100 * 1024 * 1024, `sent ${peer.hugeBytesSent}`);
      console.log(`      ${scenario}: ${(peer.hugeBytesSent / 1048576).toFixed(1)} MiB sent before the refusal, memory (heap + buffers) peak +${((peakHeap - heapBefore) / 1048576).toFixed(1)} MiB`);
    });
  }

  it('a timestamp that is a string fails the listing with a message, not a crash', async () => {
    const error = await refreshFails('stringTimestamps');
    const info = describeSwfError(error);
    assert.match(`${info.title} ${info.detail}`, /ListOpenWorkflowExecutions/);
  });

  it('crafted events and names are read as data: tasks listed, no error, hostile names name no file', async () => {
    peer.reset('crafted');
    const listing = await new OpenTaskLister(gateway, 'hostile', { maxExecutions: 500 }).refresh();
    assert.deepEqual(listing.executions.filter((e) => e.error).map((e) => String(e.error)), []);
    const names = listing.tasks.map((t) => t.activityType.name);
    for (const name of HOSTILE_TYPE_NAMES) assert.ok(names.includes(name), `no task of ${JSON.stringify(name.slice(0, 40))}`);
    // Every crafted type breaks SWF's rules somewhere (`..` by its version `../..`, the markup by the `:` of `command:`), so none names a file.
    for (const task of listing.tasks) assert.ok(typeFileProblem(task.activityType, 'schema') !== undefined, JSON.stringify(task.activityType).slice(0, 80));
  });
});

/** Heap and Buffers (a body arrives in Buffers, outside the heap). */
function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
