/**
 * The tasks tree against moto_server: the open tasks of a domain seeded with
 * the SDK (as starter, decider and other workers), grouped by task list, with
 * their states, badge and tooltips; Claim Next Task from a task list node;
 * and an error row, never a blank view or an unhandled rejection, for each
 * kind of bad connection setting.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { claimFromList, messageRows, refreshAll, rootModel, shownTask, shownTasks, unwatchedClaims, watchRoots } from './helpers/extension';
import { useMotoDomain } from './helpers/motoSuite';
import { eventsOfActivity, scheduledEventIdOf } from './helpers/swf';
import { waitFor } from './helpers/ui';
import { taskListItem } from '../../src/tree/treeItems';

const DOMAIN = 'tree-orders';
const CHARGE = { name: 'ChargeCard', version: '1.0' };
const SHIP = { name: 'ShipOrder', version: '1.0' };
const OTHER_WORKER = 'worker-7@ip-10-0-0-12';

const chargeInput = (orderId: string, amountCents: number): string => JSON.stringify({ orderId, amountCents, currency: 'EUR', card: { last4: '4242' } });
const shipInput = (orderId: string): string => JSON.stringify({ orderId, carrier: 'DHL', parcels: 2 });

describe('tasks tree (moto_server)', function () {
  this.timeout(30_000);
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  const executions = new Map<string, { workflowId: string; runId: string }>();

  before(() => process.on('unhandledRejection', onRejection));
  after(() => process.off('unhandledRejection', onRejection));

  const moto = useMotoDomain(DOMAIN, [{ ...CHARGE, taskList: 'payments' }, { ...SHIP, taskList: 'shipping' }], async (domain) => {
    // Three executions, each started and decided in turn (moto hands out tasks oldest first).
    executions.set('order-1001', await domain.startWithActivities('order-1001', [
      { type: CHARGE, activityId: 'charge-order-1001', taskList: 'payments', input: chargeInput('order-1001', 4599) },
      { type: SHIP, activityId: 'ship-order-1001', taskList: 'shipping', input: shipInput('order-1001') },
    ]));
    executions.set('order-1002', await domain.startWithActivities('order-1002', [
      { type: CHARGE, activityId: 'charge-order-1002', taskList: 'payments', input: chargeInput('order-1002', 1250) },
    ]));
    executions.set('order-1003', await domain.startWithActivities('order-1003', [
      { type: SHIP, activityId: 'ship-order-1003', taskList: 'shipping', input: shipInput('order-1003') },
      { type: CHARGE, activityId: 'charge-order-1003', taskList: 'payments', input: chargeInput('order-1003', 899) },
    ]));
    // Another worker starts one shipping task; a third completes one payment.
    const started = await domain.pollAsWorker('shipping', OTHER_WORKER);
    assert.equal(started.activityId, 'ship-order-1001', 'seed: moto handed the other worker an unexpected task');
    const done = await domain.pollAsWorker('payments', 'worker-2@ip-10-0-0-31');
    assert.equal(done.activityId, 'charge-order-1001', 'seed: moto handed the completing worker an unexpected task');
    await domain.complete(done.taskToken, '{"chargeId":"ch_1"}');
  });
  let api: SwfTasksApi;
  before(() => {
    api = moto.api;
  });

  it('lists exactly the open tasks, grouped by task list, with state and workflow', async () => {
    await refreshAll(api);
    const rows = await shownTasks(api);
    const summary = rows.map((r) => `${r.taskList}/${r.activityId}/${r.contextValue}`).sort();
    assert.deepEqual(summary, [
      'payments/charge-order-1002/scheduledActivityTask',
      'payments/charge-order-1003/scheduledActivityTask',
      'shipping/ship-order-1001/startedActivityTask',
      'shipping/ship-order-1003/scheduledActivityTask',
    ]);
    for (const row of rows) {
      const workflowId = row.activityId.replace(/^(charge|ship)-/, '');
      assert.ok(row.description.includes(workflowId), `description of ${row.activityId} names its workflow ${workflowId}: "${row.description}"`);
    }
    const started = await shownTask(api, 'ship-order-1001');
    assert.match(started.description, new RegExp(`started .* by ${OTHER_WORKER.replace(/\./g, '\\.')}`));
    assert.match((await shownTask(api, 'charge-order-1002')).description, /· scheduled /);
  });

  it('filters the rows by text without calling SWF, and Clear Filter shows them all again', async () => {
    await refreshAll(api);
    const all = (await shownTasks(api)).map((r) => r.activityId).sort();
    const gateway = await api.connections.gateway(rootModel(api).spec.connection);
    const callsBefore = gateway.callCounts();
    await vscode.commands.executeCommand('swfTasks.filter', 'ORDER-1003');
    try {
      assert.deepEqual((await shownTasks(api)).map((r) => r.activityId).sort(), ['charge-order-1003', 'ship-order-1003']);
      assert.equal(api.treeView.message, 'Filter "ORDER-1003": 2 of 4 tasks.');
      assert.equal(api.treeView.badge?.value, 4, 'the badge still counts every open task');
      await vscode.commands.executeCommand('swfTasks.filter', 'no-such-task');
      assert.deepEqual((await messageRows(api)).map((r) => r.label), ['No open task matches "no-such-task"']);
    } finally {
      await vscode.commands.executeCommand('swfTasks.clearFilter');
    }
    assert.deepEqual((await shownTasks(api)).map((r) => r.activityId).sort(), all);
    assert.equal(api.treeView.message, undefined);
    assert.deepEqual(gateway.callCounts(), callsBefore, 'filtering made no SWF call');
  });

  it('counts the open tasks in the view badge', () => {
    assert.equal(api.treeView.badge?.value, 4);
    assert.equal(rootModel(api).tree?.taskCount, 4);
  });

  it('says how fresh a task list is once its oldest read is over a minute old, and not before', async () => {
    await refreshAll(api);
    const group = rootModel(api).tree?.groups.find((g) => g.name === 'payments');
    assert.ok(group?.readAt, 'the group knows when its histories were read');
    const fresh = api.tasksProvider.getTreeItem({ ...group });
    assert.doesNotMatch(String(fresh.description), /updated/, 'just read: no freshness shown');
    const later = taskListItem(group, new Date(group.readAt + 3 * 60_000));
    assert.match(String(later.description), / · updated 3m ago$/);
    assert.match(String(later.tooltip), /Oldest history read: .+ \(3m ago\)/);
  });

  it("shows each task's input and identity in its tooltip", async () => {
    const charge = await shownTask(api, 'charge-order-1003');
    assert.ok(charge.tooltip.includes('"orderId": "order-1003"'), `tooltip shows the input:\n${charge.tooltip}`);
    assert.ok(charge.tooltip.includes('"amountCents": 899'), `tooltip shows the input:\n${charge.tooltip}`);
    assert.ok(charge.tooltip.includes('payments'), 'tooltip names the task list');
    const started = await shownTask(api, 'ship-order-1001');
    assert.ok(started.tooltip.includes('"carrier": "DHL"'), `tooltip shows the input:\n${started.tooltip}`);
    assert.ok(started.tooltip.includes(`by ${OTHER_WORKER}`), `tooltip names the worker:\n${started.tooltip}`);
  });

  it('claims the next task of the payments list and records the claim in SWF', async () => {
    moto.messages.answerWith((m) => (m.items.includes('Show Input') ? 'Show Input' : undefined));
    const claim = await claimFromList(api, 'payments');
    assert.equal(claim.activityId, 'charge-order-1002', 'moto hands out the oldest scheduled task of the list');
    assert.equal(claim.input, chargeInput('order-1002', 1250));
    assert.match(claim.identity, /^vscode:/);

    const row = await shownTask(api, 'charge-order-1002');
    assert.equal(row.contextValue, 'claimedActivityTask');
    assert.match(row.description, /claimed by you/);
    assert.equal(row.node.claim?.input, chargeInput('order-1002', 1250));
    assert.equal((await shownTask(api, 'charge-order-1003')).contextValue, 'scheduledActivityTask', 'the other payment stays scheduled');
    assert.equal(api.treeView.badge?.value, 4, 'a claimed task is still open');

    const claimed = moto.messages.of('info').find((m) => m.message.startsWith('Claimed'));
    assert.ok(claimed, `a notification says what was claimed; saw ${JSON.stringify(moto.messages.shown.map((m) => m.message))}`);
    assert.ok(claimed.message.includes('charge-order-1002'));
    // "Show Input" opens the input as JSON.
    const editor = await waitFor(
      () => vscode.window.visibleTextEditors.find((e) => e.document.getText().includes('"orderId": "order-1002"')),
      'an editor with the claimed task input',
    );
    assert.deepEqual(JSON.parse(editor.document.getText()), JSON.parse(chargeInput('order-1002', 1250)));
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    const history = await moto.domain.history(executions.get('order-1002')!);
    const startedEvents = eventsOfActivity(history, scheduledEventIdOf(history, 'charge-order-1002'), 'ActivityTaskStarted');
    assert.equal(startedEvents.length, 1);
    const identity = startedEvents[0].activityTaskStartedEventAttributes?.identity ?? '';
    assert.ok(identity.startsWith('vscode:'), `ActivityTaskStarted identity is the extension's: ${identity}`);
    assert.equal(identity, claim.identity);
    assert.equal(startedEvents[0].eventId, claim.startedEventId);
  });

  describe('bad connection settings give an error row', () => {
    let savedMetadataSetting: string | undefined;

    before(() => {
      // Should the extension let the SDK's credential chain run to its end, that end is EC2 instance
      // metadata (169.254.169.254): keep it on this machine whatever the runner sets.
      savedMetadataSetting = process.env.AWS_EC2_METADATA_DISABLED;
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
    });

    after(() => {
      if (savedMetadataSetting === undefined) delete process.env.AWS_EC2_METADATA_DISABLED;
      else process.env.AWS_EC2_METADATA_DISABLED = savedMetadataSetting;
    });

    async function errorRow(): Promise<{ label: string; tooltip: string; text: string }> {
      await refreshAll(api);
      const rows = await messageRows(api);
      const error = rows.find((r) => r.node.severity === 'error');
      assert.ok(error, `an error row is shown; root rows: ${JSON.stringify(rows.map((r) => r.label))}, tasks: ${(await shownTasks(api)).length}`);
      assert.equal(error.contextValue, 'error');
      assert.equal(error.node.command?.command, 'swfTasks.refresh', 'the error row offers a retry');
      assert.deepEqual(await shownTasks(api), [], 'no stale task rows next to the error');
      // The task claimed above was claimed on moto: with moto no longer watched, it is kept, and shown apart.
      assert.deepEqual((await unwatchedClaims(api)).map((r) => r.activityId), ['charge-order-1002']);
      assert.equal(api.treeView.badge?.value, 1, 'the badge counts only the kept claim');
      return { ...error, text: `${error.label}\n${error.tooltip}` };
    }

    it('an unknown AWS profile: the row names the profile', async () => {
      await watchRoots(api, [{ domain: DOMAIN, profile: 'no-such-profile-xyz', region: 'us-east-1' }]);
      const row = await errorRow();
      assert.ok(row.text.includes('no-such-profile-xyz'), `the error names the missing profile:\n${row.text}`);
      assert.match(row.text, /profile/i);
    });

    it('an unreachable endpoint: connection refused', async () => {
      const unreachable = `http://127.0.0.1:${await closedPort()}`;
      await watchRoots(api, [{ domain: DOMAIN, region: 'us-east-1', endpoint: unreachable }]);
      const row = await errorRow();
      assert.match(row.text, /connection refused/i);
      assert.ok(row.text.includes(unreachable), `the error names the endpoint:\n${row.text}`);
    });

    it('a domain that does not exist: not registered', async () => {
      await watchRoots(api, [{ domain: 'no-such-domain-xyz', region: 'us-east-1', endpoint: moto.endpoint }]);
      const row = await errorRow();
      assert.match(row.text, /Domain "no-such-domain-xyz" is not registered in us-east-1/);
    });

    it('the wrong region: the domain is unknown there', async () => {
      await watchRoots(api, [{ domain: DOMAIN, region: 'eu-west-1', endpoint: moto.endpoint }]);
      const row = await errorRow();
      assert.match(row.text, /is not registered in eu-west-1/);
      assert.match(row.text, /per account and region/);
    });

    it('recovers once the settings are right again', async () => {
      await moto.connect();
      await refreshAll(api);
      assert.deepEqual(await messageRows(api).then((rows) => rows.filter((r) => r.node.severity === 'error')), []);
      assert.equal((await shownTasks(api)).length, 4);
      assert.equal((await shownTask(api, 'charge-order-1002')).contextValue, 'claimedActivityTask', 'the kept claim is back on its task');
      assert.deepEqual(await unwatchedClaims(api), []);
    });

    // Last in the suite (mocha runs nested suites after their parent's tests), so it covers every test above.
    it('left no unhandled promise rejection in the whole suite', async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(rejections.map(String), []);
    });
  });

});

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
