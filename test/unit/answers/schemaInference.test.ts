import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileSchema } from '../../../src/schemaValidator';
import { inferSchema, inferSchemaDocument } from '../../../src/answers/schemaInference';

describe('schema inference (Create Result Schema)', () => {
  it('describes an example: types, properties, all required, array items', () => {
    assert.deepEqual(inferSchema({ orderId: 'o-1', amount: 12.5, count: 2, ok: true, note: null, items: [{ sku: 'a' }] }), {
      type: 'object',
      properties: {
        orderId: { type: 'string' },
        amount: { type: 'number' },
        count: { type: 'integer' },
        ok: { type: 'boolean' },
        note: { type: 'null' },
        items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
      },
      required: ['orderId', 'amount', 'count', 'ok', 'note', 'items'],
    });
    assert.deepEqual(inferSchema([1, 'a', 2]), { type: 'array', items: { anyOf: [{ type: 'integer' }, { type: 'string' }] } });
    assert.deepEqual(inferSchema([]), { type: 'array' });
  });

  it('writes a schema document titled by the activity type, with no $schema (read as draft 2020-12)', () => {
    const doc = inferSchemaDocument({ a: 1 }, { name: 'ChargeCard', version: '2' }, 'result');
    assert.equal('$schema' in doc, false, 'no meta-schema VS Code would try to download');
    assert.equal(doc.title, 'ChargeCard 2 result');
    assert.equal(doc.type, 'object');
  });

  it('property: the schema inferred from a value accepts that value', function () {
    this.timeout(30_000); // 300 Ajv compiles: about 3 s alone, over 10 s on a loaded machine
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normalised = JSON.parse(JSON.stringify(value)) as unknown; // -0 and the like, as a result would arrive
        assert.deepEqual(compileSchema(inferSchemaDocument(normalised, { name: 'T', version: '1' }, 'result'))(normalised), []);
      }),
      { numRuns: 300 },
    );
  });
});
