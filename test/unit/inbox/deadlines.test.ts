/**
 * Deadlines of open activity tasks, at fixed times: each state picks the
 * timeouts that can still fire, "NONE" and missing values are told apart,
 * heartbeats we cannot see are only a lower bound, a passed deadline is
 * overdue, and a minute left is the boundary of urgent. Also the pace at
 * which the views re-render time left, and how it is written.
 */
import * as assert from 'node:assert/strict';
import { type DeadlineSubject, isUrgent, renderDelayMs, taskDeadlines, URGENT_MS } from '../../../src/inbox/deadlines';
import { formatTimeLeft } from '../../../src/tree/format';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

function subject(overrides: Partial<DeadlineSubject> & { timeouts?: DeadlineSubject['task']['timeouts'] }): DeadlineSubject {
  const { timeouts, ...rest } = overrides;
  return {
    state: 'scheduled',
    task: { scheduledAt: at(0), timeouts: timeouts ?? { scheduleToStart: '300', startToClose: '600', scheduleToClose: '3600', heartbeat: '120' } },
    ...rest,
  };
}

/** kind=status[:msLeft] for each of the four, for compact assertions. */
function summary(s: DeadlineSubject, now: Date, lastBeatAt?: Date): string[] {
  return taskDeadlines(s, now, lastBeatAt).all.map((d) => (d.status === 'running' ? `${d.kind}=${d.bound}:${d.msLeft}` : `${d.kind}=${d.status}`));
}

describe('taskDeadlines', () => {
  it('scheduled: schedule-to-start and schedule-to-close run from the scheduling; the start clocks have not started', () => {
    const s = subject({});
    assert.deepEqual(summary(s, at(60)), ['scheduleToStart=exact:240000', 'startToClose=notStarted', 'scheduleToClose=exact:3540000', 'heartbeat=notStarted']);
    const { next } = taskDeadlines(s, at(60));
    assert.equal(next?.kind, 'scheduleToStart');
    assert.equal(next?.at.toISOString(), at(300).toISOString());
  });

  it('started by another worker: schedule-to-start is met, start-to-close runs from the start, the heartbeat is only a lower bound', () => {
    const s = subject({ state: 'started', task: { ...subject({}).task, startedAt: at(100) } });
    assert.deepEqual(summary(s, at(160)), ['scheduleToStart=met', 'startToClose=exact:540000', 'scheduleToClose=exact:3440000', 'heartbeat=notBefore:60000']);
    // The heartbeat at start + 120 s is nearer, but a worker that beats moves it: the next deadline is start-to-close.
    assert.equal(taskDeadlines(s, at(160)).next?.kind, 'startToClose');
  });

  it('claimed: the heartbeat runs from the last beat the keeper saw succeed, and is then the nearer deadline', () => {
    const s = subject({ state: 'claimed', task: { ...subject({}).task, startedAt: at(100) }, claim: { claimedAt: at(100).toISOString() } });
    const { next } = taskDeadlines(s, at(200), at(190));
    assert.equal(next?.kind, 'heartbeat');
    assert.equal(next?.msLeft, 110_000);
    assert.equal(next?.since, 'lastHeartbeat');
    // Before any beat is seen (a claim restored after a reload), the heartbeat is a lower bound from the start.
    assert.deepEqual(summary(s, at(200))[3], 'heartbeat=notBefore:20000');
    assert.equal(taskDeadlines(s, at(200)).next?.kind, 'startToClose');
    // A beat older than the start (another claim of the same token cannot be, but a clock skew can) is ignored.
    assert.equal(taskDeadlines(s, at(200), at(50)).next?.kind, 'startToClose');
  });

  it('a claim shown from what was recorded at the claim: starts at claimedAt, timeouts as read for the claim, no scheduling time', () => {
    const s: DeadlineSubject = { state: 'claimed', task: { timeouts: {} }, claim: { claimedAt: at(0).toISOString(), timeouts: { heartbeat: '30', startToClose: '600', scheduleToClose: 'NONE' } } };
    assert.deepEqual(summary(s, at(10), at(5)), ['scheduleToStart=unknown', 'startToClose=exact:590000', 'scheduleToClose=none', 'heartbeat=exact:25000']);
  });

  it('tells "NONE" (never fires) from a missing or unparsable value (the type default: unknown)', () => {
    const s = subject({ state: 'started', timeouts: { scheduleToStart: 'NONE', startToClose: undefined, scheduleToClose: '', heartbeat: 'soon' } });
    s.task.startedAt = at(1);
    assert.deepEqual(summary(s, at(2)), ['scheduleToStart=none', 'startToClose=unknown', 'scheduleToClose=unknown', 'heartbeat=unknown']);
    assert.equal(taskDeadlines(s, at(2)).next, undefined);
  });

  it('a running timeout whose clock start is not known is unknown, with its length', () => {
    const s = subject({ state: 'started', task: { timeouts: { startToClose: '60' } } });
    assert.deepEqual(taskDeadlines(s, at(0)).all[1], { kind: 'startToClose', status: 'unknown', seconds: 60 });
  });

  it('a passed deadline stays the next one, with time left below zero (overdue; the service decides)', () => {
    const s = subject({ timeouts: { scheduleToStart: '30', scheduleToClose: '600' } });
    const { next } = taskDeadlines(s, at(45));
    assert.equal(next?.kind, 'scheduleToStart');
    assert.equal(next?.msLeft, -15_000);
    assert.equal(formatTimeLeft(next.msLeft), 'overdue');
    assert.equal(isUrgent(next), true);
  });

  it('is urgent under a minute left, not at a minute', () => {
    const s = subject({ timeouts: { scheduleToStart: '120' } });
    assert.equal(taskDeadlines(s, at(60)).next?.msLeft, URGENT_MS);
    assert.equal(isUrgent(taskDeadlines(s, at(60)).next), false);
    assert.equal(isUrgent(taskDeadlines(s, new Date(at(60).getTime() + 1)).next), true);
    assert.equal(isUrgent(undefined), false);
  });
});

describe('formatTimeLeft', () => {
  it('rounds down, in seconds under a minute, and says overdue at zero', () => {
    assert.deepEqual([240_000, 239_999, 61_000, 60_000, 59_999, 42_500, 999, 0, -1].map(formatTimeLeft), [
      '4m left',
      '3m left',
      '1m left',
      '1m left',
      '59s left',
      '42s left',
      '0s left',
      'overdue',
      'overdue',
    ]);
    assert.equal(formatTimeLeft((3 * 3600 + 4 * 60) * 1000), '3h 4m left');
  });
});

describe('renderDelayMs', () => {
  it('every second while one is under a minute, else every 15 s, sooner before one enters the last minute; nothing for overdue or none', () => {
    assert.equal(renderDelayMs([]), undefined);
    assert.equal(renderDelayMs([-5_000, 0]), undefined, 'overdue stays overdue');
    assert.equal(renderDelayMs([30_000, 600_000]), 1_000);
    assert.equal(renderDelayMs([600_000]), 15_000);
    assert.equal(renderDelayMs([65_000]), 5_001, 'wakes just inside the last minute, to turn the icon');
    assert.equal(renderDelayMs([60_000]), 1_000);
  });
});
