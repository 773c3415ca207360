/**
 * The registry (issue 18) in a real VS Code, against a sandbox this suite
 * runs itself (real HTTP; the sandbox implements every registry operation,
 * pages and faults as SWF does), then the part moto implements against
 * moto_server as an independent peer:
 * - the Types node lists workflow and activity types, registered then deprecated apart;
 *   the root's tooltip holds DescribeDomain's status, retention and description, read once per refresh;
 *   a type's tooltip its defaults;
 * - Apply Registry File registers what is missing, reports what differs, changes nothing existing;
 * - Register Activity Type on a type offers its defaults and the next version; a backed-out prompt
 *   keeps what was typed; a bad value is refused in the box and nothing is sent;
 * - Register Domain on a name that exists says DomainAlreadyExists, naming the operation;
 * - Deprecate asks first (the safe choice first), then the type shows as deprecated; Undeprecate;
 * - Describe Type opens a read-only JSON document with the defaults;
 * - Tag / Untag Domain.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DescribeActivityTypeCommand, ListTagsForResourceCommand, RegisterActivityTypeCommand, DeprecateActivityTypeCommand, type SWFClient } from '@aws-sdk/client-swf';
import type { SwfTasksApi } from '../../src/extension';
import type { ExecutionsNode } from '../../src/tree/executionNodes';
import type { RegisteredTypeNode, TypeKindNode } from '../../src/tree/registryNodes';
import { tooltipText } from './helpers/extension';
import { useMotoDomain } from './helpers/motoSuite';
import { useSandboxDomain } from './helpers/sandboxSuite';
import { WORKFLOW_TYPE } from './helpers/swf';
import { answerConfirmations, answerNextInputBoxes, answerQuickPick, waitFor } from './helpers/ui';

/** A registry file for DOMAIN: Charge 1 exists with another timeout, Charge 2 exists the same, Ship 1 and Order 2 are missing. */
function registryFile(domain: string): unknown {
  return {
    domain,
    workflowTypes: [{ name: 'Order', version: '2', description: 'orders, v2', defaults: { taskList: 'decisions', childPolicy: 'ABANDON', executionStartToCloseTimeout: '3600', taskStartToCloseTimeout: '30' } }],
    activityTypes: [
      { name: 'Charge', version: '1', defaults: { taskList: 'work', taskStartToCloseTimeout: '300' } },
      { name: 'Charge', version: '2', defaults: { taskList: 'work' } },
      { name: 'Ship', version: '1', description: 'ships it', defaults: { taskList: 'shipping', taskHeartbeatTimeout: 'NONE', taskScheduleToStartTimeout: '600', taskStartToCloseTimeout: '120', taskScheduleToCloseTimeout: '720' } },
    ],
  };
}

/** Seeds the types the file is compared with: Charge 1 (start-to-close 60), Charge 2 (deprecated). */
async function seedTypes(client: SWFClient, domain: string): Promise<void> {
  await client.send(new RegisterActivityTypeCommand({ domain, name: 'Charge', version: '1', description: 'charges a card', defaultTaskList: { name: 'work' }, defaultTaskStartToCloseTimeout: '60', defaultTaskHeartbeatTimeout: '30', defaultTaskPriority: '5' }));
  await client.send(new RegisterActivityTypeCommand({ domain, name: 'Charge', version: '2', defaultTaskList: { name: 'work' } }));
  await client.send(new DeprecateActivityTypeCommand({ domain, activityType: { name: 'Charge', version: '2' } }));
}

