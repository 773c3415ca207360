/**
 * The sample workflows' decider: its policy (a pure function of a decision
 * task's history) and its loops against a real seeded sandbox, where a
 * worker's answer must lead to the next step's task, and stopping the
 * sandbox must stop the decider.
 */
import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import {
  PollForActivityTaskCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  StartWorkflowExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-swf';
import { SAMPLE_DOMAIN, sampleDecisions, seedSampleDomain, startSampleDecider, SwfSandbox, type DecisionTaskView } from '../../../src/sandbox';
import { clientFor } from './fixture';

const ORDER = { name: 'OrderWorkflow', version: '1.0' };
const CHARGE = { name: 'ChargeCard', version: '1.0' };
const SHIP = { name: 'ShipOrder', version: '1.0' };
const EMAIL = { name: 'SendEmail', version: '1.0' };

/** A history built event by event, ids counted from 1. */
class Story {
  readonly events: HistoryEvent[] = [];
  private add(eventType: string, attributes: Record<string, unknown>): number {
    const eventId = this.events.length + 1;
    this.events.push({ eventId, eventType, eventTimestamp: new Date(0), ...attributes } as HistoryEvent);
    return eventId;
  }
  started(input = '{"orderId":"order-1"}'): this {
    this.add('WorkflowExecutionStarted', { workflowExecutionStartedEventAttributes: { input, workflowType: ORDER } });
    return this;
  }
  decided(): number {
    this.add('DecisionTaskScheduled', {});
    const startedId = this.add('DecisionTaskStarted', {});
    this.add('DecisionTaskCompleted', {});
    return startedId;
  }
  scheduled(type: { name: string; version: string }, activityId: string, input?: string): number {
    return this.add('ActivityTaskScheduled', { activityTaskScheduledEventAttributes: { activityType: type, activityId, input } });
  }
  completed(scheduledEventId: number, result?: string): this {
    this.add('ActivityTaskCompleted', { activityTaskCompletedEventAttributes: { scheduledEventId, result } });
    return this;
  }
  failed(scheduledEventId: number, reason = 'Boom'): this {
    this.add('ActivityTaskFailed', { activityTaskFailedEventAttributes: { scheduledEventId, reason } });
    return this;
  }
  timedOut(scheduledEventId: number): this {
    this.add('ActivityTaskTimedOut', { activityTaskTimedOutEventAttributes: { scheduledEventId, timeoutType: 'HEARTBEAT' } });
    return this;
  }
  canceled(scheduledEventId: number): this {
    this.add('ActivityTaskCanceled', { activityTaskCanceledEventAttributes: { scheduledEventId } });
    return this;
  }
  cancelRequested(): this {
    this.add('WorkflowExecutionCancelRequested', {});
    return this;
  }
  /** The decision task that follows: a DecisionTaskStarted after everything so far. */
  task(previousStartedEventId: number, workflowType = ORDER): DecisionTaskView {
    this.add('DecisionTaskScheduled', {});
    this.add('DecisionTaskStarted', {});
    return { workflowId: 'order-1', workflowType, events: this.events, previousStartedEventId };
  }
}

describe('sample decider: its decisions', () => {
  it('schedules the first step of a new order with the workflow input', () => {
    const decisions = sampleDecisions(new Story().started('{"orderId":"order-1"}').task(0));
    assert.deepEqual(decisions, [
      { decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: { activityType: CHARGE, activityId: 'charge-order-1', input: '{"orderId":"order-1"}' } },
    ]);
  });

  it('after ChargeCard completes, schedules ShipOrder carrying the payment result', () => {
    const story = new Story().started();
    const charge = story.scheduled(CHARGE, 'charge-order-1');
    const previous = story.decided();
    story.completed(charge, '{"chargeId":"ch_1"}');
    const [decision, ...rest] = sampleDecisions(story.task(previous));
    assert.deepEqual(rest, []);
    assert.equal(decision.decisionType, 'ScheduleActivityTask');
    const a = decision.scheduleActivityTaskDecisionAttributes;
    assert.deepEqual(a?.activityType, SHIP);
    assert.equal(a?.activityId, 'ship-order-1');
    assert.deepEqual(JSON.parse(a?.input ?? ''), { orderId: 'order-1', carrier: 'DHL', payment: { chargeId: 'ch_1' } });
  });

  it('completes the workflow when the last step completes and nothing is open', () => {
    const story = new Story().started();
    const charge = story.scheduled(CHARGE, 'charge-order-1');
    story.completed(charge);
    const ship = story.scheduled(SHIP, 'ship-order-1');
    story.completed(ship);
    const email = story.scheduled(EMAIL, 'email-order-1');
    const previous = story.decided();
    story.completed(email, 'sent');
    const decisions = sampleDecisions(story.task(previous));
    assert.equal(decisions.length, 1);
    assert.equal(decisions[0].decisionType, 'CompleteWorkflowExecution');
    assert.deepEqual(JSON.parse(decisions[0].completeWorkflowExecutionDecisionAttributes?.result ?? ''), { status: 'COMPLETED', steps: ['charge-order-1', 'ship-order-1', 'email-order-1'] });
  });

  it('waits while another step is still open, and does not schedule a step twice', () => {
    const story = new Story().started();
    const ship = story.scheduled(SHIP, 'ship-order-1');
    story.scheduled(EMAIL, 'email-order-1');
    const previous = story.decided();
    story.completed(ship);
    assert.deepEqual(sampleDecisions(story.task(previous)), [], 'SendEmail is already scheduled and still open');
  });

  it('retries a failed step once (same activityId and input), then fails the workflow', () => {
    const story = new Story().started();
    const first = story.scheduled(CHARGE, 'charge-order-1', '{"orderId":"order-1"}');
    const previous = story.decided();
    story.failed(first, 'CardDeclined');
    assert.deepEqual(sampleDecisions(story.task(previous)), [
      { decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: { activityType: CHARGE, activityId: 'charge-order-1', input: '{"orderId":"order-1"}' } },
    ]);

    const again = new Story().started();
    const one = again.scheduled(CHARGE, 'charge-order-1');
    again.failed(one);
    const two = again.scheduled(CHARGE, 'charge-order-1');
    const before = again.decided();
    again.timedOut(two);
    const [fail, ...rest] = sampleDecisions(again.task(before));
    assert.deepEqual(rest, []);
    assert.equal(fail.decisionType, 'FailWorkflowExecution');
    assert.match(fail.failWorkflowExecutionDecisionAttributes?.reason ?? '', /^charge-order-1: timed out \(HEARTBEAT\)$/);
  });

  it('cancels the workflow when a step was canceled, and asks open steps to stop when the workflow is asked to cancel', () => {
    const story = new Story().started();
    story.scheduled(SHIP, 'ship-order-1');
    const previous = story.decided();
    story.cancelRequested();
    assert.deepEqual(sampleDecisions(story.task(previous)), [{ decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId: 'ship-order-1' } }]);

    const canceled = new Story().started();
    const s = canceled.scheduled(SHIP, 'ship-order-1');
    const before = canceled.decided();
    canceled.canceled(s);
    assert.deepEqual(sampleDecisions(canceled.task(before)).map((d) => d.decisionType), ['CancelWorkflowExecution']);
  });

  it('reacts only to events since the previous decision task, and leaves workflow types it does not know alone', () => {
    const story = new Story().started();
    const charge = story.scheduled(CHARGE, 'charge-order-1');
    story.completed(charge);
    story.scheduled(SHIP, 'ship-order-1');
    const previous = story.decided();
    assert.deepEqual(sampleDecisions(story.task(previous)), [], 'the completion was handled by an earlier decision task');
    assert.deepEqual(sampleDecisions(new Story().started().task(0, { name: 'SomeoneElses', version: '1' })), []);
  });
});

