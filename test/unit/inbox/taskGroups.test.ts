import * as assert from 'node:assert/strict';
import type { ClaimedTask } from '../../../src/claims/claims';
import type { OpenActivityTask } from '../../../src/history/openTasks';
import type { ExecutionListing, TaskListing } from '../../../src/swf/taskLister';
import { awsConnection, type RootSpec, SANDBOX } from '../../../src/connection/connection';
import { buildTaskTree, claimStillOpen, filterTaskTree, keepShownOrder, unwatchedClaimRows } from '../../../src/inbox/taskGroups';

const MOTO = awsConnection('', 'us-east-1', 'http://127.0.0.1:5000');
const ROOT: RootSpec = { connection: MOTO, domain: 'orders' };
import { formatAge } from '../../../src/tree/format';

function task(overrides: Partial<OpenActivityTask>): OpenActivityTask {
  return {
    workflowId: 'order-1',
    runId: 'run-1',
    scheduledEventId: 5,
    activityId: 'charge-1',
    activityType: { name: 'chargeCard', version: '1' },
    taskList: 'payments',
    timeouts: {},
    state: 'scheduled',
    cancelRequested: false,
    attempt: 1,
    scheduledAt: new Date(Date.UTC(2026, 0, 1, 0, 0, overrides.scheduledEventId ?? 5)),
    ...overrides,
  };
}

function claim(overrides: Partial<ClaimedTask>): ClaimedTask {
  return {
    connection: MOTO,
    domain: 'orders',
    taskList: 'payments',
    workflowId: 'order-1',
    runId: 'run-1',
    activityId: 'charge-1',
    activityType: { name: 'chargeCard', version: '1' },
    startedEventId: 6,
    claimedAt: '2026-01-01T00:00:10.000Z',
    identity: 'vscode:me@host',
    taskToken: 'token-abcdef',
    ...overrides,
  };
}

function listing(tasks: OpenActivityTask[], extra: Partial<TaskListing> = {}): TaskListing {
  const executions: ExecutionListing[] = [...new Set(tasks.map((t) => `${t.workflowId}|${t.runId}`))].map((key) => {
    const [workflowId, runId] = key.split('|');
    return { execution: { workflowId, runId }, state: { workflowId, runId, lastEventId: 10, closed: false, open: new Map(), schedulings: new Map(), scheduleFailures: [] } };
  });
  return {
    domain: 'orders',
    executions,
    tasks,
    hasMore: false,
    readStartedAt: new Date('2026-01-01T00:01:00.000Z'),
    stats: { executionsListed: executions.length, historiesReadInFull: 0, historiesReadIncrementally: 0, historyCalls: 0, eventsRead: 0, throttled: 0 },
    ...extra,
  };
}

describe('keepShownOrder', () => {
  it('keeps shown rows and groups where they were and puts what arrives after them, in sorted order', () => {
    const first = buildTaskTree(ROOT, listing([task({ workflowId: 'w3', scheduledEventId: 9, activityId: 'late', taskList: 'shipping' })]), []);
    // A later history brings an older task (sorted first) to the same list, and a list whose name sorts first.
    const more = [
      task({ workflowId: 'w3', scheduledEventId: 9, activityId: 'late', taskList: 'shipping' }),
      task({ workflowId: 'w1', scheduledEventId: 2, activityId: 'early', taskList: 'shipping' }),
      task({ workflowId: 'w2', scheduledEventId: 3, activityId: 'pay', taskList: 'payments' }),
    ];
    const sorted = buildTaskTree(ROOT, listing(more), []);
    assert.deepEqual(sorted.groups.map((g) => [g.name, g.tasks.map((r) => r.task.activityId)]), [['payments', ['pay']], ['shipping', ['early', 'late']]], 'sorted, rows would move');
    const steady = keepShownOrder(first, sorted);
    assert.deepEqual(steady.groups.map((g) => [g.name, g.tasks.map((r) => r.task.activityId)]), [['shipping', ['late', 'early']], ['payments', ['pay']]]);
    assert.equal(steady.taskCount, 3);
    assert.equal(keepShownOrder(undefined, sorted), sorted, 'nothing shown yet: the sorted tree');
  });
});

