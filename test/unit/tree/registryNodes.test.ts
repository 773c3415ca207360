/** The registry's rows as data (issue 18): order registered-then-deprecated, labels, icons, context values, tooltip lines, the type document, the next version. */
import * as assert from 'node:assert/strict';
import type { RegisteredTypeSummary } from '../../../src/swf/registryGateway';
import { domainTooltipLines, nextVersion, orderedTypes, typeContextValue, typeDescription, typeDocument, typeIcon, typeLabel, typeTooltipLines } from '../../../src/tree/registryNodes';

const type = (name: string, version: string, status: 'REGISTERED' | 'DEPRECATED' = 'REGISTERED', kind: 'activity' | 'workflow' = 'activity'): RegisteredTypeSummary => ({ kind, name, version, status });

describe('registry rows', () => {
  it('lists registered types first, then deprecated ones, each by name and version in number order', () => {
    const listed = orderedTypes([type('Ship', '1'), type('Charge', '10'), type('Charge', '9')], [type('Charge', '2', 'DEPRECATED'), type('Audit', '1', 'DEPRECATED')]);
    assert.deepEqual(listed.map(typeLabel), ['Charge 9', 'Charge 10', 'Ship 1', 'Audit 1', 'Charge 2']);
  });

  it('marks a deprecated type apart: description, icon and context value', () => {
    const deprecated = { ...type('Charge', '2', 'DEPRECATED'), description: 'old\ncard' };
    assert.equal(typeDescription(deprecated), 'deprecated · old card');
    assert.equal(typeDescription({ ...type('Charge', '3'), description: 'new' }), 'new');
    assert.deepEqual(typeIcon(deprecated), { id: 'circle-slash', color: 'disabledForeground' });
    assert.notEqual(typeIcon(type('Charge', '3')).id, typeIcon(deprecated).id);
    assert.equal(typeContextValue(deprecated), 'deprecatedActivityType');
    assert.equal(typeContextValue(type('Charge', '3')), 'activityType');
    assert.equal(typeContextValue(type('Order', '1', 'REGISTERED', 'workflow')), 'workflowType');
    assert.equal(typeContextValue(type('Order', '1', 'DEPRECATED', 'workflow')), 'deprecatedWorkflowType');
  });

  it('lists a type\'s defaults in its tooltip, timeouts readable, or says it has none', () => {
    const lines = typeTooltipLines({ ...type('Charge', '1'), description: 'charges' }, { taskList: 'work', taskHeartbeatTimeout: 'NONE', taskStartToCloseTimeout: '300', taskPriority: '5' });
    assert.deepEqual(lines, [
      'Activity type: Charge 1',
      'Status: REGISTERED',
      'Description: charges',
      'Default task list: work',
      'Default task priority: 5',
      'Default start-to-close timeout: 300 s (5m)',
      'Default heartbeat timeout: none',
    ]);
    assert.match(typeTooltipLines(type('Charge', '1'), {}).at(-1) ?? '', /No defaults/);
    assert.equal(typeTooltipLines(type('Charge', '1')).length, 2, 'without defaults read, only what the listing said');
  });

  it('shows the domain\'s status, retention and description', () => {
    assert.deepEqual(domainTooltipLines({ name: 'd', status: 'DEPRECATED', retentionDays: '30', description: 'orders' }), ['Status: DEPRECATED', 'History retention: 30 days', 'Description: orders']);
    assert.deepEqual(domainTooltipLines({ name: 'd', status: 'REGISTERED' }), ['Status: REGISTERED']);
  });

  it('writes the type document as JSON with its defaults', () => {
    const document = JSON.parse(typeDocument({ ...type('Order', '1', 'REGISTERED', 'workflow'), createdAt: new Date('2026-12-07T00:00:00Z') }, { childPolicy: 'ABANDON' })) as unknown;
    assert.deepEqual(document, { kind: 'workflow', name: 'Order', version: '1', status: 'REGISTERED', registered: '2026-12-07T00:00:00.000Z', defaults: { childPolicy: 'ABANDON' } });
  });

  it('suggests the next version from the last number in a version', () => {
    assert.equal(nextVersion('2'), '3');
    assert.equal(nextVersion('1.4'), '1.5');
    assert.equal(nextVersion('v7-beta'), 'v8-beta');
    assert.equal(nextVersion('09'), '10');
    assert.equal(nextVersion('007'), '008');
    assert.equal(nextVersion('beta'), '');
  });
});