describe('sample decider: against a seeded sandbox', function () {
  this.timeout(20_000);
  let sandbox: SwfSandbox;

  beforeEach(async () => {
    sandbox = new SwfSandbox({ port: 0, maxPollWaitMs: 300 });
    await sandbox.start();
    await seedSampleDomain(sandbox);
  });

  afterEach(() => sandbox.stop());

  /** Waits (polling the state, as the test is not the decider) until `ready` holds. */
  async function until(ready: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 100 && !ready(); i++) await delay(50);
    assert.ok(ready(), what);
  }

  it('an answered task leads to the next step, a second failure fails the workflow, and it stops with the sandbox', async () => {
    const errors: unknown[] = [];
    const decider = startSampleDecider(sandbox, { onError: (e) => errors.push(e) });
    const client = clientFor(sandbox.endpoint);
    try {
      // The first payments task a worker gets is charge-order-1005 (its retry), as the seed scheduled it first.
      const charge = await client.send(new PollForActivityTaskCommand({ domain: SAMPLE_DOMAIN, taskList: { name: 'payments' }, identity: 'unit-worker' }));
      assert.equal(charge.activityId, 'charge-order-1005');
      await client.send(new RespondActivityTaskCompletedCommand({ taskToken: charge.taskToken, result: '{"chargeId":"ch_1005"}' }));
      const order = () => sandbox.state.domain(SAMPLE_DOMAIN).openByWorkflowId.get('order-1005');
      await until(() => order()?.activities.has('ship-order-1005') === true, 'the decider scheduled ShipOrder for order-1005');
      assert.deepEqual(JSON.parse(order()?.activities.get('ship-order-1005')?.input ?? '').payment, { chargeId: 'ch_1005' });

      // charge-order-1001 fails twice: one retry, then the workflow fails.
      for (let attempt = 1; attempt <= 2; attempt++) {
        let task = await client.send(new PollForActivityTaskCommand({ domain: SAMPLE_DOMAIN, taskList: { name: 'payments' }, identity: 'unit-worker' }));
        // The retry waits behind the list's other tasks: complete those on the way.
        for (let skipped = 0; task.activityId !== 'charge-order-1001' && task.taskToken && skipped < 6; skipped++) {
          await client.send(new RespondActivityTaskCompletedCommand({ taskToken: task.taskToken, result: '{}' }));
          task = await client.send(new PollForActivityTaskCommand({ domain: SAMPLE_DOMAIN, taskList: { name: 'payments' }, identity: 'unit-worker' }));
        }
        assert.equal(task.activityId, 'charge-order-1001', `attempt ${attempt}`);
        await client.send(new RespondActivityTaskFailedCommand({ taskToken: task.taskToken, reason: 'CardDeclined' }));
        if (attempt === 1) await until(() => sandbox.state.domain(SAMPLE_DOMAIN).openByWorkflowId.get('order-1001')?.activities.has('charge-order-1001') === true, 'retried once');
      }
      const failed = [...sandbox.state.domain(SAMPLE_DOMAIN).executions.values()].filter((e) => e.workflowId === 'order-1001');
      await until(() => failed[0]?.closeStatus === 'FAILED', 'order-1001 failed after its retry failed');

      // A new execution started by anyone gets its first step.
      await client.send(new StartWorkflowExecutionCommand({ domain: SAMPLE_DOMAIN, workflowId: 'order-2000', workflowType: ORDER, input: '{"orderId":"order-2000"}' }));
      await until(() => sandbox.state.domain(SAMPLE_DOMAIN).openByWorkflowId.get('order-2000')?.activities.has('charge-order-2000') === true, 'a new order starts with ChargeCard');
      assert.deepEqual(errors, []);
      assert.ok(decider.running);
      assert.ok((sandbox.stats().callers['sample-decider'] ?? 0) > 0, 'the decider called the sandbox through its endpoint, with its own key');
    } finally {
      client.destroy();
    }
    await sandbox.stop();
    assert.equal(decider.running, false, 'stopping the sandbox stopped the decider');
    const decided = decider.decided;
    await delay(400);
    assert.equal(decider.decided, decided);
    assert.deepEqual(errors, [], 'stopping is not an error');
  });

  it('does not run unless started: a seeded sandbox alone leaves answered tasks where they were', async () => {
    const client = clientFor(sandbox.endpoint);
    try {
      const charge = await client.send(new PollForActivityTaskCommand({ domain: SAMPLE_DOMAIN, taskList: { name: 'payments' }, identity: 'unit-worker' }));
      await client.send(new RespondActivityTaskCompletedCommand({ taskToken: charge.taskToken, result: '{}' }));
      await delay(500);
      const order = sandbox.state.domain(SAMPLE_DOMAIN).openByWorkflowId.get('order-1005');
      assert.equal(order?.activities.size, 0);
      assert.ok(order?.decisionTask && order.decisionTask.startedEventId === 0, 'its decision task waits for a decider');
    } finally {
      client.destroy();
    }
  });

  it('seeds express tasks with short timeouts, last on the payments list', () => {
    const domain = sandbox.state.domain(SAMPLE_DOMAIN);
    const charge = domain.openByWorkflowId.get('order-1008')?.activities.get('charge-order-1008');
    const invoice = domain.openByWorkflowId.get('order-1009')?.activities.get('invoice-order-1009');
    assert.deepEqual([charge?.timeouts.heartbeatTimeout, charge?.timeouts.startToCloseTimeout], ['120', '600']);
    assert.deepEqual([invoice?.timeouts.heartbeatTimeout, invoice?.timeouts.startToCloseTimeout], ['60', '300']);
    assert.equal(charge?.taskList.name, 'payments');
    assert.equal(charge?.startedEventId, 0, 'waiting: its short clocks start when someone claims it');
  });
});
