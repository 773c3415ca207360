/**
 * The sandbox's registry as the service keeps it: the deprecated states and
 * their faults, undeprecation, every page of the type listings in both
 * orders, the retention rule and quotas, and a domain's tags.
 */
import {
  DeprecateActivityTypeCommand,
  DeprecateDomainCommand,
  DescribeActivityTypeCommand,
  DescribeDomainCommand,
  ListActivityTypesCommand,
  ListDomainsCommand,
  ListTagsForResourceCommand,
  RegisterActivityTypeCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  StartWorkflowExecutionCommand,
  TagResourceCommand,
  UndeprecateActivityTypeCommand,
  UndeprecateDomainCommand,
  UndeprecateWorkflowTypeCommand,
  UntagResourceCommand,
  type RegistrationStatus,
} from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { ACTIVITY, DOMAIN, errorOf, useFixture, WORKFLOW } from './fixture';

const ARN_OF = (domain: string): string => `arn:aws:swf:us-east-1:123456789012:/domain/${domain}`;

describe('sandbox registry', function () {
  this.timeout(5000);
  const fixture = useFixture({ pageSize: 2 });

  it('refuses a second registration of a name, registered or deprecated (DomainAlreadyExistsFault, TypeAlreadyExistsFault)', async () => {
    const { client } = fixture();
    const domain = await errorOf(client.send(new RegisterDomainCommand({ name: DOMAIN, workflowExecutionRetentionPeriodInDays: '1' })));
    assert.equal(domain.name, 'DomainAlreadyExistsFault');
    await client.send(new DeprecateActivityTypeCommand({ domain: DOMAIN, activityType: ACTIVITY }));
    const type = await errorOf(client.send(new RegisterActivityTypeCommand({ domain: DOMAIN, ...ACTIVITY })));
    assert.equal(type.name, 'TypeAlreadyExistsFault');
    assert.equal(type.message, 'ActivityType=[name=TestActivity, version=1]');
  });

  it('deprecates once (TypeDeprecatedFault), undeprecates once (TypeAlreadyExistsFault), and Describe shows the state', async () => {
    const { client } = fixture();
    await client.send(new DeprecateActivityTypeCommand({ domain: DOMAIN, activityType: ACTIVITY }));
    assert.equal((await errorOf(client.send(new DeprecateActivityTypeCommand({ domain: DOMAIN, activityType: ACTIVITY })))).name, 'TypeDeprecatedFault');
    const deprecated = await client.send(new DescribeActivityTypeCommand({ domain: DOMAIN, activityType: ACTIVITY }));
    assert.equal(deprecated.typeInfo?.status, 'DEPRECATED');
    assert.ok(deprecated.typeInfo?.deprecationDate instanceof Date);
    await client.send(new UndeprecateActivityTypeCommand({ domain: DOMAIN, activityType: ACTIVITY }));
    const again = await client.send(new DescribeActivityTypeCommand({ domain: DOMAIN, activityType: ACTIVITY }));
    assert.equal(again.typeInfo?.status, 'REGISTERED');
    assert.equal(again.typeInfo?.deprecationDate, undefined);
    assert.equal(again.configuration?.defaultTaskList?.name, 'work');
    assert.equal((await errorOf(client.send(new UndeprecateActivityTypeCommand({ domain: DOMAIN, activityType: ACTIVITY })))).name, 'TypeAlreadyExistsFault');
    const unknown = await errorOf(client.send(new UndeprecateWorkflowTypeCommand({ domain: DOMAIN, workflowType: { name: 'Nope', version: '1' } })));
    assert.equal(unknown.name, 'UnknownResourceFault');
  });

  it('a deprecated domain: listed apart, takes no new types or executions, and can be undeprecated once', async () => {
    const { client } = fixture();
    await client.send(new DeprecateDomainCommand({ name: DOMAIN }));
    assert.equal((await errorOf(client.send(new DeprecateDomainCommand({ name: DOMAIN })))).name, 'DomainDeprecatedFault');
    const names = async (registrationStatus: RegistrationStatus) => ((await client.send(new ListDomainsCommand({ registrationStatus }))).domainInfos ?? []).map((info) => info.name);
    assert.deepEqual(await names('DEPRECATED'), [DOMAIN]);
    assert.deepEqual(await names('REGISTERED'), []);
    assert.equal((await client.send(new DescribeDomainCommand({ name: DOMAIN }))).domainInfo?.status, 'DEPRECATED');
    assert.equal((await errorOf(client.send(new RegisterWorkflowTypeCommand({ domain: DOMAIN, name: 'New', version: '1' })))).name, 'DomainDeprecatedFault');
    assert.equal((await errorOf(client.send(new StartWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'x', workflowType: WORKFLOW })))).name, 'DomainDeprecatedFault');
    await client.send(new UndeprecateDomainCommand({ name: DOMAIN }));
    assert.equal((await errorOf(client.send(new UndeprecateDomainCommand({ name: DOMAIN })))).name, 'DomainAlreadyExistsFault');
    await client.send(new RegisterWorkflowTypeCommand({ domain: DOMAIN, name: 'New', version: '1' }));
  });

  it('lists every page of types, by name then version, reversed with reverseOrder, registered and deprecated apart', async () => {
    const { client } = fixture();
    for (const [name, version] of [['B', '1'], ['A', '2'], ['A', '1'], ['C', '1']]) await client.send(new RegisterActivityTypeCommand({ domain: DOMAIN, name, version }));
    await client.send(new DeprecateActivityTypeCommand({ domain: DOMAIN, activityType: { name: 'C', version: '1' } }));
    const all = async (registrationStatus: RegistrationStatus, reverseOrder: boolean, maximumPageSize?: number) => {
      const found: string[] = [];
      let nextPageToken: string | undefined;
      let pages = 0;
      do {
        const page = await client.send(new ListActivityTypesCommand({ domain: DOMAIN, registrationStatus, reverseOrder, maximumPageSize, nextPageToken }));
        found.push(...(page.typeInfos ?? []).map((info) => `${info.activityType?.name}@${info.activityType?.version}`));
        nextPageToken = page.nextPageToken;
        pages += 1;
      } while (nextPageToken);
      return { found, pages };
    };
    assert.deepEqual(await all('REGISTERED', false), { found: ['A@1', 'A@2', 'B@1', 'TestActivity@1'], pages: 2 });
    assert.deepEqual(await all('REGISTERED', true, 1), { found: ['TestActivity@1', 'B@1', 'A@2', 'A@1'], pages: 4 });
    assert.deepEqual(await all('DEPRECATED', false), { found: ['C@1'], pages: 1 });
  });

  it('keeps at most 90 days of retention; NONE and 0 keep nothing', async () => {
    const { client } = fixture();
    await client.send(new RegisterDomainCommand({ name: 'keep-90', workflowExecutionRetentionPeriodInDays: '90' }));
    await client.send(new RegisterDomainCommand({ name: 'keep-none', workflowExecutionRetentionPeriodInDays: 'NONE' }));
    await client.send(new RegisterDomainCommand({ name: 'keep-0', workflowExecutionRetentionPeriodInDays: '0' }));
    const tooLong = await errorOf(client.send(new RegisterDomainCommand({ name: 'keep-91', workflowExecutionRetentionPeriodInDays: '91' })));
    assert.equal(tooLong.name, 'ValidationException');
    assert.match(tooLong.message, /workflowExecutionRetentionPeriodInDays/);
    const described = await client.send(new DescribeDomainCommand({ name: 'keep-90' }));
    assert.equal(described.configuration?.workflowExecutionRetentionPeriodInDays, '90');
  });

  it('answers LimitExceededFault past 100 registered domains (deprecated ones do not count)', async () => {
    const { client } = fixture();
    await client.send(new DeprecateDomainCommand({ name: DOMAIN }));
    for (let i = 0; i < 100; i += 1) await client.send(new RegisterDomainCommand({ name: `d-${i}`, workflowExecutionRetentionPeriodInDays: '1' }));
    const over = await errorOf(client.send(new RegisterDomainCommand({ name: 'd-100', workflowExecutionRetentionPeriodInDays: '1' })));
    assert.equal(over.name, 'LimitExceededFault');
  });

  it('tags a domain: set on registration, added, replaced by key, removed, listed; unknown ARNs and more than 50 tags refused', async () => {
    const { client } = fixture();
    await client.send(new RegisterDomainCommand({ name: 'tagged', workflowExecutionRetentionPeriodInDays: '1', tags: [{ key: 'team', value: 'a' }] }));
    const arn = ARN_OF('tagged');
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'cost', value: '42' }, { key: 'team', value: 'b' }] }));
    assert.deepEqual((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, [{ key: 'team', value: 'b' }, { key: 'cost', value: '42' }]);
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team', 'absent'] }));
    assert.deepEqual((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, [{ key: 'cost', value: '42' }]);
    assert.equal((await errorOf(client.send(new ListTagsForResourceCommand({ resourceArn: ARN_OF('nope') })))).name, 'UnknownResourceFault');
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    assert.equal((await errorOf(client.send(new TagResourceCommand({ resourceArn: arn, tags: many })))).name, 'TooManyTagsFault');
    // Refused as a whole: the one tag it had is still the only one.
    assert.equal((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags?.length, 1);
  });
});
