/**
 * The gateway's executions search, counts, workflow types and start, against
 * the sandbox (which filters as SWF does) and moto_server for what moto
 * implements (start, ListWorkflowTypes, tag filters of open executions).
 */
import { RegisterDomainCommand, RegisterWorkflowTypeCommand, SWFClient, TerminateWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { resolveCallTarget, SANDBOX } from '../../../src/connection/connection';
import { createSwfGateway, type SwfGateway } from '../../../src/swf/gateway';
import { describeSwfError, errorMessage } from '../../../src/swf/errors';
import { SwfSandbox } from '../../../src/sandbox';

const DOMAIN = 'search';
const EPOCH = new Date(0);
const TYPE = { name: 'ChargeCard', version: '1' };

async function seedDomain(client: SWFClient): Promise<void> {
  await client.send(new RegisterDomainCommand({ name: DOMAIN, workflowExecutionRetentionPeriodInDays: '1' }));
  for (const type of [TYPE, { name: 'ChargeCard', version: '2' }, { name: 'Ship', version: '1' }]) {
    await client.send(
      new RegisterWorkflowTypeCommand({ domain: DOMAIN, ...type, defaultTaskList: { name: 'decisions' }, defaultChildPolicy: 'TERMINATE', defaultExecutionStartToCloseTimeout: '3600', defaultTaskStartToCloseTimeout: '60' }),
    );
  }
}

describe('gateway executions search (sandbox)', function () {
  this.timeout(10_000);
  let sandbox: SwfSandbox;
  let client: SWFClient;
  let gateway: SwfGateway;

  before(async () => {
    sandbox = new SwfSandbox({ port: 0, pageSize: 2, maxPollWaitMs: 100 });
    const { endpoint } = await sandbox.start();
    client = new SWFClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
    await seedDomain(client);
    gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 75_000 });
    for (const [workflowId, type, tags] of [['o-1', TYPE, ['eu']], ['o-2', { name: 'Ship', version: '1' }, []], ['o-3', TYPE, ['us']]] as const) {
      await gateway.startWorkflowExecution(DOMAIN, { workflowId, workflowType: type, tagList: [...tags] });
    }
    await client.send(new TerminateWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'o-1' }));
  });
  after(async () => {
    gateway.dispose();
    client.destroy();
    await sandbox.stop();
  });

  it('pages open and closed executions with their status, close status, tags and type', async () => {
    const first = await gateway.searchExecutions(DOMAIN, { status: 'open', oldest: EPOCH }, { pageSize: 1 });
    assert.deepEqual(first.executions.map((row) => row.workflowId), ['o-3']);
    assert.ok(first.nextPageToken);
    const rest = await gateway.searchExecutions(DOMAIN, { status: 'open', oldest: EPOCH }, { pageSize: 1, nextPageToken: first.nextPageToken });
    assert.deepEqual(rest.executions.map((row) => [row.workflowId, row.status, row.workflowType?.name]), [['o-2', 'OPEN', 'Ship']]);
    const closed = await gateway.searchExecutions(DOMAIN, { status: 'closed', timeField: 'close', oldest: EPOCH, filter: { kind: 'type', name: 'ChargeCard', version: '1' } });
    assert.deepEqual(closed.executions.map((row) => [row.workflowId, row.status, row.closeStatus, row.tags]), [['o-1', 'CLOSED', 'TERMINATED', ['eu']]]);
    assert.ok(closed.executions[0].closedAt instanceof Date);
  });

  it('counts with the same filters', async () => {
    assert.deepEqual(await gateway.countExecutions(DOMAIN, { status: 'open', oldest: EPOCH, filter: { kind: 'type', name: 'ChargeCard' } }), { count: 1, truncated: false });
    assert.deepEqual(await gateway.countExecutions(DOMAIN, { status: 'closed', oldest: EPOCH, filter: { kind: 'closeStatus', status: 'TERMINATED' }, reverseOrder: true }), { count: 1, truncated: false });
    assert.deepEqual(await gateway.countExecutions(DOMAIN, { status: 'open', oldest: new Date(Date.now() + 3_600_000) }), { count: 0, truncated: false });
  });

  it('lists every page of workflow types, narrowed by name', async () => {
    const all = await gateway.listWorkflowTypes(DOMAIN, { registrationStatus: 'REGISTERED' });
    assert.deepEqual(all.map((type) => `${type.name}@${type.version}`).sort(), ['ChargeCard@1', 'ChargeCard@2', 'Ship@1']);
    const named = await gateway.listWorkflowTypes(DOMAIN, { registrationStatus: 'REGISTERED', name: 'ChargeCard' });
    assert.deepEqual(named.map((type) => type.version).sort(), ['1', '2']);
    assert.deepEqual(await gateway.describeWorkflowType(DOMAIN, TYPE), { taskList: 'decisions', executionStartToCloseTimeout: '3600', taskStartToCloseTimeout: '60', childPolicy: 'TERMINATE' });
  });

  it('describes a run: status, close status, type, tags and configuration (what a re-run repeats)', async () => {
    const closed = (await gateway.searchExecutions(DOMAIN, { status: 'closed', oldest: EPOCH, filter: { kind: 'workflowId', workflowId: 'o-1' } })).executions[0];
    assert.deepEqual(await gateway.describeExecution(DOMAIN, { workflowId: 'o-1', runId: closed.runId }), {
      status: 'CLOSED',
      closeStatus: 'TERMINATED',
      workflowType: TYPE,
      tags: ['eu'],
      taskList: 'decisions',
      executionStartToCloseTimeout: '3600',
      taskStartToCloseTimeout: '60',
      childPolicy: 'TERMINATE',
    });
    const open = (await gateway.searchExecutions(DOMAIN, { status: 'open', oldest: EPOCH, filter: { kind: 'workflowId', workflowId: 'o-3' } })).executions[0];
    const described = await gateway.describeExecution(DOMAIN, { workflowId: 'o-3', runId: open.runId });
    assert.equal(described.status, 'OPEN');
    assert.equal(described.closeStatus, undefined);
  });

  it('starts under a closed run\'s workflow ID, and names StartWorkflowExecution when the ID is open', async () => {
    const rerun = await gateway.startWorkflowExecution(DOMAIN, { workflowId: 'o-1', workflowType: TYPE });
    assert.ok(rerun.runId);
    const error = await gateway.startWorkflowExecution(DOMAIN, { workflowId: 'o-1', workflowType: TYPE }).then(() => undefined, (e: unknown) => e);
    assert.equal((error as Error).name, 'WorkflowExecutionAlreadyStartedFault');
    assert.match(errorMessage(describeSwfError(error)), /StartWorkflowExecution/);
  });
});