/** The tree under a root of the Executions view, by path. */
function treeOf(api: SwfTasksApi, domain: string) {
  const children = (node?: ExecutionsNode): ExecutionsNode[] => api.executionsProvider.getChildren(node);
  const root = () => {
    const node = children().find((n) => n.kind === 'execRoot' && n.root.domain === domain);
    assert.ok(node, `the root ${domain} is in the Executions view`);
    return node;
  };
  const typesNode = () => {
    const node = children(root()).find((n) => n.kind === 'types');
    assert.ok(node, 'the root has a Types node');
    return node;
  };
  const kindNode = (kind: 'workflow' | 'activity') => children(typesNode()).find((n): n is TypeKindNode => n.kind === 'typeKind' && n.typeKind === kind);
  /** The kind's rows once listed (not "Loading…"). */
  const typeRows = async (kind: 'workflow' | 'activity') => {
    const node = kindNode(kind);
    assert.ok(node, `Types has a ${kind} node`);
    return waitFor(() => {
      const rows = children(node);
      return rows.some((r) => r.kind === 'registryMessage' && r.severity === 'loading') ? undefined : rows;
    }, `the ${kind} types to be listed`);
  };
  const typeNode = async (kind: 'workflow' | 'activity', label: string): Promise<RegisteredTypeNode> => {
    const rows = await typeRows(kind);
    const node = rows.find((r): r is RegisteredTypeNode => r.kind === 'registeredType' && `${r.type.name} ${r.type.version}` === label);
    assert.ok(node, `the ${kind} type ${label} is listed (${rows.map((r) => api.executionsProvider.getTreeItem(r).label).join(', ')})`);
    return node;
  };
  const resolved = async (node: ExecutionsNode) => api.executionsProvider.resolveTreeItem(api.executionsProvider.getTreeItem(node), node, new vscode.CancellationTokenSource().token);
  return { root, typesNode, typeRows, typeNode, resolved };
}

function writeRegistryFile(content: unknown): vscode.Uri {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swf-registry-'));
  fs.mkdirSync(path.join(dir, '.swf', 'types'), { recursive: true });
  const file = path.join(dir, '.swf', 'types', 'orders.json');
  fs.writeFileSync(file, JSON.stringify(content, undefined, 2));
  return vscode.Uri.file(file);
}