describe('buildTaskTree', () => {
  it('dates each task list by the oldest last read of its executions, not counting executions never read', () => {
    const tasks = [
      task({ workflowId: 'a', activityId: 'a1', taskList: 'payments' }),
      task({ workflowId: 'b', activityId: 'b1', taskList: 'payments' }),
      task({ workflowId: 'c', activityId: 'c1', taskList: 'shipping' }),
    ];
    const base = listing(tasks);
    const readAt: Record<string, number | undefined> = { a: 5_000, b: 2_000, c: undefined };
    const tree = buildTaskTree(ROOT, { ...base, executions: base.executions.map((e) => ({ ...e, readAt: readAt[e.execution.workflowId] })) }, []);
    assert.deepEqual(tree.groups.map((g) => [g.name, g.readAt]), [['payments', 2_000], ['shipping', undefined]]);
  });

  it('groups by task list, sorted by name, and puts claimed, then started, then scheduled (oldest first) in each', () => {
    const tasks = [
      task({ scheduledEventId: 9, activityId: 'late', taskList: 'payments' }),
      task({ scheduledEventId: 7, activityId: 'started', taskList: 'payments', state: 'started', startedEventId: 8 }),
      task({ scheduledEventId: 5, activityId: 'early', taskList: 'payments' }),
      task({ scheduledEventId: 3, activityId: 'mine', taskList: 'payments', state: 'started', startedEventId: 6 }),
      task({ scheduledEventId: 4, activityId: 'ship', taskList: 'shipping' }),
    ];
    const tree = buildTaskTree(ROOT, listing(tasks), [claim({ activityId: 'mine', startedEventId: 6 })]);
    assert.deepEqual(tree.groups.map((g) => g.name), ['payments', 'shipping']);
    assert.deepEqual(tree.groups[0].tasks.map((r) => `${r.task.activityId}:${r.state}`), ['mine:claimed', 'started:started', 'early:scheduled', 'late:scheduled']);
    assert.equal(tree.taskCount, 5);
    assert.equal(tree.claimedCount, 1);
  });

  it('does not treat a task started by another worker as ours when only the activityId matches', () => {
    const tasks = [task({ state: 'started', startedEventId: 12 })];
    const tree = buildTaskTree(ROOT, listing(tasks), [claim({ startedEventId: 6 })]);
    assert.equal(tree.groups[0].tasks[0].state, 'started');
  });

  it('shows a claim whose execution was not read, from what the claim recorded', () => {
    const tree = buildTaskTree(ROOT, listing([], { hasMore: true }), [claim({ workflowId: 'elsewhere', activityId: 'x', input: '{"a":1}' })]);
    assert.equal(tree.taskCount, 1);
    const row = tree.groups[0].tasks[0];
    assert.equal(row.state, 'claimed');
    assert.equal(row.task.input, '{"a":1}');
  });

  it('shows claims no root watches apart, each with its own connection and domain', () => {
    const sandboxClaim = claim({ connection: SANDBOX, taskToken: 'sandbox-token' });
    const rows = unwatchedClaimRows([ROOT], [claim({}), sandboxClaim, claim({ domain: 'billing', taskToken: 'billing-token' })]);
    assert.deepEqual(rows.map((r) => [r.root.domain, r.root.connection.kind, r.claim?.taskToken]), [
      ['orders', 'sandbox', 'sandbox-token'],
      ['billing', 'aws', 'billing-token'],
    ]);
    assert.ok(rows.every((r) => r.state === 'claimed'));
  });

  it('ignores claims of other domains and of other connections with the same domain name', () => {
    const sameName = buildTaskTree(ROOT, listing([]), [claim({ connection: SANDBOX })]);
    assert.equal(sameName.taskCount, 0);
    const tree = buildTaskTree(ROOT, listing([]), [claim({ domain: 'other' })]);
    assert.equal(tree.taskCount, 0);
  });
});

