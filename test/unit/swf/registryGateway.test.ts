/**
 * The gateway's registry methods (issue 18) against the sandbox and against
 * moto_server (an independent peer that implements the registry): the same
 * script on both, then each registry fault described with its own message
 * naming the operation. The sandbox also pages (pageSize 2), which moto does not.
 */
import * as assert from 'node:assert/strict';
import { resolveCallTarget, SANDBOX } from '../../../src/connection/connection';
import { SwfSandbox } from '../../../src/sandbox';
import { describeSwfError, errorMessage } from '../../../src/swf/errors';
import { createSwfGateway, type SwfGateway } from '../../../src/swf/gateway';

const DOMAIN = 'registry-gw';

/** What a failed call is described as: its message, or 'no error' when it succeeded. */
async function described(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'no error';
  } catch (error) {
    return errorMessage(describeSwfError(error));
  }
}

/** The registry's life cycle through the gateway; run against each peer. */
async function registryScript(gateway: SwfGateway, peer: 'sandbox' | 'moto'): Promise<void> {
  await gateway.registerDomain({ name: DOMAIN, retentionDays: '7', description: 'the registry test', tags: [{ key: 'team', value: 'a' }] });
  const domain = await gateway.describeDomain(DOMAIN);
  assert.deepEqual({ ...domain, arn: domain.arn?.replace(/:\d{12}:/, ':<account>:') }, {
    name: DOMAIN,
    status: 'REGISTERED',
    description: 'the registry test',
    arn: `arn:aws:swf:us-east-1:<account>:/domain/${DOMAIN}`,
    retentionDays: '7',
  });
  const arn = domain.arn ?? '';
  await gateway.registerType(DOMAIN, {
    kind: 'activity',
    name: 'Charge',
    version: '1',
    description: 'charges a card',
    defaults: { taskList: 'work', taskPriority: '5', taskScheduleToStartTimeout: '60', taskScheduleToCloseTimeout: '120', taskStartToCloseTimeout: '30', taskHeartbeatTimeout: 'NONE' },
  });
  for (const version of ['2', '3']) await gateway.registerType(DOMAIN, { kind: 'activity', name: 'Charge', version, defaults: {} });
  await gateway.registerType(DOMAIN, { kind: 'workflow', name: 'Order', version: '1', defaults: { taskList: 'decisions', childPolicy: 'ABANDON', executionStartToCloseTimeout: '3600', taskStartToCloseTimeout: '10' } });

  const activity = await gateway.describeType(DOMAIN, 'activity', { name: 'Charge', version: '1' });
  assert.equal(activity.status, 'REGISTERED');
  assert.equal(activity.description, 'charges a card');
  assert.ok(activity.createdAt instanceof Date);
  // moto does not keep a type's default task priority (DIFFERENCES.md); SWF and the sandbox do.
  assert.deepEqual(activity.defaults, { taskList: 'work', ...(peer === 'sandbox' && { taskPriority: '5' }), taskScheduleToStartTimeout: '60', taskScheduleToCloseTimeout: '120', taskStartToCloseTimeout: '30', taskHeartbeatTimeout: 'NONE' });
  const workflow = await gateway.describeType(DOMAIN, 'workflow', { name: 'Order', version: '1' });
  assert.deepEqual(workflow.defaults, { taskList: 'decisions', childPolicy: 'ABANDON', executionStartToCloseTimeout: '3600', taskStartToCloseTimeout: '10' });

  await gateway.deprecateType(DOMAIN, 'activity', { name: 'Charge', version: '2' });
  const versions = async (registrationStatus: 'REGISTERED' | 'DEPRECATED') => (await gateway.listTypes(DOMAIN, 'activity', { registrationStatus })).map((type) => `${type.name}@${type.version}`).sort();
  assert.deepEqual(await versions('REGISTERED'), ['Charge@1', 'Charge@3']);
  assert.deepEqual(await versions('DEPRECATED'), ['Charge@2']);
  assert.ok((await gateway.describeType(DOMAIN, 'activity', { name: 'Charge', version: '2' })).status === 'DEPRECATED');
  await gateway.undeprecateType(DOMAIN, 'activity', { name: 'Charge', version: '2' });
  assert.deepEqual(await versions('DEPRECATED'), []);
  assert.deepEqual((await gateway.listTypes(DOMAIN, 'workflow', { registrationStatus: 'REGISTERED' })).map((type) => type.name), ['Order']);

  await gateway.tagDomain(arn, [{ key: 'cost', value: '42' }]);
  await gateway.untagDomain(arn, ['team']);
  assert.deepEqual(await gateway.listDomainTags(arn), [{ key: 'cost', value: '42' }]);

  await gateway.deprecateDomain(DOMAIN);
  assert.equal((await gateway.describeDomain(DOMAIN)).status, 'DEPRECATED');
  await gateway.undeprecateDomain(DOMAIN);
  assert.equal((await gateway.describeDomain(DOMAIN)).status, 'REGISTERED');
}

