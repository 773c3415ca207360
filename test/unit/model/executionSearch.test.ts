/** An executions search against the sandbox: the count before the rows, pages on Load More, refusals before any call, a newer run winning. */
import { RegisterDomainCommand, RegisterWorkflowTypeCommand, SWFClient, TerminateWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { resolveCallTarget, SANDBOX } from '../../../src/connection/connection';
import { ExecutionSearch, type SearchPhase } from '../../../src/model/executionSearch';
import { SwfSandbox } from '../../../src/sandbox';
import { createSwfGateway, type SwfGateway } from '../../../src/swf/gateway';

const DOMAIN = 'search';
const TYPE = { name: 'Flow', version: '1' };
const EPOCH = new Date(0);

describe('executions search model', function () {
  this.timeout(10_000);
  let sandbox: SwfSandbox;
  let client: SWFClient;
  let gateway: SwfGateway;

  before(async () => {
    sandbox = new SwfSandbox({ port: 0, maxPollWaitMs: 100 });
    const { endpoint } = await sandbox.start();
    client = new SWFClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
    await client.send(new RegisterDomainCommand({ name: DOMAIN, workflowExecutionRetentionPeriodInDays: '1' }));
    await client.send(new RegisterWorkflowTypeCommand({ domain: DOMAIN, ...TYPE, defaultTaskList: { name: 'd' }, defaultChildPolicy: 'TERMINATE', defaultExecutionStartToCloseTimeout: '3600', defaultTaskStartToCloseTimeout: '60' }));
    gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 75_000 });
    for (let i = 1; i <= 5; i += 1) await gateway.startWorkflowExecution(DOMAIN, { workflowId: `w-${i}`, workflowType: TYPE });
    for (const workflowId of ['w-1', 'w-2', 'w-3']) await client.send(new TerminateWorkflowExecutionCommand({ domain: DOMAIN, workflowId }));
  });
  after(async () => {
    gateway.dispose();
    client.destroy();
    await sandbox.stop();
  });

  it('shows the count first, then the rows, and the rest on Load More', async () => {
    const search = new ExecutionSearch(gateway, DOMAIN, { status: 'closed', oldest: EPOCH, filter: { kind: 'closeStatus', status: 'TERMINATED' } }, 2);
    const phases: SearchPhase[] = [];
    search.onChange((state) => phases.push(state.phase));
    await search.run();
    assert.deepEqual(phases, ['counting', 'loading', 'done']);
    assert.deepEqual(search.state.count, { count: 3, truncated: false });
    assert.deepEqual(search.state.rows.map((row) => row.workflowId), ['w-3', 'w-2']);
    assert.equal(search.state.hasMore, true);
    await search.loadMore();
    assert.deepEqual(search.state.rows.map((row) => row.workflowId), ['w-3', 'w-2', 'w-1']);
    assert.equal(search.state.hasMore, false);
    const before = gateway.callCounts().ListClosedWorkflowExecutions;
    await search.loadMore();
    assert.equal(gateway.callCounts().ListClosedWorkflowExecutions, before, 'nothing more to load: no call');
  });

  it('makes no list call when the count is 0', async () => {
    const before = gateway.callCounts().ListOpenWorkflowExecutions ?? 0;
    const search = new ExecutionSearch(gateway, DOMAIN, { status: 'open', oldest: EPOCH, filter: { kind: 'tag', tag: 'none' } });
    await search.run();
    assert.deepEqual([search.state.phase, search.state.count?.count, search.state.rows.length], ['done', 0, 0]);
    assert.equal(gateway.callCounts().ListOpenWorkflowExecutions ?? 0, before);
  });

  it('refuses a query SWF would refuse before any call', async () => {
    const calls = JSON.stringify(gateway.callCounts());
    const search = new ExecutionSearch(gateway, DOMAIN, { status: 'open', oldest: EPOCH, filter: { kind: 'closeStatus', status: 'FAILED' } });
    await search.run();
    assert.equal(search.state.phase, 'refused');
    assert.equal(search.state.problems?.length, 1);
    assert.equal(JSON.stringify(gateway.callCounts()), calls);
  });

  it('still lists when the count fails, keeping the error', async () => {
    const failingCount = { ...gateway, countExecutions: () => Promise.reject(Object.assign(new Error('no'), { name: 'OperationNotPermittedFault' })) } as SwfGateway;
    const search = new ExecutionSearch(failingCount, DOMAIN, { status: 'open', oldest: EPOCH });
    await search.run();
    assert.deepEqual([search.state.phase, search.state.count, search.state.rows.map((row) => row.workflowId)], ['done', undefined, ['w-5', 'w-4']]);
    assert.equal((search.state.error as Error).name, 'OperationNotPermittedFault');
  });

  it('lets a newer run win over one still in flight', async () => {
    let release: () => void = () => undefined;
    const slow = { ...gateway, countExecutions: (...args: Parameters<SwfGateway['countExecutions']>) => new Promise<{ count: number; truncated: boolean }>((resolve) => (release = () => resolve(gateway.countExecutions(...args))) ) } as SwfGateway;
    const search = new ExecutionSearch(slow, DOMAIN, { status: 'open', oldest: EPOCH });
    const first = search.run();
    const firstRelease = release;
    const second = search.run();
    firstRelease();
    release();
    await Promise.all([first, second]);
    assert.deepEqual(search.state.rows.map((row) => row.workflowId), ['w-5', 'w-4']);
  });
});
