/**
 * The watched roots as settings: Add, Remove, Move Up / Down edit the
 * `swfTasks.roots` list in place, so an entry the view skips (one a person
 * wrote by hand and has yet to correct) survives them; and the one-off
 * migration of an earlier version's single connection and domain keeps that
 * domain, also when another workspace has already added roots.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { StartWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import { rootId } from '../../src/connection/connection';
import type { SwfTasksApi } from '../../src/extension';
import { RootsModel } from '../../src/model/roots';
import { activateExtension, clearRoots, watchRoots } from './helpers/extension';
import { motoEndpoint, resetMoto, TestDomain, testClient, WORKFLOW_TYPE } from './helpers/swf';
import { waitFor } from './helpers/ui';

const config = () => vscode.workspace.getConfiguration('swfTasks');

/** A workspace state of its own, as an earlier version left it. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  constructor(initial: Record<string, unknown>) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('watched roots in the settings', function () {
  this.timeout(60_000);
  let api: SwfTasksApi;
  let moto: TestDomain;
  const root = (domain: string) => ({ domain, region: 'us-east-1', endpoint: motoEndpoint() });
  const domainsInSetting = () => (config().get<unknown[]>('roots') ?? []).map((e) => (e as { domain?: string }).domain ?? '(no domain)');

  before(async () => {
    await resetMoto(motoEndpoint());
    moto = new TestDomain(testClient(motoEndpoint()), 'alpha');
    await moto.register([]);
    api = await activateExtension();
  });

  after(async () => {
    for (const key of ['profile', 'region', 'endpoint']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await clearRoots(api);
    moto?.client.destroy();
  });

  it('keeps an entry it skips through add, move and remove', async () => {
    // As a person might leave it in settings.json: the middle entry lacks its domain.
    await config().update('roots', [root('alpha'), { endpoint: motoEndpoint() }, root('beta')], vscode.ConfigurationTarget.Global);
    await waitFor(() => api.roots.roots.length === 2, 'two watched roots');
    assert.deepEqual(api.roots.roots.map((m) => m.spec.domain), ['alpha', 'beta']);

    await vscode.commands.executeCommand('swfTasks.moveRootUp', { kind: 'root', rootId: api.roots.roots[1].id });
    assert.deepEqual(api.roots.roots.map((m) => m.spec.domain), ['beta', 'alpha']);
    assert.deepEqual(domainsInSetting(), ['beta', '(no domain)', 'alpha']);

    await api.roots.add({ connection: api.roots.roots[0].spec.connection, domain: 'gamma' });
    await api.roots.remove(api.roots.roots[0].id);
    assert.deepEqual(api.roots.roots.map((m) => m.spec.domain), ['alpha', 'gamma']);
    assert.deepEqual(domainsInSetting(), ['(no domain)', 'alpha', 'gamma']);
  });

  it("migrates an earlier version's domain and connection into the roots, next to roots another workspace added", async () => {
    await watchRoots(api, [root('alpha')]);
    await config().update('endpoint', motoEndpoint(), vscode.ConfigurationTarget.Global);
    await config().update('region', 'us-east-1', vscode.ConfigurationTarget.Global);
    const workspaceState = new MemoryMemento({ 'swfTasks.domain': 'orders-from-before' });
    const migrating = new RootsModel({ workspaceState } as unknown as vscode.ExtensionContext, api.connections, api.claims, vscode.window.createOutputChannel('SWF migration test', { log: true }));
    try {
      await migrating.migrateLegacySelection();
    } finally {
      migrating.dispose();
    }
    await waitFor(() => api.roots.roots.length === 2, 'the migrated root in the running extension');
    const migrated = api.roots.roots[1];
    assert.equal(migrated.spec.domain, 'orders-from-before');
    assert.equal(migrated.id, rootId({ domain: 'orders-from-before', connection: { kind: 'aws', profile: '', region: 'us-east-1', endpoint: motoEndpoint() } }));
    assert.equal(api.roots.roots[0].spec.domain, 'alpha', 'the root that was there stays first');
    assert.equal(workspaceState.get('swfTasks.domain'), undefined, 'the migration runs once');
  });
  it('lists only what a filtered root lets through, beside the same domain unfiltered, and titles it with the filter', async () => {
    for (const [workflowId, tagList] of [['red-1', ['red']], ['blue-1', ['blue']], ['red-2', ['red']]] as const) {
      await moto.client.send(new StartWorkflowExecutionCommand({ domain: 'alpha', workflowId, workflowType: WORKFLOW_TYPE, tagList: [...tagList] }));
    }
    await config().update('roots', [root('alpha'), { ...root('alpha'), filter: { tagFilter: { tag: 'red' } } }], vscode.ConfigurationTarget.Global);
    await waitFor(() => api.roots.roots.length === 2, 'the domain twice, filtered and not');
    const [whole, red] = api.roots.roots;
    assert.match(red.label, /^alpha · .* · tag red$/);
    await whole.refresh();
    await red.refresh();
    assert.deepEqual(whole.executions.map((e) => e.workflowId).sort(), ['blue-1', 'red-1', 'red-2']);
    assert.deepEqual(red.executions.map((e) => e.workflowId).sort(), ['red-1', 'red-2']);
  });
});
