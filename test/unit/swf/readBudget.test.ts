/** The read budget's token bucket, on a fake clock: rate, burst, order of waiters, abort, and the sharing key. */
import { RegisterDomainCommand, SWFClient } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { AccountReadBudget, accountOfDomainArn, budgetKey, ReadBudgets, TokenBucket } from '../../../src/swf/readBudget';
import { resolveCallTarget, SANDBOX } from '../../../src/connection/connection';
import { createSwfGateway } from '../../../src/swf/gateway';
import { SwfSandbox } from '../../../src/sandbox';

/** A clock that only moves when a waiter sleeps: every sleep advances it by exactly what was asked. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => (now += ms),
    sleeps,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('read budget (token bucket)', () => {
  it('lets a full bucket burst, then one token per 1/rate seconds', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, now: clock.now });
    let taken = 0;
    while (bucket.tryTake()) taken++;
    assert.equal(taken, 10, 'a full bucket holds one second of tokens');
    assert.equal(bucket.msUntilToken(), 100);
    clock.advance(99);
    assert.equal(bucket.tryTake(), false);
    clock.advance(1);
    assert.equal(bucket.tryTake(), true);
    assert.equal(bucket.tryTake(), false);
  });

  it('never holds more than its capacity, however long it was idle', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 5, capacity: 3, now: clock.now });
    clock.advance(60_000);
    let taken = 0;
    while (bucket.tryTake()) taken++;
    assert.equal(taken, 3);
  });

  it('spaces waiting callers at the rate, in the order they asked', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 4, capacity: 1, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];
    const times: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        bucket.take().then(() => {
          order.push(i);
          times.push(clock.now());
        }),
      ),
    );
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.deepEqual(times, [0, 250, 500, 750, 1000], 'one token every 250 ms after the first');
  });

  it('over a long run, takes no more than rate x time + capacity', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 12, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 600; i++) await bucket.take();
    // 600 tokens: 12 at once, then 588 at 12/s.
    assert.equal(clock.now(), 49_000);
  });

  it('a waiter whose signal aborts rejects without a token, and the next one still gets its turn', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 1, capacity: 1, now: clock.now, sleep: clock.sleep });
    await bucket.take();
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await assert.rejects(bucket.take(controller.signal), /stopped/);
    await bucket.take();
    assert.equal(clock.now(), 1000, 'the aborted waiter took nothing: the next token came after one second');
  });

  it('a new rate applies to the tokens still to come', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 2, now: clock.now });
    while (bucket.tryTake());
    bucket.setRate(20);
    assert.equal(bucket.msUntilToken(), 50);
  });

  it('every root on one account and region shares one bucket; another region or profile has its own', () => {
    const budgets = new ReadBudgets(12);
    const a = budgets.get(budgetKey({ region: 'eu-west-1', profile: 'prod' }));
    assert.equal(budgets.get(budgetKey({ region: 'eu-west-1', profile: 'prod' })), a);
    assert.notEqual(budgets.get(budgetKey({ region: 'us-east-1', profile: 'prod' })), a);
    assert.notEqual(budgets.get(budgetKey({ region: 'eu-west-1', profile: 'dev' })), a);
    budgets.setRate(30);
    assert.equal(a.ratePerSecond, 30, 'a changed setting reaches the buckets already made');
  });
});

describe('read budget per account: two profiles of one account share one bucket', () => {
  /** Budgets whose buckets count their takes, on a fake clock that never waits. */
  function countingBudgets() {
    const clock = fakeClock();
    const takes = new Map<TokenBucket, number>();
    const budgets = new ReadBudgets(12, (rate) => {
      const bucket = new TokenBucket({ ratePerSecond: rate, now: clock.now, sleep: clock.sleep });
      const take = bucket.take.bind(bucket);
      bucket.take = (signal) => {
        takes.set(bucket, (takes.get(bucket) ?? 0) + 1);
        return take(signal);
      };
      return bucket;
    });
    return { budgets, takes };
  }

  it('reads the account from a domain ARN, and nothing that is not one', () => {
    assert.equal(accountOfDomainArn('arn:aws:swf:eu-west-1:123456789012:/domain/orders'), '123456789012');
    assert.equal(accountOfDomainArn('arn:aws-us-gov:swf:us-gov-west-1:210987654321:/domain/a b'), undefined, 'no whitespace in a domain name');
    assert.equal(accountOfDomainArn('arn:aws-us-gov:swf:us-gov-west-1:210987654321:/domain/x'), '210987654321');
    for (const bad of [undefined, '', 'arn:aws:swf:eu-west-1:12345:/domain/x', 'arn:aws:s3:::bucket', 'xarn:aws:swf:eu-west-1:123456789012:/domain/x', 'arn:aws:swf:eu-west-1:123456789012:/domain/']) {
      assert.equal(accountOfDomainArn(bad), undefined, String(bad));
    }
  });

  it('takes from the account\'s bucket once found, so profiles of one account share it, and asks for the account once', async () => {
    const { budgets, takes } = countingBudgets();
    let asked = 0;
    const find = async () => (asked++, '123456789012');
    const prod = new AccountReadBudget(budgets, 'eu-west-1', budgetKey({ region: 'eu-west-1', profile: 'prod' }), find);
    const admin = new AccountReadBudget(budgets, 'eu-west-1', budgetKey({ region: 'eu-west-1', profile: 'prod-admin' }), find);
    await prod.take();
    await prod.take();
    await admin.take();
    assert.equal(asked, 2, 'once per connection');
    const shared = budgets.get('eu-west-1\u0000account:123456789012');
    assert.equal(takes.get(shared), 3, 'all three reads drew from the account\'s one bucket');
    assert.equal(takes.get(budgets.get(budgetKey({ region: 'eu-west-1', profile: 'prod' }))), undefined);
    const otherRegion = new AccountReadBudget(budgets, 'us-east-1', budgetKey({ region: 'us-east-1', profile: 'prod' }), find);
    await otherRegion.take();
    assert.equal(takes.get(shared), 3, 'another region has its own quota');
  });

  it('keeps the profile\'s own bucket when the account cannot be found (denied, or no ARN), without asking again', async () => {
    const { budgets, takes } = countingBudgets();
    let asked = 0;
    const denied = new AccountReadBudget(budgets, 'eu-west-1', budgetKey({ region: 'eu-west-1', profile: 'a' }), async () => {
      asked++;
      throw new Error('AccessDenied');
    });
    const unknown = new AccountReadBudget(budgets, 'eu-west-1', budgetKey({ region: 'eu-west-1', profile: 'b' }), async () => (asked++, undefined));
    await denied.take();
    await denied.take();
    await unknown.take();
    assert.equal(asked, 2);
    assert.equal(takes.get(budgets.get(budgetKey({ region: 'eu-west-1', profile: 'a' }))), 2);
    assert.equal(takes.get(budgets.get(budgetKey({ region: 'eu-west-1', profile: 'b' }))), 1);
  });

  it('the gateway reads the account from a domain ARN over HTTP (the sandbox): none without a domain, then one call', async function () {
    this.timeout(15_000);
    const sandbox = new SwfSandbox({ port: 0 });
    const { endpoint } = await sandbox.start();
    try {
      const gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 75_000 });
      assert.equal(await gateway.accountId(), undefined, 'no domain, no ARN');
      const client = new SWFClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
      await client.send(new RegisterDomainCommand({ name: 'orders', workflowExecutionRetentionPeriodInDays: '1' }));
      client.destroy();
      sandbox.resetStats();
      assert.equal(await gateway.accountId(), '123456789012');
      assert.deepEqual(Object.keys(sandbox.stats().operations), ['ListDomains']);
      assert.equal(sandbox.stats().totals.calls, 1);
      gateway.dispose();
    } finally {
      await sandbox.stop();
    }
  });
});