describe('registry (own sandbox)', function () {
  this.timeout(60_000);
  const DOMAIN = 'registry-view';
  const suite = useSandboxDomain(DOMAIN, [], { seed: (seeded) => seedTypes(seeded.client, DOMAIN) });
  const tree = () => treeOf(suite.api, DOMAIN);
  const { calls } = suite;

  it('lists workflow and activity types under Types, registered first, deprecated apart with their own icon', async () => {
    const { typeRows } = tree();
    const labels = (rows: ExecutionsNode[]) => rows.map((r) => suite.api.executionsProvider.getTreeItem(r)).map((i) => [i.label, i.description, i.contextValue, (i.iconPath as vscode.ThemeIcon).id]);
    assert.deepEqual(labels(await typeRows('activity')), [
      ['Charge 1', 'charges a card', 'activityType', 'symbol-method'],
      ['Charge 2', 'deprecated', 'deprecatedActivityType', 'circle-slash'],
    ]);
    assert.deepEqual(labels(await typeRows('workflow')), [[`${WORKFLOW_TYPE.name} ${WORKFLOW_TYPE.version}`, '', 'workflowType', 'symbol-class']]);
  });

  it('shows the domain\'s status, retention and description in the root\'s tooltip, with DescribeDomain once per refresh', async () => {
    const { root, resolved } = tree();
    suite.api.registry.refresh();
    suite.sandbox.resetStats();
    const text = tooltipText(await resolved(root()));
    assert.match(text, /Status: REGISTERED/);
    assert.match(text, /History retention: 1 days/);
    for (let i = 0; i < 3; i++) await resolved(root());
    assert.equal(calls('DescribeDomain'), 1, 'hovered four times, described once');
    await vscode.commands.executeCommand('swfTasks.refreshExecutions', root());
    await resolved(root());
    assert.equal(calls('DescribeDomain'), 2, 'a refresh reads it again');
  });

  it('shows a type\'s defaults in its tooltip, read when the tooltip is resolved', async () => {
    const { typeNode, resolved } = tree();
    const text = tooltipText(await resolved(await typeNode('activity', 'Charge 1')));
    for (const line of ['Activity type: Charge 1', 'Default task list: work', 'Default task priority: 5', 'Default start-to-close timeout: 60 s (1m)', 'Default heartbeat timeout: 30 s']) assert.ok(text.includes(line), `${line} in:\n${text}`);
  });

  it('applies a registry file: registers what is missing, reports what differs, changes nothing that exists', async () => {
    const { root, typeRows } = tree();
    const uri = writeRegistryFile(registryFile(DOMAIN));
    const result = (await vscode.commands.executeCommand('swfTasks.applyRegistryFile', root(), uri)) as { registered: string[]; differing: string[]; failed: string[] };
    assert.deepEqual(result, { registered: ['Order 2', 'Ship 1'], differing: ['Charge 1'], failed: [] });
    const report = suite.messages.of('warning').map((m) => m.message).join('\n');
    assert.match(report, /2 registered; 1 already there; 1 differ from the file and were left as they are: Charge 1/);
    // What the file asked for, as SWF now describes it; Charge 1 still has its own timeout.
    const ship = await suite.domain.client.send(new DescribeActivityTypeCommand({ domain: DOMAIN, activityType: { name: 'Ship', version: '1' } }));
    assert.equal(ship.typeInfo?.description, 'ships it');
    assert.deepEqual([ship.configuration?.defaultTaskList?.name, ship.configuration?.defaultTaskHeartbeatTimeout, ship.configuration?.defaultTaskScheduleToCloseTimeout], ['shipping', 'NONE', '720']);
    const charge = await suite.domain.client.send(new DescribeActivityTypeCommand({ domain: DOMAIN, activityType: { name: 'Charge', version: '1' } }));
    assert.equal(charge.configuration?.defaultTaskStartToCloseTimeout, '60');
    assert.deepEqual((await typeRows('activity')).map((r) => suite.api.executionsProvider.getTreeItem(r).label), ['Charge 1', 'Ship 1', 'Charge 2']);
    assert.deepEqual((await typeRows('workflow')).map((r) => suite.api.executionsProvider.getTreeItem(r).label), ['Order 2', `${WORKFLOW_TYPE.name} ${WORKFLOW_TYPE.version}`], 'by name: Order before OrderFlow');

    // Applied again: nothing is missing, nothing is registered.
    suite.sandbox.resetStats();
    const again = (await vscode.commands.executeCommand('swfTasks.applyRegistryFile', root(), uri)) as { registered: string[] };
    assert.deepEqual(again.registered, []);
    assert.equal(calls('RegisterActivityType') + calls('RegisterWorkflowType'), 0);
  });

  it('applies nothing from a file with a problem, and says where it is', async () => {
    const { root } = tree();
    suite.sandbox.resetStats();
    const bad = registryFile(DOMAIN) as { activityTypes: unknown[] };
    bad.activityTypes.push({ name: 'Refund', version: '1', defaults: { taskHeartbeatTimeout: '5 minutes' } });
    const result = await vscode.commands.executeCommand('swfTasks.applyRegistryFile', root(), writeRegistryFile(bad));
    assert.equal(result, undefined);
    assert.match(suite.messages.of('error')[0]?.message ?? '', /activityTypes\[3\]: Default heartbeat timeout "5 minutes" is not a duration/);
    assert.equal(calls('ListActivityTypes') + calls('RegisterActivityType'), 0, 'nothing was read or sent');
  });

  it('registers a new version of a type from its node, its defaults offered; a backed-out prompt keeps what was typed', async () => {
    const { typeNode } = tree();
    const node = await typeNode('activity', 'Ship 1');
    // First run: the name as offered, then the version box is typed into and backed out of.
    const first = answerNextInputBoxes(['Ship', { typeThenEscape: '7' }]);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.registerActivityType', node), undefined);
      const boxes = await first.done();
      assert.deepEqual(boxes.map((b) => b.shownValue), ['Ship', '2'], 'the name and the next version are offered');
    } finally {
      first.dispose();
    }
    suite.sandbox.resetStats();
    // Second run: the typed version is back; a bad priority is refused in its box and nothing is sent.
    const second = answerNextInputBoxes(['Ship', '7', 'ships it, v7', 'shipping', 'high']);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.registerActivityType', node), undefined);
      const boxes = await second.done();
      assert.deepEqual(boxes.map((b) => b.shownValue), ['Ship', '7', 'ships it', 'shipping', '']);
      assert.ok(boxes[4].rejected, 'the priority box refused "high"');
      assert.match(boxes[4].problem ?? '', /Task priority "high" is not an integer/);
    } finally {
      second.dispose();
    }
    assert.equal(calls('RegisterActivityType'), 0, 'nothing invalid was sent');
    // Third run: the draft holds every value typed so far; the rest as offered from Ship 1.
    const third = answerNextInputBoxes(['Ship', '7', 'ships it, v7', 'shipping', '3', '120', '600', '720', 'NONE']);
    try {
      const registered = await vscode.commands.executeCommand('swfTasks.registerActivityType', node);
      const boxes = await third.done();
      assert.deepEqual(boxes.map((b) => b.shownValue), ['Ship', '7', 'ships it, v7', 'shipping', 'high', '120', '600', '720', 'NONE']);
      assert.deepEqual(registered, { kind: 'activity', name: 'Ship', version: '7', description: 'ships it, v7', defaults: { taskList: 'shipping', taskPriority: '3', taskStartToCloseTimeout: '120', taskScheduleToStartTimeout: '600', taskScheduleToCloseTimeout: '720', taskHeartbeatTimeout: 'NONE' } });
    } finally {
      third.dispose();
    }
    const seven = await suite.domain.client.send(new DescribeActivityTypeCommand({ domain: DOMAIN, activityType: { name: 'Ship', version: '7' } }));
    assert.equal(seven.configuration?.defaultTaskPriority, '3');
    await typeNode('activity', 'Ship 7');
  });

  it('says a domain that exists already exists, naming RegisterDomain, and keeps what was typed', async () => {
    const { root } = tree();
    const boxes = answerNextInputBoxes([DOMAIN, '3', '']);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.registerDomain', root()), undefined);
      await boxes.done();
    } finally {
      boxes.dispose();
    }
    const error = suite.messages.of('error')[0]?.message ?? '';
    assert.match(error, /RegisterDomain/);
    assert.match(error, /already exists/i);
    const again = answerNextInputBoxes([{ typeThenEscape: DOMAIN }]);
    try {
      await vscode.commands.executeCommand('swfTasks.registerDomain', root());
      assert.deepEqual((await again.done()).map((b) => b.shownValue), [DOMAIN]);
    } finally {
      again.dispose();
    }
  });

  it('deprecates a type only after the confirmation (safe choice first), then lists it as deprecated; undeprecates it', async () => {
    const { typeNode } = tree();
    const keep = answerConfirmations('keep');
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.deprecateType', await typeNode('activity', 'Ship 1')), false);
      const [offered] = keep.offered;
      assert.match(offered?.[0]?.label ?? '', /Keep the type as it is/);
      assert.match(offered?.[1]?.label ?? '', /Deprecate Ship 1/);
      assert.match(offered?.[1]?.detail ?? '', /can no longer schedule new tasks of Ship 1/);
    } finally {
      keep.dispose();
    }
    assert.equal((await typeNode('activity', 'Ship 1')).type.status, 'REGISTERED');
    const act = answerConfirmations('act');
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.deprecateType', await typeNode('activity', 'Ship 1')), true);
      const deprecated = await typeNode('activity', 'Ship 1');
      assert.equal(deprecated.type.status, 'DEPRECATED');
      assert.equal(suite.api.executionsProvider.getTreeItem(deprecated).contextValue, 'deprecatedActivityType');
      assert.equal(await vscode.commands.executeCommand('swfTasks.undeprecateType', deprecated), true);
    } finally {
      act.dispose();
    }
    assert.equal((await typeNode('activity', 'Ship 1')).type.status, 'REGISTERED');
  });

  it('describes a type in a read-only JSON document', async () => {
    const { typeNode } = tree();
    const doc = (await vscode.commands.executeCommand('swfTasks.describeType', await typeNode('workflow', 'Order 2'))) as vscode.TextDocument;
    assert.equal(doc.languageId, 'json');
    assert.equal(doc.uri.scheme, 'swf-type');
    const json = JSON.parse(doc.getText()) as { status: string; description: string; defaults: unknown };
    assert.deepEqual([json.status, json.description, json.defaults], ['REGISTERED', 'orders, v2', { taskList: 'decisions', taskStartToCloseTimeout: '30', executionStartToCloseTimeout: '3600', childPolicy: 'ABANDON' }]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('tags and untags the domain', async () => {
    const { root } = tree();
    const boxes = answerNextInputBoxes(['team', 'payments']);
    try {
      assert.deepEqual(await vscode.commands.executeCommand('swfTasks.tagDomain', root()), { key: 'team', value: 'payments' });
      await boxes.done();
    } finally {
      boxes.dispose();
    }
    const arn = (await suite.api.registry.describeDomain(root().root)).arn;
    const tags = async () => (await suite.domain.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? [];
    assert.deepEqual(await tags(), [{ key: 'team', value: 'payments' }]);
    // Untag's pick takes many: it resolves the picked entries as a list.
    const picks = answerQuickPick<vscode.QuickPickItem>((items) => items.filter((i) => i.label === 'team') as unknown as vscode.QuickPickItem);
    try {
      assert.deepEqual(await vscode.commands.executeCommand('swfTasks.untagDomain', root()), ['team']);
    } finally {
      picks.dispose();
    }
    assert.deepEqual(await tags(), []);
  });

  it('deprecates the domain after the confirmation, its tooltip says so, and undeprecates it', async () => {
    const { root, resolved } = tree();
    const act = answerConfirmations('act');
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.deprecateDomain', root()), true);
      assert.match(act.offered[0]?.[1]?.detail ?? '', /No new executions can start in registry-view/);
      assert.match(tooltipText(await resolved(root())), /Status: DEPRECATED/);
      assert.equal(await vscode.commands.executeCommand('swfTasks.undeprecateDomain', root()), true);
      assert.match(tooltipText(await resolved(root())), /Status: REGISTERED/);
    } finally {
      act.dispose();
    }
  });
});

describe('registry (moto_server)', function () {
  this.timeout(60_000);
  const DOMAIN = 'registry-moto';
  const suite = useMotoDomain(DOMAIN, [], (seeded) => seedTypes(seeded.client, DOMAIN));
  const tree = () => treeOf(suite.api, DOMAIN);

  it('applies a registry file, deprecates a type and describes it as moto keeps them', async () => {
    const { root, typeNode, typeRows } = tree();
    const result = (await vscode.commands.executeCommand('swfTasks.applyRegistryFile', root(), writeRegistryFile(registryFile(DOMAIN)))) as { registered: string[]; differing: string[] };
    assert.deepEqual(result.registered, ['Order 2', 'Ship 1']);
    assert.deepEqual(result.differing, ['Charge 1']);
    assert.deepEqual((await typeRows('activity')).map((r) => suite.api.executionsProvider.getTreeItem(r).label), ['Charge 1', 'Ship 1', 'Charge 2']);
    const act = answerConfirmations('act');
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.deprecateType', await typeNode('activity', 'Ship 1')), true);
    } finally {
      act.dispose();
    }
    const ship = await typeNode('activity', 'Ship 1');
    assert.equal(ship.type.status, 'DEPRECATED');
    const doc = (await vscode.commands.executeCommand('swfTasks.describeType', ship)) as vscode.TextDocument;
    const json = JSON.parse(doc.getText()) as { status: string; defaults: Record<string, string> };
    assert.equal(json.status, 'DEPRECATED');
    assert.deepEqual(json.defaults, { taskList: 'shipping', taskScheduleToStartTimeout: '600', taskScheduleToCloseTimeout: '720', taskStartToCloseTimeout: '120', taskHeartbeatTimeout: 'NONE' });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.deepEqual(suite.messages.of('error').map((m) => m.message), []);
  });
});
