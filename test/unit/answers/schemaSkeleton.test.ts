import * as assert from 'node:assert/strict';
import { jsonSkeleton } from '../../../src/answers/schemaSkeleton';
import { inferSchema } from '../../../src/answers/schemaInference';

describe('JSON skeleton of a schema (placeholder of an answer box)', () => {
  it('shows the shape of an inferred schema, one value per type', () => {
    const schema = inferSchema({ chargeId: 'ch_1', approved: true, amount: 1.5, count: 2, note: null, items: [{ sku: 'a' }] });
    assert.equal(jsonSkeleton(schema), '{"chargeId": "", "approved": false, "amount": 0, "count": 0, "note": null, "items": [{"sku": ""}]}');
  });

  it('prefers what the schema itself gives: const, default, examples, enum, the first of anyOf', () => {
    assert.equal(
      jsonSkeleton({
        type: 'object',
        properties: { a: { const: 'x' }, b: { type: 'integer', default: 3 }, c: { type: 'string', examples: ['ch_1'] }, d: { enum: ['EUR', 'USD'] }, e: { anyOf: [{ type: 'boolean' }, { type: 'string' }] }, f: { type: ['null', 'string'] } },
      }),
      '{"a": "x", "b": 3, "c": "ch_1", "d": "EUR", "e": false, "f": ""}',
    );
  });

  it('gives nothing for a schema that says too little, or too much for one line', () => {
    assert.equal(jsonSkeleton({}), undefined);
    assert.equal(jsonSkeleton({ $ref: '#/$defs/x' }), undefined);
    assert.equal(jsonSkeleton(true), undefined);
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`property${i}`, { type: 'string' }]));
    assert.equal(jsonSkeleton({ type: 'object', properties: wide }), undefined);
  });

  it('stops at a bounded depth, so a deep (or hostile) schema gives a short hint', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 50; i++) schema = { type: 'object', properties: { x: schema } };
    assert.equal(jsonSkeleton(schema), '{"x": {"x": {"x": {}}}}');
  });
});