/** Each registry fault, provoked through the gateway, and the words its message must have. */
async function faultMessages(gateway: SwfGateway): Promise<Record<string, string>> {
  return {
    domainExists: await described(gateway.registerDomain({ name: DOMAIN, retentionDays: '1' })),
    domainNotDeprecated: await described(gateway.undeprecateDomain(DOMAIN)),
    typeExists: await described(gateway.registerType(DOMAIN, { kind: 'activity', name: 'Charge', version: '1', defaults: {} })),
    typeNotDeprecated: await described(gateway.undeprecateType(DOMAIN, 'workflow', { name: 'Order', version: '1' })),
    typeDeprecatedTwice: await (async () => {
      await gateway.deprecateType(DOMAIN, 'activity', { name: 'Charge', version: '3' });
      return described(gateway.deprecateType(DOMAIN, 'activity', { name: 'Charge', version: '3' }));
    })(),
    domainDeprecatedTwice: await (async () => {
      await gateway.deprecateDomain(DOMAIN);
      return described(gateway.deprecateDomain(DOMAIN));
    })(),
    unknownType: await described(gateway.describeType(DOMAIN, 'activity', { name: 'Nope', version: '1' })),
  };
}

function assertFaultMessages(messages: Record<string, string>): void {
  assert.match(messages.domainExists, /Domain "registry-gw" already exists.*\(swf:RegisterDomain\)$/);
  assert.match(messages.domainNotDeprecated, /Domain "registry-gw" is not deprecated.*\(swf:UndeprecateDomain\)$/);
  assert.match(messages.typeExists, /Type Charge 1 already exists.*register a new version.*\(swf:RegisterActivityType\)$/);
  assert.match(messages.typeNotDeprecated, /Type Order 1 is not deprecated.*\(swf:UndeprecateWorkflowType\)$/);
  assert.match(messages.typeDeprecatedTwice, /Type Charge 3 is already deprecated.*\(swf:DeprecateActivityType\)$/);
  assert.match(messages.domainDeprecatedTwice, /Domain "registry-gw" is already deprecated.*\(swf:DeprecateDomain\)$/);
  assert.match(messages.unknownType, /SWF does not know this resource.*\(swf:DescribeActivityType\)$/);
}

describe('gateway registry (sandbox)', function () {
  this.timeout(10_000);
  let sandbox: SwfSandbox;
  let gateway: SwfGateway;
  before(async () => {
    sandbox = new SwfSandbox({ port: 0, pageSize: 2, maxPollWaitMs: 100 });
    const { endpoint } = await sandbox.start();
    gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 5_000, maxAttempts: 1 });
  });
  after(async () => {
    gateway?.dispose();
    await sandbox?.stop();
  });

  it('registers, describes, lists (every page), deprecates, undeprecates and tags', async () => {
    await registryScript(gateway, 'sandbox');
    // Three activity types in pages of two: the listing follows the token.
    const before = gateway.callCounts().ListActivityTypes ?? 0;
    assert.equal((await gateway.listTypes(DOMAIN, 'activity', { registrationStatus: 'REGISTERED' })).length, 3);
    assert.equal((gateway.callCounts().ListActivityTypes ?? 0) - before, 2);
  });

  it('describes each registry fault with its own message, naming the operation', async () => {
    assertFaultMessages(await faultMessages(gateway));
    const deprecatedDomain = await described(gateway.registerType(DOMAIN, { kind: 'workflow', name: 'Late', version: '1', defaults: {} }));
    assert.match(deprecatedDomain, /Domain "registry-gw" is deprecated.*undeprecate it first.*\(swf:RegisterWorkflowType\)$/);
  });
});

describe('gateway registry (moto_server)', function () {
  this.timeout(20_000);
  const endpoint = process.env.SWF_TEST_MOTO_ENDPOINT;
  let gateway: SwfGateway;
  before(async function () {
    if (!endpoint) this.skip();
    await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 5_000, maxAttempts: 1 });
  });
  after(() => gateway?.dispose());

  it('registers, describes, lists, deprecates, undeprecates and tags as the sandbox does', async () => {
    await registryScript(gateway, 'moto');
  });

  it('answers the same faults, described the same way', async () => {
    assertFaultMessages(await faultMessages(gateway));
  });
});
