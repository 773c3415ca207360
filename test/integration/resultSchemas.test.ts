/**
 * Result schemas, templates and the answer journal against a sandbox this
 * suite runs itself (so its call counters can be read), through the
 * extension's real commands and input boxes, with the schema and template
 * files written into the workspace folder as a team's repository holds them:
 * - a result that violates the schema is refused in the box, naming its JSON
 *   path; nothing is called and the history shows no event; the text is kept;
 * - a valid result is sent and recorded;
 * - a template's placeholders are filled from the task input;
 * - the journal holds one line per answer and workflow action, and no token.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { ClaimedTask } from '../../src/claims/claims';
import type { JournalEntry } from '../../src/answers/journal';
import type { ExecutionTarget } from '../../src/inbox/taskGroups';
import { claimFromList, rootModel, shownTask } from './helpers/extension';
import { useSandboxDomain } from './helpers/sandboxSuite';
import { eventsOfActivity, scheduledEventIdOf } from './helpers/swf';
import { answerNextInputBoxes, answerQuickPick, type InputBoxRecord, waitFor } from './helpers/ui';

const DOMAIN = 'schema-tests';
const CHARGE = { name: 'ChargeCard', version: '3' };
const REFUND = { name: 'Refund', version: '1' };
const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['orderId', 'amount'],
  properties: { orderId: { type: 'string' }, amount: { type: 'number' }, approved: { type: 'boolean' } },
};

describe('result schemas, templates and the answer journal (own sandbox)', function () {
  this.timeout(60_000);
  const suite = useSandboxDomain(DOMAIN, [{ ...CHARGE, taskList: 'charges' }, { ...REFUND, taskList: 'refunds' }]);
  let folder: vscode.Uri;

  const write = async (relative: string, text: string): Promise<void> => {
    const uri = vscode.Uri.joinPath(folder, relative);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  };

  before(async () => {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspaceFolder, 'the tests run with a workspace folder open');
    folder = workspaceFolder.uri;
    await write(`.swf/schemas/${CHARGE.name}@${CHARGE.version}.result.json`, JSON.stringify(SCHEMA, null, 2));
  });

  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.swf'), { recursive: true }).then(undefined, () => undefined);
  });

  const { calls } = suite;

  /** A new execution with one ChargeCard task on its own task list, claimed through the tree. */
  async function claimNew(name: string, input: object): Promise<{ claim: ClaimedTask; execution: { workflowId: string; runId: string } }> {
    const execution = await suite.domain.startWithActivities(`order-${name}`, [{ type: CHARGE, activityId: `charge-${name}`, taskList: `charges-${name}`, input: JSON.stringify(input) }]);
    const claim = await claimFromList(suite.api, `charges-${name}`);
    return { claim, execution };
  }

  async function complete(claim: ClaimedTask, values: (string | { typeThenEscape: string })[]): Promise<{ sent: unknown; boxes: readonly InputBoxRecord[] }> {
    const row = await shownTask(suite.api, claim.activityId);
    const driver = answerNextInputBoxes(values);
    try {
      const sent = await vscode.commands.executeCommand('swfTasks.completeTask', row.node);
      return { sent, boxes: await driver.done() };
    } finally {
      driver.dispose();
    }
  }

  async function completedEvents(claim: ClaimedTask, execution: { workflowId: string; runId: string }) {
    const history = await suite.domain.history(execution);
    return eventsOfActivity(history, scheduledEventIdOf(history, claim.activityId), 'ActivityTaskCompleted');
  }

  /** The journal's entries of one workflow, newest first, as Show Answer Journal shows them (filtered by the workflow ID). */
  async function journalOf(workflowId: string): Promise<{ entries: JournalEntry[]; text: string }> {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('swfTasks.showAnswerJournal', workflowId);
    assert.ok(doc, 'Show Answer Journal opened a document');
    const text = doc.getText();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // Readable: one JSON array, an entry over several short lines, not raw JSON Lines.
    assert.equal(doc.languageId, 'json');
    const longest = Math.max(...text.split('\n').map((line) => line.length));
    assert.ok(longest < 200, `the journal's longest line has ${longest} characters`);
    return { entries: JSON.parse(text) as JournalEntry[], text };
  }

  it('refuses a result that violates the schema, naming its path: no call, no event, the text kept; then sends a valid one', async () => {
    const { claim, execution } = await claimNew('violating', { orderId: 'o-1', amount: 12 });
    const wrong = '{"orderId": "o-1", "amount": "12 EUR"}';
    const refused = await complete(claim, [wrong]);
    assert.equal(refused.sent, false);
    assert.ok(refused.boxes[0].rejected, 'the box kept the violating result from being sent');
    assert.match(refused.boxes[0].validationMessage ?? '', /Does not match ChargeCard@3\.result\.json: "\/amount": must be number/);
    assert.match(refused.boxes[0].prompt ?? '', /checked against ChargeCard@3\.result\.json/);
    assert.equal(calls('RespondActivityTaskCompleted'), 0, 'no call was made');
    assert.deepEqual(await completedEvents(claim, execution), [], 'the history shows no answer');
    assert.ok((await suite.api.claims.all()).some((c) => c.taskToken === claim.taskToken), 'the task is still claimed');

    const notJson = await complete(claim, ['{"orderId": "o-1", "amount": 12,}']);
    assert.equal(notJson.boxes[0].shownValue, wrong, 'what was typed before is offered again');
    assert.match(notJson.boxes[0].validationMessage ?? '', /line 1, column 32: a comma before }/);
    assert.equal(calls('RespondActivityTaskCompleted'), 0);

    const right = '{"orderId": "o-1", "amount": 12, "approved": true}';
    const sent = await complete(claim, [right]);
    assert.equal(sent.sent, true);
    const completed = await completedEvents(claim, execution);
    assert.deepEqual(completed.map((e) => e.activityTaskCompletedEventAttributes?.result), [right]);
  });

  it('opens Complete with a schema showing its prompt, no error and a JSON skeleton as placeholder; an empty result is refused only on Enter', async () => {
    const { claim, execution } = await claimNew('empty', { orderId: 'o-2', amount: 3 });
    const refused = await complete(claim, ['']);
    assert.equal(refused.sent, false);
    const [box] = refused.boxes;
    assert.equal(box.shownValidationMessage, undefined, 'no message as the box opens (VS Code would show it instead of the prompt)');
    assert.match(box.prompt ?? '', /^Result to return to the decider, checked against ChargeCard@3\.result\.json \(Enter to send\)\. · 0 \/ 32,768 characters$/);
    assert.equal(box.placeholder, '{"orderId": "", "amount": 0, "approved": false}');
    assert.ok(box.rejected, 'Enter on the empty box was refused');
    assert.equal(box.problem, 'Result: The schema ChargeCard@3.result.json expects JSON here: the text is empty.');
    assert.equal(calls('RespondActivityTaskCompleted'), 0);
    assert.deepEqual(await completedEvents(claim, execution), []);
  });

  it('fills a template\'s placeholders from the task input, and says which the input lacks', async () => {
    await write(`.swf/templates/${CHARGE.name}@${CHARGE.version}/approved.json`, '{"orderId": "${input.orderId}", "amount": "${input.order.total}", "approved": true}');
    await write(`.swf/templates/${CHARGE.name}@${CHARGE.version}/with-invoice.json`, '{"orderId": "${input.orderId}", "amount": 0, "invoice": "${input.invoiceId}"}');
    const { claim, execution } = await claimNew('template', { orderId: 'order-77', order: { total: 99.5 } });

    const missing = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes('with-invoice')));
    try {
      const withMissing = '{"orderId": "order-77", "amount": 0, "invoice": "${input.invoiceId}"}';
      const { sent, boxes } = await complete(claim, [{ typeThenEscape: withMissing }]);
      assert.equal(sent, false);
      assert.equal(boxes[0].shownValue, withMissing);
    } finally {
      missing.dispose();
    }
    assert.ok(suite.messages.of('warning').some((m) => m.message.includes('${input.invoiceId}')), `a warning names the missing placeholder; saw ${JSON.stringify(suite.messages.shown)}`);

    const filled = '{"orderId": "order-77", "amount": 99.5, "approved": true}';
    const picks = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes('approved')));
    try {
      const { sent, boxes } = await complete(claim, [filled]);
      assert.equal(boxes[0].shownValue, filled, 'the box opens with the filled template');
      assert.equal(sent, true);
      // The first try was abandoned with text in the box: that draft comes first, then the templates, then blank.
      const labels = picks.offered[0].map((i) => i.label);
      assert.equal(labels.length, 4, labels.join(' | '));
      assert.match(labels[0], /What you typed before/);
      assert.ok(labels[1].includes('approved') && labels[2].includes('with-invoice'), `then the templates: ${labels.join(' | ')}`);
      assert.match(labels[3], /Blank answer/);
    } finally {
      picks.dispose();
    }
    const completed = await completedEvents(claim, execution);
    assert.deepEqual(completed.map((e) => e.activityTaskCompletedEventAttributes?.result), [filled]);
  });

  it('journals one line per answer and per workflow action, with the recording event, and never the token', async () => {
    const { claim, execution } = await claimNew('journal', { orderId: 'o-9', amount: 3 });
    const result = '{"orderId": "o-9", "amount": 3}';
    const noTemplates = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes('Blank answer')));
    try {
      assert.equal((await complete(claim, [result])).sent, true);
    } finally {
      noTemplates.dispose();
    }
    const driver = answerNextInputBoxes(['order-approved', '{"by": "ops"}']);
    try {
      const target: ExecutionTarget = { kind: 'execution', root: rootModel(suite.api).spec, ...execution };
      assert.equal(await vscode.commands.executeCommand('swfTasks.signalWorkflow', target), true);
      await driver.done();
    } finally {
      driver.dispose();
    }

    const { entries, text } = await journalOf(execution.workflowId);
    assert.deepEqual(entries.map((e) => e.action), ['signal', 'complete'], 'one line each, newest first');
    assert.ok(!text.includes(claim.taskToken), 'the journal never holds the token');
    const [signal, answer] = entries;
    const history = await suite.domain.history(execution);
    const completedEvent = eventsOfActivity(history, scheduledEventIdOf(history, claim.activityId), 'ActivityTaskCompleted')[0];
    assert.deepEqual(
      { ...answer, time: undefined },
      {
        time: undefined,
        action: 'complete',
        outcome: 'recorded',
        connection: answer.connection,
        domain: DOMAIN,
        workflowId: execution.workflowId,
        runId: execution.runId,
        activityId: claim.activityId,
        activityType: CHARGE,
        identity: claim.identity,
        eventId: completedEvent.eventId,
        textLength: result.length,
        textSha256: createHash('sha256').update(result).digest('hex'),
      },
    );
    assert.match(answer.connection, /127\.0\.0\.1/);
    assert.ok(!Number.isNaN(Date.parse(answer.time)));
    assert.equal(signal.outcome, 'recorded');
    assert.equal(signal.eventId, history.find((e) => e.eventType === 'WorkflowExecutionSignaled')?.eventId);
    assert.equal(signal.textSha256, createHash('sha256').update('{"by": "ops"}').digest('hex'));
    assert.equal(signal.text, undefined, 'no text unless the setting asks');
  });

  it('Save as Template after a Complete stores the result for its activity type, and the next Complete offers it', async () => {
    const { claim } = await claimNew('save-template', { orderId: 'o-5', amount: 5 });
    const result = '{"orderId": "o-5", "amount": 5, "approved": false}';
    suite.messages.answerWith((shown) => (shown.items.includes('Save as Template') ? 'Save as Template' : undefined));
    const blank = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes('Blank answer')));
    const driver = answerNextInputBoxes([result, 'declined by ops']);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.completeTask', (await shownTask(suite.api, claim.activityId)).node), true);
      const boxes = await driver.done();
      assert.match(boxes[1].title ?? '', /^Save as Template: ChargeCard 3/);
    } finally {
      driver.dispose();
      blank.dispose();
    }
    const saved = vscode.Uri.joinPath(folder, `.swf/templates/${CHARGE.name}@${CHARGE.version}/declined by ops.json`);
    const text = await waitFor(async () => vscode.workspace.fs.readFile(saved).then((bytes) => new TextDecoder().decode(bytes), () => undefined), 'the template file');
    assert.equal(text, result);

    const next = await claimNew('offered', { orderId: 'o-6', amount: 6 });
    const escape = answerQuickPick<vscode.QuickPickItem>(() => undefined);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.completeTask', (await shownTask(suite.api, next.claim.activityId)).node), false);
      assert.ok(escape.offered[0].some((i) => i.label.includes('declined by ops')), 'the saved template is offered');
    } finally {
      escape.dispose();
    }
  });

  it('Create Result Schema infers a starting schema from the task input, and opens an existing one instead of overwriting it', async () => {
    await suite.domain.startWithActivities('order-refund', [{ type: REFUND, activityId: 'refund-1', taskList: 'refunds', input: '{"orderId": "o-1", "amount": 12.5, "lines": [{"sku": "a", "qty": 1}]}' }]);
    await rootModel(suite.api).refresh();
    const row = await shownTask(suite.api, 'refund-1');
    const fromInput = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes("task's input")));
    let uri: vscode.Uri | undefined;
    try {
      uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('swfTasks.createResultSchema', row.node);
    } finally {
      fromInput.dispose();
    }
    assert.ok(uri);
    assert.equal(vscode.workspace.asRelativePath(uri), '.swf/schemas/Refund@1.result.json');
    const schema = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Record<string, unknown>;
    assert.deepEqual(schema, {
      title: 'Refund 1 result',
      type: 'object',
      properties: {
        orderId: { type: 'string' },
        amount: { type: 'number' },
        lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku', 'qty'] } },
      },
      required: ['orderId', 'amount', 'lines'],
    });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the schema is opened');

    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{"type": "object"}'));
    const again = answerQuickPick<vscode.QuickPickItem>(() => assert.fail('no question when the schema exists'));
    try {
      await vscode.commands.executeCommand('swfTasks.createResultSchema', row.node);
    } finally {
      again.dispose();
    }
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), '{"type": "object"}', 'not overwritten');
    assert.ok(suite.messages.of('info').some((m) => m.message.includes('already has a result schema')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
