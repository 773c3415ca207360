/** StartWorkflowExecution's local checks: workflow ID 1..256, at most 5 tags of 1..256, input 32,768, timeouts as SWF writes them. */
import * as assert from 'node:assert/strict';
import { validateStart, validateTimeout, type StartFields } from '../../../src/validation/validation';

const FIELDS: StartFields = { workflowId: 'order-1', typeName: 'ChargeCard', typeVersion: '1' };

function problems(fields: Partial<StartFields>, schema?: (text: string) => string | undefined): string[] {
  const result = validateStart({ ...FIELDS, ...fields }, schema);
  return result.ok ? [] : result.problems.map((p) => p.field);
}

describe('start workflow request checks', () => {
  it('builds the request from the fields, leaving out what falls back to the type', () => {
    const result = validateStart({ ...FIELDS, workflowId: ' order-1 ', taskList: '', input: '{"a":1}', tags: [' eu ', 'test'], executionStartToCloseTimeout: '3600', taskStartToCloseTimeout: 'none', childPolicy: 'ABANDON' });
    assert.ok(result.ok);
    assert.deepEqual(result.request, {
      workflowId: 'order-1',
      workflowType: { name: 'ChargeCard', version: '1' },
      input: '{"a":1}',
      tagList: ['eu', 'test'],
      executionStartToCloseTimeout: '3600',
      taskStartToCloseTimeout: 'NONE',
      childPolicy: 'ABANDON',
    });
    const bare = validateStart(FIELDS);
    assert.ok(bare.ok);
    assert.deepEqual(bare.request, { workflowId: 'order-1', workflowType: { name: 'ChargeCard', version: '1' } });
  });

  it('refuses workflow IDs, types and task lists SWF would refuse', () => {
    assert.deepEqual(problems({ workflowId: '' }), ['workflowId']);
    assert.deepEqual(problems({ workflowId: 'x'.repeat(257) }), ['workflowId']);
    assert.deepEqual(problems({ workflowId: 'x'.repeat(256) }), []);
    assert.deepEqual(problems({ workflowId: 'a:b' }), ['workflowId']);
    assert.deepEqual(problems({ typeName: '' }), ['typeName']);
    assert.deepEqual(problems({ typeVersion: 'v'.repeat(65) }), ['typeVersion']);
    assert.deepEqual(problems({ taskList: 'a|b' }), ['taskList']);
  });

  it('allows at most 5 tags of 1..256 characters', () => {
    assert.deepEqual(problems({ tags: ['1', '2', '3', '4', '5'] }), []);
    assert.deepEqual(problems({ tags: ['1', '2', '3', '4', '5', '6'] }), ['tag']);
    assert.deepEqual(problems({ tags: ['ok', ' '] }), ['tag']);
    assert.deepEqual(problems({ tags: ['t'.repeat(257)] }), ['tag']);
    assert.deepEqual(problems({ tags: ['t'.repeat(256)] }), []);
  });

  it('bounds the input at 32,768 and checks it against the input schema', () => {
    assert.deepEqual(problems({ input: 'x'.repeat(32_768) }), []);
    assert.deepEqual(problems({ input: 'x'.repeat(32_769) }), ['input']);
    const schema = (text: string) => (text.includes('amount') ? undefined : 'needs "amount"');
    assert.deepEqual(problems({ input: '{"amount":1}' }, schema), []);
    const refused = validateStart({ ...FIELDS, input: '{}' }, schema);
    assert.ok(!refused.ok && refused.problems[0].problem === 'schema' && refused.problems[0].message.includes('needs "amount"'));
  });

  it('reads timeouts as whole seconds or NONE, and NONE never for the execution timeout', () => {
    assert.deepEqual(problems({ executionStartToCloseTimeout: 'NONE' }), ['timeout']);
    assert.deepEqual(problems({ executionStartToCloseTimeout: '31536001' }), ['timeout']);
    assert.deepEqual(problems({ executionStartToCloseTimeout: '31536000' }), []);
    assert.deepEqual(problems({ taskStartToCloseTimeout: '1.5' }), ['timeout']);
    assert.deepEqual(problems({ taskStartToCloseTimeout: '-1' }), ['timeout']);
    assert.deepEqual(problems({ taskStartToCloseTimeout: '123456789' }), ['timeout']);
    assert.deepEqual(problems({ taskStartToCloseTimeout: '5m' }), ['timeout']);
    assert.deepEqual(validateTimeout(' ', { allowNone: true }), { ok: true, value: undefined });
  });

  it('lists every problem at once, so the form can mark each field', () => {
    assert.deepEqual(problems({ workflowId: '', tags: ['a', '', 'c'], taskStartToCloseTimeout: 'soon' }), ['workflowId', 'tag', 'timeout']);
  });
});
