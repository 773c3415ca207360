/**
 * The sandbox keeps idle connections open as the service does, so a client
 * with a keep-alive agent (the SDK's default) reuses one connection across a
 * pause; and it counts new connections by their signer, for the bench.
 */
import { ListDomainsCommand, SWFClient } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { SwfSandbox } from '../../../src/sandbox';

describe('sandbox connections: kept open across idle pauses, counted by signer', function () {
  this.timeout(15_000);
  let sandbox: SwfSandbox;
  let client: SWFClient;
  beforeEach(async () => {
    sandbox = new SwfSandbox({ port: 0 });
    await sandbox.start();
    client = new SWFClient({ endpoint: sandbox.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIAKEEPALIVE0000000', secretAccessKey: 'x' } });
  });
  afterEach(async () => {
    client.destroy();
    await sandbox.stop();
  });

  it('reuses one connection for calls 6 s apart (longer than Node\'s default 5 s keep-alive)', async () => {
    await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    assert.deepEqual(sandbox.stats().connections, { AKIAKEEPALIVE0000000: 1 });
    assert.equal(sandbox.stats().totals.calls, 2);
  });

  it('counts each new connection once, by the signer of its first request; unsigned ones apart; reset clears them', async () => {
    for (let i = 0; i < 3; i++) await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    const other = new SWFClient({ endpoint: sandbox.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIAOTHER00000000000', secretAccessKey: 'x' } });
    await other.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    other.destroy();
    const response = await fetch(sandbox.endpoint, { method: 'POST', headers: { 'x-amz-target': 'SimpleWorkflowService.ListDomains', 'content-type': 'application/x-amz-json-1.0', connection: 'close' }, body: '{"registrationStatus":"REGISTERED"}' });
    await response.text();
    assert.deepEqual(sandbox.stats().connections, { AKIAKEEPALIVE0000000: 1, AKIAOTHER00000000000: 1, '': 1 });
    sandbox.resetStats();
    assert.deepEqual(sandbox.stats().connections, {});
  });
});
