import { DescribeDomainCommand, ListDomainsCommand, SWFClient, RegisterDomainCommand, RespondActivityTaskCompletedCommand, RespondActivityTaskFailedCommand } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { DOMAIN, errorOf, useFixture } from './fixture';

/** Sends a raw JSON 1.0 request, bypassing the SDK. */
async function raw(endpoint: string, target: string, body: string): Promise<{ status: number; json: { __type?: string } }> {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' }, body });
  return { status: response.status, json: (await response.json()) as { __type?: string } };
}

describe('sandbox gateway: routing, throttling, faults, stats', function () {
  this.timeout(5000);
  const fixture = useFixture();

  it('answers unknown operations and unparseable bodies like the service', async () => {
    const unknown = await raw(fixture().sandbox.endpoint, 'SimpleWorkflowService.MakeCoffee', '{}');
    assert.deepEqual([unknown.status, unknown.json.__type], [400, 'com.amazon.coral.service#UnknownOperationException']);
    const broken = await raw(fixture().sandbox.endpoint, 'SimpleWorkflowService.ListDomains', '{not json');
    assert.deepEqual([broken.status, broken.json.__type], [400, 'com.amazon.coral.service#SerializationException']);
    const missing = await raw(fixture().sandbox.endpoint, 'SimpleWorkflowService.DescribeDomain', '{"name":"nope"}');
    assert.deepEqual(missing.json, { __type: 'com.amazonaws.swf.base.model#UnknownResourceFault', message: 'Unknown domain: nope' });
  });

  it('throttles with ThrottlingException once the bucket is empty, and refills', async () => {
    const { client, sandbox } = fixture();
    sandbox.configure({ throttling: true, throttleQuotas: { ListDomains: { capacity: 3, refillPerSecond: 1 }, 'RespondActivityTask*': { capacity: 1, refillPerSecond: 0 } } });
    for (let i = 0; i < 3; i += 1) await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    const throttled = await errorOf(client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' })));
    assert.equal(throttled.name, 'ThrottlingException');
    assert.equal(throttled.$metadata?.httpStatusCode, 400);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    // The RespondActivityTask* operations share one bucket.
    assert.equal((await errorOf(client.send(new RespondActivityTaskCompletedCommand({ taskToken: 'x' })))).name, 'UnknownResourceFault');
    assert.equal((await errorOf(client.send(new RespondActivityTaskFailedCommand({ taskToken: 'x' })))).name, 'ThrottlingException');
    assert.equal(sandbox.stats().operations.ListDomains?.throttled, 1);
  });

  it('injects HTTP 500, 503, connection resets, malformed bodies and IAM denials the SDK sees', async () => {
    const { client, sandbox } = fixture();
    const describe = () => client.send(new DescribeDomainCommand({ name: DOMAIN }));
    sandbox.configure({ faults: [{ kind: 'http500', operation: 'DescribeDomain', times: 1 }] });
    const internal = await errorOf(describe());
    assert.deepEqual([internal.name, internal.$metadata?.httpStatusCode], ['InternalFailure', 500]);
    await describe();
    sandbox.configure({ faults: [{ kind: 'http503', times: 1 }] });
    assert.equal((await errorOf(describe())).$metadata?.httpStatusCode, 503);
    sandbox.configure({ faults: [{ kind: 'reset', times: 1 }] });
    assert.match((await errorOf(describe())).message, /socket hang up|ECONNRESET/);
    sandbox.configure({ faults: [{ kind: 'malformed', times: 1 }] });
    assert.ok(await errorOf(describe()));
    sandbox.configure({ faults: [{ kind: 'notPermitted', times: 1 }] });
    const denied = await errorOf(describe());
    assert.deepEqual([denied.name, denied.$metadata?.httpStatusCode], ['OperationNotPermittedFault', 400]);
    assert.match(denied.message, /not authorized to perform: swf:DescribeDomain/);
    sandbox.configure({ faults: [{ kind: 'http500', operation: 'ListDomains', rate: 0 }] });
    await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    assert.equal(sandbox.stats().operations.DescribeDomain?.faults, 5);
  });

  it('injects expired credentials, and answers too late for a client with a short request timeout', async () => {
    const { client, sandbox } = fixture();
    sandbox.configure({ faults: [{ kind: 'expiredToken', operation: 'DescribeDomain', times: 1 }] });
    const expired = await errorOf(client.send(new DescribeDomainCommand({ name: DOMAIN })));
    assert.deepEqual([expired.name, expired.$metadata?.httpStatusCode], ['ExpiredTokenException', 400]);
    sandbox.configure({ faults: [{ kind: 'slow', operation: 'DescribeDomain', delayMs: 300, times: 1 }] });
    const started = Date.now();
    const late = await client.send(new DescribeDomainCommand({ name: DOMAIN }));
    assert.equal(late.domainInfo?.name, DOMAIN, 'a slow answer is still the real answer');
    assert.ok(Date.now() - started >= 300, 'the answer came no earlier than the delay');
    sandbox.configure({ faults: [{ kind: 'slow', delayMs: 5_000 }] });
    const timedOut = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'SimpleWorkflowService.DescribeDomain', 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({ name: DOMAIN }),
      signal: AbortSignal.timeout(200),
    }).catch((error: unknown) => error);
    sandbox.configure({ faults: [] });
    assert.equal((timedOut as Error).name, 'TimeoutError', 'a client that waits 200 ms gives up on an answer 5 s late');
  });

  it('runs the operation before an after-phase fault, so the effect stays', async () => {
    const { client, sandbox } = fixture();
    sandbox.configure({ faults: [{ kind: 'http500', operation: 'RegisterDomain', phase: 'after' }] });
    await errorOf(client.send(new RegisterDomainCommand({ name: 'after-fault', workflowExecutionRetentionPeriodInDays: '1' })));
    sandbox.configure({ faults: [] });
    assert.equal((await client.send(new DescribeDomainCommand({ name: 'after-fault' }))).domainInfo?.name, 'after-fault');
  });

  it('counts calls and request / response bytes by operation', async () => {
    const { client, sandbox } = fixture();
    sandbox.resetStats();
    await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    await errorOf(client.send(new DescribeDomainCommand({ name: 'missing' })));
    const stats = sandbox.stats();
    assert.equal(stats.operations.ListDomains?.calls, 2);
    assert.equal(stats.operations.ListDomains?.requestBytes, 2 * Buffer.byteLength('{"registrationStatus":"REGISTERED"}'));
    assert.ok((stats.operations.ListDomains?.responseBytes ?? 0) > 100);
    assert.equal(stats.operations.DescribeDomain?.errors, 1);
    assert.equal(stats.totals.calls, 3);
    sandbox.resetStats();
    assert.equal(sandbox.stats().totals.calls, 0);
  });

  it('counts calls by the access key id that signed them; unsigned calls are not counted there', async () => {
    const { client, sandbox } = fixture();
    sandbox.resetStats();
    const other = new SWFClient({ endpoint: sandbox.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIAOTHERCALLER00000', secretAccessKey: 'x' } });
    await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    await other.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    await other.send(new DescribeDomainCommand({ name: DOMAIN }));
    await raw(sandbox.endpoint, 'SimpleWorkflowService.ListDomains', '{"registrationStatus":"REGISTERED"}');
    other.destroy();
    assert.deepEqual(sandbox.stats().callers, { test: 1, AKIAOTHERCALLER00000: 2 });
    assert.equal(sandbox.stats().totals.calls, 4);
  });

  it('answers a call that carries a nextPageToken with the expired-token ValidationException; calls without one pass', async () => {
    const { client, sandbox } = fixture();
    for (const name of ['page-a', 'page-b', 'page-c']) await client.send(new RegisterDomainCommand({ name, workflowExecutionRetentionPeriodInDays: '1' }));
    sandbox.configure({ faults: [{ kind: 'expiredPageToken' }] });
    try {
      const first = await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED', maximumPageSize: 1 }));
      assert.ok(first.nextPageToken, 'the first page (no token) is answered, with a token for the next');
      const expired = await errorOf(client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED', maximumPageSize: 1, nextPageToken: first.nextPageToken })));
      assert.deepEqual([expired.name, expired.message, expired.$metadata?.httpStatusCode], ['ValidationException', 'Specified token has exceeded its maximum lifetime', 400]);
      assert.equal(sandbox.stats().operations.ListDomains?.faults, 1);
    } finally {
      sandbox.configure({ faults: [] });
    }
  });

  it('adds the configured latency to every call', async () => {
    const { client, sandbox } = fixture();
    sandbox.configure({ latencyMs: 150 });
    const started = Date.now();
    await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    assert.ok(Date.now() - started >= 145);
  });
});
