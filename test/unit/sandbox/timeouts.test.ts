import { RecordActivityTaskHeartbeatCommand, type HistoryEvent } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { claim, decide, eventTypes, history, scheduleActivity, startWorkflow, useFixture } from './fixture';

/** How late a timeout may fire and still count as on time. */
const SLACK_MS = 400;

const seconds = (event: HistoryEvent | undefined): number => event?.eventTimestamp?.getTime() ?? Number.NaN;

describe('sandbox activity timeouts', function () {
  this.timeout(5000);
  const fixture = useFixture();

  /** Schedules one activity with `timeouts`, optionally starts it, waits, and returns the timeout event and its reference event. */
  async function expectTimeout(timeouts: Record<string, string>, start: boolean, heartbeatAfterMs?: number): Promise<{ timedOut: HistoryEvent; reference: HistoryEvent }> {
    const { client } = fixture();
    const execution = await startWorkflow(client, 'wf-timeout');
    await decide(client, [scheduleActivity('a1', timeouts)]);
    if (start) {
      const token = await claim(client);
      if (heartbeatAfterMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, heartbeatAfterMs));
        await client.send(new RecordActivityTaskHeartbeatCommand({ taskToken: token, details: 'progress 50%' }));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1000 + (heartbeatAfterMs ?? 0) + 200));
    const events = await history(client, execution);
    const timedOut = events.find((event) => event.eventType === 'ActivityTaskTimedOut');
    assert.ok(timedOut, `no timeout in ${eventTypes(events).join(', ')}`);
    assert.equal(events.at(-1)?.eventType, 'DecisionTaskScheduled');
    const reference = events.find((event) => event.eventType === (start ? 'ActivityTaskStarted' : 'ActivityTaskScheduled')) as HistoryEvent;
    return { timedOut, reference };
  }

  function assertOnTime(timedOut: HistoryEvent, from: number, afterMs: number): void {
    const late = seconds(timedOut) - from - afterMs;
    assert.ok(late >= -5 && late < SLACK_MS, `fired ${late} ms off`);
  }

  it('fires SCHEDULE_TO_START on time', async () => {
    const { timedOut, reference } = await expectTimeout({ scheduleToStartTimeout: '1' }, false);
    assert.deepEqual(timedOut.activityTaskTimedOutEventAttributes, { timeoutType: 'SCHEDULE_TO_START', scheduledEventId: reference.eventId, startedEventId: 0 });
    assertOnTime(timedOut, seconds(reference), 1000);
  });

  it('fires SCHEDULE_TO_CLOSE on time, even once started', async () => {
    const { timedOut } = await expectTimeout({ scheduleToCloseTimeout: '1' }, true);
    assert.equal(timedOut.activityTaskTimedOutEventAttributes?.timeoutType, 'SCHEDULE_TO_CLOSE');
  });

  it('fires START_TO_CLOSE on time', async () => {
    const { timedOut, reference } = await expectTimeout({ startToCloseTimeout: '1' }, true);
    assert.deepEqual(timedOut.activityTaskTimedOutEventAttributes, { timeoutType: 'START_TO_CLOSE', scheduledEventId: 5, startedEventId: reference.eventId });
    assertOnTime(timedOut, seconds(reference), 1000);
  });

  it('fires HEARTBEAT one timeout after the last heartbeat, with its details', async () => {
    const { timedOut, reference } = await expectTimeout({ heartbeatTimeout: '1' }, true, 500);
    assert.deepEqual(timedOut.activityTaskTimedOutEventAttributes, { timeoutType: 'HEARTBEAT', scheduledEventId: 5, startedEventId: reference.eventId, details: 'progress 50%' });
    assertOnTime(timedOut, seconds(reference), 1500);
  });
});