describe('gateway executions search (moto_server)', function () {
  this.timeout(20_000);
  const endpoint = process.env.SWF_TEST_MOTO_ENDPOINT;
  let client: SWFClient;
  let gateway: SwfGateway;
  before(async function () {
    if (!endpoint) this.skip();
    await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    client = new SWFClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
    await seedDomain(client);
    gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 75_000 });
  });
  after(() => {
    gateway?.dispose();
    client?.destroy();
  });

  it('starts executions, lists workflow types and filters open ones by tag', async () => {
    assert.ok((await gateway.startWorkflowExecution(DOMAIN, { workflowId: 'm-1', workflowType: TYPE, tagList: ['eu'] })).runId);
    assert.ok((await gateway.startWorkflowExecution(DOMAIN, { workflowId: 'm-2', workflowType: TYPE, tagList: ['us'] })).runId);
    const types = await gateway.listWorkflowTypes(DOMAIN, { registrationStatus: 'REGISTERED' });
    assert.equal(types.length, 3);
    const eu = await gateway.searchExecutions(DOMAIN, { status: 'open', oldest: EPOCH, filter: { kind: 'tag', tag: 'eu' } });
    assert.deepEqual(eu.executions.map((row) => [row.workflowId, row.status, row.tags]), [['m-1', 'OPEN', ['eu']]]);
    const described = await gateway.describeExecution(DOMAIN, { workflowId: 'm-1', runId: eu.executions[0].runId });
    assert.deepEqual([described.status, described.workflowType, described.tags, described.taskList, described.childPolicy], ['OPEN', TYPE, ['eu'], 'decisions', 'TERMINATE']);
  });
});
