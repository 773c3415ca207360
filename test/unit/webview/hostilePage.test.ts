/**
 * The execution panel's real page (dist/webview/execution.js in headless
 * Chromium, under the panel's CSP) fed a history whose every text field is
 * markup, script and `command:` links, as any worker or peer can write into
 * inputs, results, reasons, identities and IDs: the page shows the text as
 * text, makes no element, link or handler of it, and runs none of it.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildTimeline } from '../../../src/history/timelineFold';
import * as protocol from '../../../src/webview/execution/protocol';
import { MARKUP } from '../../fixtures/hostileSwf';
import { PANEL_ROOT, PANEL_STRINGS } from '../../fixtures/panelPage';
import { usePageSession } from './pageSession';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const at = (s: number) => new Date(T0 + s * 1000);

/** An execution whose IDs, type, tags, inputs, results, reasons and identities are all markup. */
function hostileHistory(): HistoryEvent[] {
  return [
    { eventId: 1, eventType: 'WorkflowExecutionStarted', eventTimestamp: at(0), workflowExecutionStartedEventAttributes: { workflowType: { name: `wf ${MARKUP}`, version: MARKUP }, taskList: { name: MARKUP }, childPolicy: 'TERMINATE', input: MARKUP, tagList: [MARKUP, 'command:workbench.action.quit'], executionStartToCloseTimeout: '3600', taskStartToCloseTimeout: '30' } },
    { eventId: 2, eventType: 'DecisionTaskScheduled', eventTimestamp: at(1), decisionTaskScheduledEventAttributes: { taskList: { name: MARKUP } } },
    { eventId: 3, eventType: 'DecisionTaskStarted', eventTimestamp: at(2), decisionTaskStartedEventAttributes: { scheduledEventId: 2, identity: `decider ${MARKUP}` } },
    { eventId: 4, eventType: 'DecisionTaskCompleted', eventTimestamp: at(3), decisionTaskCompletedEventAttributes: { scheduledEventId: 2, startedEventId: 3, executionContext: MARKUP } },
    { eventId: 5, eventType: 'ActivityTaskScheduled', eventTimestamp: at(4), activityTaskScheduledEventAttributes: { activityId: `act ${MARKUP}`, activityType: { name: `type ${MARKUP}`, version: '1' }, taskList: { name: MARKUP }, decisionTaskCompletedEventId: 4, input: JSON.stringify({ note: MARKUP, link: 'command:workbench.action.quit' }), control: MARKUP } },
    { eventId: 6, eventType: 'ActivityTaskStarted', eventTimestamp: at(5), activityTaskStartedEventAttributes: { scheduledEventId: 5, identity: `worker ${MARKUP}` } },
    { eventId: 7, eventType: 'ActivityTaskFailed', eventTimestamp: at(6), activityTaskFailedEventAttributes: { scheduledEventId: 5, startedEventId: 6, reason: MARKUP, details: MARKUP } },
    { eventId: 8, eventType: 'WorkflowExecutionSignaled', eventTimestamp: at(7), workflowExecutionSignaledEventAttributes: { signalName: MARKUP, input: MARKUP, externalInitiatedEventId: 0 } },
    { eventId: 9, eventType: 'TimerStarted', eventTimestamp: at(8), timerStartedEventAttributes: { timerId: `timer ${MARKUP}`, startToFireTimeout: '5', decisionTaskCompletedEventId: 4, control: MARKUP } },
    { eventId: 10, eventType: `Unknown${MARKUP}` as HistoryEvent['eventType'], eventTimestamp: at(9) },
  ];
}

/** What the page has turned into markup: elements, links and handlers beyond the page's own. */
function whatRan(page: Page): Promise<{ imgs: number; scripts: number; links: string[]; handlers: number; alerts: number; text: string; lanes: number }> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      links: [...document.querySelectorAll('[href]')].map((e) => e.getAttribute('href') ?? '').filter((h) => !h.endsWith('.css')),
      handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      alerts: (window as unknown as { __alerts: number }).__alerts,
      text: document.body.innerText,
      lanes: document.querySelectorAll('.lane').length,
    };
  });
}

describe('the execution panel page, fed markup in every text field', function () {
  this.timeout(60_000);
  // Anything that got to run would call one of these.
  const session = usePageSession('hostile-page', {
    beforeLoad: (p) =>
      p.addInitScript(() => {
        const w = window as unknown as { __alerts: number; alert: () => void; confirm: () => boolean; prompt: () => null };
        w.__alerts = 0;
        w.alert = () => void w.__alerts++;
        w.confirm = () => (w.__alerts++, false);
        w.prompt = () => (w.__alerts++, null);
      }),
  });
  const { errors, deliver } = session;
  let page: Page;

  before(() => {
    page = session.page();
  });

  it('draws the lanes and shows every hostile text as text, with nothing made of it', async () => {
    const events = hostileHistory();
    const model = buildTimeline(`wf ${MARKUP}`, `run ${MARKUP}`, events);
    const posted = protocol.postedState();
    const init = protocol.initMessage(model, events, PANEL_ROOT, { strings: PANEL_STRINGS, state: { root: {}, workflowId: `wf ${MARKUP}`, runId: 'run-1' } }, posted);
    const { posted: asked } = await deliver([init]);
    // The page asks for its first page of events; answer as the host does.
    const request = asked.find((m) => m.type === 'requestEvents');
    assert.ok(request, `the page asked for no events: ${JSON.stringify(asked)}`);
    await deliver([{ type: 'events', page: protocol.eventPage(events, request.offset, request.filter) }]);
    // Select every bar in turn: each answer carries the hostile texts of its events.
    for (const lane of model.lanes.values()) {
      for (const bar of lane.bars) {
        await deliver([{ type: 'details', barId: bar.id, label: protocol.toBarView(bar).summary, events: bar.eventIds.map((id) => protocol.toEventView(events[id - 1])) }]);
      }
    }
    await deliver([{ type: 'error', message: MARKUP, retry: MARKUP }]);

    const seen = await whatRan(page);
    assert.deepEqual(errors, []);
    assert.ok(seen.lanes >= 3, `lanes drawn: ${seen.lanes}`);
    assert.equal(seen.imgs, 0, 'no <img> made of the data');
    assert.equal(seen.scripts, 2, 'only the page\'s own two scripts');
    assert.deepEqual(seen.links, [], 'no link made of the data');
    assert.equal(seen.handlers, 0, 'no on* attribute made of the data');
    assert.equal(seen.alerts, 0, 'nothing of the data ran');
    // The markup is on the page as the characters SWF sent.
    assert.ok(seen.text.includes('<img src=x onerror="alert(1)">'), seen.text.slice(0, 400));
    assert.ok(seen.text.includes('[run](command:workbench.action.quit)'));
  });
});