describe('claimStillOpen', () => {
  const started = task({ state: 'started', startedEventId: 6 });
  it('is true while the listing has the claimed task started', () => {
    assert.equal(claimStillOpen(listing([started]), claim({})), true);
  });
  it('is false when the execution was read and the task is gone', () => {
    const l = listing([started]);
    assert.equal(claimStillOpen({ ...l, tasks: [] }, claim({})), false);
  });
  it('is unknown when the execution was not read and more executions exist', () => {
    assert.equal(claimStillOpen(listing([], { hasMore: true }), claim({})), undefined);
  });
  it('is false when the execution is not open and the listing is complete', () => {
    assert.equal(claimStillOpen(listing([]), claim({})), false);
  });
  it('says nothing of a claim made after the read began, which may show the task still scheduled or its execution not yet listed', () => {
    const readStartedAt = new Date('2026-01-01T00:00:09.000Z');
    assert.equal(claimStillOpen(listing([task({ state: 'scheduled' })], { readStartedAt }), claim({})), undefined);
    assert.equal(claimStillOpen(listing([], { readStartedAt }), claim({})), undefined);
    assert.equal(claimStillOpen(listing([], { readStartedAt: new Date('2026-01-01T00:00:10.000Z') }), claim({})), undefined);
    assert.equal(claimStillOpen(listing([], { readStartedAt: new Date('2026-01-01T00:00:10.001Z') }), claim({})), false);
  });
});

describe('formatAge', () => {
  const now = new Date(Date.UTC(2026, 0, 10));
  const ago = (seconds: number) => formatAge(new Date(now.getTime() - seconds * 1000), now);
  it('says short ages compactly at each unit boundary', () => {
    assert.equal(ago(0), 'just now');
    assert.equal(ago(5), '5s');
    assert.equal(ago(59), '59s');
    assert.equal(ago(60), '1m');
    assert.equal(ago(3600), '1h');
    assert.equal(ago(3660), '1h 1m');
    assert.equal(ago(86400), '1d');
    assert.equal(ago(90000), '1d 1h');
    assert.equal(formatAge(undefined, now), '');
  });
});

describe('filterTaskTree', () => {
  const tasks = [
    task({ scheduledEventId: 3, activityId: 'charge-1', workflowId: 'order-7', taskList: 'payments' }),
    task({ scheduledEventId: 4, activityId: 'ship-1', workflowId: 'order-8', taskList: 'shipping', activityType: { name: 'ShipOrder', version: '2' }, state: 'started', startedEventId: 9, startedBy: 'worker-7@ip-10' }),
    task({ scheduledEventId: 5, activityId: 'charge-2', workflowId: 'order-8', taskList: 'payments' }),
  ];
  const tree = buildTaskTree(ROOT, listing(tasks), []);
  const ids = (query: string) => filterTaskTree(tree, query).groups.flatMap((g) => g.tasks.map((r) => r.task.activityId));

  it('matches activity ID, workflow ID, type, task list, worker and state, ignoring case', () => {
    assert.deepEqual(ids('CHARGE'), ['charge-1', 'charge-2']);
    assert.deepEqual(ids('order-8'), ['charge-2', 'ship-1']);
    assert.deepEqual(ids('shiporder'), ['ship-1']);
    assert.deepEqual(ids('worker-7'), ['ship-1']);
    assert.deepEqual(ids('started'), ['ship-1']);
    assert.deepEqual(ids('payments'), ['charge-1', 'charge-2']);
  });

  it('drops emptied groups and recounts; an empty query keeps everything', () => {
    const filtered = filterTaskTree(tree, 'ship');
    assert.deepEqual(filtered.groups.map((g) => g.name), ['shipping']);
    assert.equal(filtered.taskCount, 1);
    assert.equal(filterTaskTree(tree, '   '), tree);
    assert.equal(filterTaskTree(tree, 'nothing-matches').groups.length, 0);
  });
});
