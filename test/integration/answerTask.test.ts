/**
 * Complete Task and Fail Task against moto_server, answered through the
 * extension's real input boxes; every outcome is read back from the
 * execution's history with the SDK. Also: answering a closed task, a result
 * over SWF's limit (refused before any call), and the command palette paths
 * (pick a claimed task, or paste a token).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClaimedTask } from '../../src/claims/claims';
import { claimFromList, loggedText, shownTask, shownTasks } from './helpers/extension';
import { useMotoDomain } from './helpers/motoSuite';
import { eventsOfActivity, scheduledEventIdOf } from './helpers/swf';
import { answerNextInputBoxes, answerQuickPick, answerShowInputBox, waitFor } from './helpers/ui';

const DOMAIN = 'answer-tests';
const VERIFY = { name: 'VerifyCard', version: '2.1' };
/** SWF's limit on `result` is 32,768 characters. */
const RESULT_LIMIT = 32_768;

interface Claimed {
  claim: ClaimedTask;
  execution: { workflowId: string; runId: string };
}

describe('answering tasks (moto_server)', function () {
  this.timeout(30_000);
  const moto = useMotoDomain(DOMAIN, [{ ...VERIFY, taskList: 'verifications' }]);

  /** A fresh execution with one task on its own task list, claimed through the tree's task list node. */
  async function claimNew(name: string): Promise<Claimed> {
    const activityId = `verify-${name}`;
    const execution = await moto.domain.startWithActivities(`order-${name}`, [
      { type: VERIFY, activityId, taskList: `verify-${name}`, input: JSON.stringify({ orderId: `order-${name}`, last4: '4242' }) },
    ]);
    const claim = await claimFromList(moto.api, `verify-${name}`);
    assert.equal(claim.activityId, activityId);
    assert.equal((await shownTask(moto.api, activityId)).contextValue, 'claimedActivityTask');
    return { claim, execution };
  }

  async function activityEvents({ claim, execution }: Claimed, type: string) {
    const history = await moto.domain.history(execution);
    return eventsOfActivity(history, scheduledEventIdOf(history, claim.activityId), type);
  }

  async function answered(action: 'completeTask' | 'failTask', arg: unknown, values: string[]): Promise<{ sent: unknown; boxes: Awaited<ReturnType<ReturnType<typeof answerNextInputBoxes>['done']>> }> {
    const driver = answerNextInputBoxes(values);
    try {
      const sent = await vscode.commands.executeCommand(`swfTasks.${action}`, arg);
      return { sent, boxes: await driver.done() };
    } finally {
      driver.dispose();
    }
  }

  it('completes a claimed task with the result typed into the input box', async () => {
    const task = await claimNew('complete');
    const row = await shownTask(moto.api, task.claim.activityId);
    const { sent, boxes } = await answered('completeTask', row.node, ['customer credit card verified']);
    assert.equal(sent, true);
    assert.equal(boxes.length, 1);
    assert.ok(boxes[0].accepted && !boxes[0].rejected, 'the box took Enter');
    assert.match(boxes[0].title ?? '', /^Complete Task: /);

    const completed = await activityEvents(task, 'ActivityTaskCompleted');
    assert.equal(completed.length, 1);
    assert.equal(completed[0].activityTaskCompletedEventAttributes?.result, 'customer credit card verified');
    assert.ok(moto.messages.of('info').some((m) => m.message.startsWith('Completed') && m.message.includes(task.claim.activityId)));
    assert.ok(!(await shownTasks(moto.api)).some((r) => r.activityId === task.claim.activityId), 'the completed task left the tree');
    assert.ok(!(await moto.api.claims.all()).some((c) => c.taskToken === task.claim.taskToken), 'its token was forgotten');

    // The output channel logs what the answer caused, and never the whole token.
    const log = await waitFor(async () => {
      const text = await loggedText(moto.api);
      return /History of order-complete after the answer:\n.*ActivityTaskCompleted {2}result="customer credit card verified"/.test(text) ? text : undefined;
    }, 'the log to show the ActivityTaskCompleted event');
    assert.ok(!log.includes(task.claim.taskToken), 'the task token is not logged');
  });

  it('fails a claimed task with the reason and details typed into two input boxes, each showing its prompt', async () => {
    const task = await claimNew('fail');
    const row = await shownTask(moto.api, task.claim.activityId);
    // An input box holds one line (multi-line text goes through its editor button).
    const details = 'Issuer answered 05 "do not honor" — retry with another card; ref #A-17';
    const { sent, boxes } = await answered('failTask', row.node, ['card declined', details]);
    assert.equal(sent, true);
    assert.deepEqual(boxes.map((b) => b.accepted), [true, true]);
    // Each box shows its prompt, the count beside it: a validation message would replace the prompt on screen.
    assert.deepEqual(boxes.map((b) => [b.prompt, b.shownValidationMessage]), [
      ['Reason for the failure (up to 256 characters). · 0 / 256 characters', undefined],
      ['Details (optional). · 0 / 32,768 characters', undefined],
    ]);

    const failed = await activityEvents(task, 'ActivityTaskFailed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0].activityTaskFailedEventAttributes?.reason, 'card declined');
    assert.equal(failed[0].activityTaskFailedEventAttributes?.details, details);
    assert.deepEqual(await activityEvents(task, 'ActivityTaskCompleted'), []);
  });

  it('says the task is already closed when it is answered a second time', async () => {
    const task = await claimNew('twice');
    const first = await answered('completeTask', task.claim.taskToken, ['first answer']);
    assert.equal(first.sent, true);
    assert.deepEqual(moto.messages.of('error'), []);

    const second = await answered('completeTask', task.claim.taskToken, ['second answer']);
    assert.equal(second.sent, false);
    const errors = moto.messages.of('error');
    assert.equal(errors.length, 1, `one error message; saw ${JSON.stringify(moto.messages.shown)}`);
    assert.match(errors[0].message, /already closed/);
    assert.ok(!errors[0].items.includes('Retry'), 'a closed task offers no retry');

    const completed = await activityEvents(task, 'ActivityTaskCompleted');
    assert.deepEqual(completed.map((e) => e.activityTaskCompletedEventAttributes?.result), ['first answer']);
  });

  it('refuses a result over 32,768 characters without calling SWF; the task stays open and the text is kept', async () => {
    const task = await claimNew('too-long');
    const row = await shownTask(moto.api, task.claim.activityId);
    const { sent, boxes } = await answered('completeTask', row.node, ['x'.repeat(RESULT_LIMIT + 1)]);
    assert.equal(sent, false);
    assert.ok(boxes[0].rejected, 'the input box kept the over-long value from being sent');
    assert.match(boxes[0].validationMessage ?? '', /too long: 32,769 characters.*32,768/);

    assert.deepEqual(await activityEvents(task, 'ActivityTaskCompleted'), [], 'nothing was sent');
    assert.equal((await shownTask(moto.api, task.claim.activityId)).contextValue, 'claimedActivityTask', 'still claimed');
    // Still open in SWF: a proper answer goes through.
    const retry = await answered('completeTask', (await shownTask(moto.api, task.claim.activityId)).node, ['x'.repeat(RESULT_LIMIT)]);
    assert.equal(retry.boxes[0].shownValue, 'x'.repeat(RESULT_LIMIT + 1), 'the text typed before backing out is offered again');
    assert.equal(retry.sent, true);
    const completed = await activityEvents(task, 'ActivityTaskCompleted');
    assert.equal(completed.length, 1);
    assert.equal(completed[0].activityTaskCompletedEventAttributes?.result?.length, RESULT_LIMIT);
  });

  it('logs at info what was done, in words: the task input, its event id and the call names only at debug', async () => {
    const task = await claimNew('log-words');
    const row = await shownTask(moto.api, task.claim.activityId);
    const { sent } = await answered('completeTask', row.node, ['card verified']);
    assert.equal(sent, true);
    const text = await waitFor(async () => {
      const logged = await loggedText(moto.api);
      return logged.includes(`History of ${task.execution.workflowId} after the answer`) ? logged : undefined;
    }, 'the answer in the log');
    // The info lines about this task, leaving out the event lines of the history dump ("  #7  2026-...  ActivityTaskCompleted ...").
    const lines = text.split('\n').filter((line) => /\[info\]/.test(line) && line.includes(task.claim.activityId) && !/\[info\]\s+#\d+\s/.test(line));
    assert.ok(lines.some((line) => /\[info\] Claimed .*verify-log-words/.test(line)), `the claim is logged:\n${lines.join('\n')}`);
    assert.ok(lines.some((line) => /\[info\] Completed .*verify-log-words/.test(line)), `the answer is logged in words:\n${lines.join('\n')}`);
    for (const line of lines) {
      assert.doesNotMatch(line, /4242|\{"/, 'the task input (peer data) is not logged at info');
      assert.doesNotMatch(line, /started event|RespondActivityTask|\d+ ?ms\b|\d+ characters/, 'no event ids, call names, timings or sizes at info');
    }
    assert.ok(!text.includes(task.claim.taskToken), 'the task token is never logged whole');
  });

  it('logs every event of the execution on Show Execution History, in order', async () => {
    const task = await claimNew('history');
    const row = await shownTask(moto.api, task.claim.activityId);
    const count = await vscode.commands.executeCommand<number | undefined>('swfTasks.showExecutionHistory', row.node);
    const history = await moto.domain.history(task.execution);
    assert.equal(count, history.length);
    const log = await waitFor(async () => {
      const text = await loggedText(moto.api);
      return text.includes(`${history.length} events in the history of ${task.execution.workflowId}`) ? text : undefined;
    }, 'the history in the log');
    let from = log.indexOf(`History of ${task.execution.workflowId}`);
    assert.ok(from >= 0, 'the log names the execution');
    for (const event of history) {
      const line = new RegExp(`#${event.eventId}\\s+\\S+\\s+${event.eventType}`).exec(log.slice(from));
      assert.ok(line, `event #${event.eventId} ${event.eventType} is logged after the previous one`);
      from += line.index + line[0].length;
    }
    assert.ok(!log.includes(task.claim.taskToken), 'the task token is never logged whole');
  });

  it('offers the open executions, with their open task counts, when Show Execution History runs from the palette', async () => {
    const task = await claimNew('history-palette');
    const picker = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label === task.execution.workflowId));
    try {
      const count = await vscode.commands.executeCommand<number | undefined>('swfTasks.showExecutionHistory');
      assert.equal(count, (await moto.domain.history(task.execution)).length);
      const offered = picker.offered[0] ?? [];
      const mine = offered.find((i) => i.label === task.execution.workflowId);
      assert.match(mine?.description ?? '', /1 open task$/);
      assert.ok(offered.some((i) => i.label.includes('Enter a workflow ID')), 'a closed execution can be typed');
    } finally {
      picker.dispose();
    }
  });

  describe('from the command palette', () => {
    type PaletteItem = vscode.QuickPickItem & { claim?: ClaimedTask };

    it('offers the claimed tasks and completes the one picked', async () => {
      const task = await claimNew('palette-pick');
      const picker = answerQuickPick<PaletteItem>((items) => items.find((i) => i.claim?.taskToken === task.claim.taskToken));
      try {
        const { sent } = await answered('completeTask', undefined, ['picked from the palette']);
        assert.equal(sent, true);
      } finally {
        picker.dispose();
      }
      assert.equal(picker.offered.length, 1);
      assert.ok(picker.offered[0].some((i) => i.label.includes('Paste a task token')), 'pasting a token is offered');
      const completed = await activityEvents(task, 'ActivityTaskCompleted');
      assert.deepEqual(completed.map((e) => e.activityTaskCompletedEventAttributes?.result), ['picked from the palette']);
    });

    it('completes a task by a pasted token', async () => {
      const task = await claimNew('palette-paste');
      const picker = answerQuickPick<PaletteItem>((items) => items.find((i) => i.label.includes('Paste a task token')));
      // Pasted with the whitespace a copy from a log brings along.
      const tokenPrompt = answerShowInputBox([`  ${task.claim.taskToken}\n`]);
      try {
        const { sent } = await answered('completeTask', undefined, ['answered by token']);
        assert.equal(sent, true);
      } finally {
        picker.dispose();
        tokenPrompt.dispose();
      }
      assert.equal(tokenPrompt.asked.length, 1);
      assert.equal(tokenPrompt.asked[0].password, true, 'the token is masked as it is pasted');
      const completed = await activityEvents(task, 'ActivityTaskCompleted');
      assert.deepEqual(completed.map((e) => e.activityTaskCompletedEventAttributes?.result), ['answered by token']);
    });
  });
});
