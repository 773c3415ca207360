/** The read budget's token bucket, on a fake clock: rate, burst, order of waiters, abort, and the sharing key. */
import * as assert from 'node:assert/strict';
import { budgetKey, ReadBudgets, TokenBucket } from '../../../src/swf/readBudget';

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
