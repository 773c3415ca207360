import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileSchema } from '../../../src/schemaValidator';
import { checkAgainst, describeViolations, parseJson, ResultSchemas, type SchemaCheck, type SchemaFiles, schemaFileName } from '../../../src/answers/resultSchemas';
import { validateCompletion, validateFailure, validateStart } from '../../../src/validation/validation';

const CHARGE = { name: 'ChargeCard', version: '2' };
const TOKEN = 'AAAA-token';

const chargeSchema = {
  type: 'object',
  required: ['orderId', 'amount'],
  properties: {
    orderId: { type: 'string', minLength: 1 },
    amount: { type: 'number', minimum: 0 },
    items: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } },
    chargedAt: { type: 'string', format: 'date-time' },
  },
  additionalProperties: false,
};

/** Schema files kept in memory, counting reads. */
function memoryFiles(files: Record<string, unknown>): SchemaFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read(fileName) {
      reads.push(fileName);
      const content = files[fileName];
      if (content === undefined) return Promise.resolve(undefined);
      return Promise.resolve({ location: `memory:/${fileName}`, text: typeof content === 'string' ? content : JSON.stringify(content) });
    },
  };
}

function schemasOver(files: Record<string, unknown>): { schemas: ResultSchemas; loads: () => number; files: ReturnType<typeof memoryFiles> } {
  let loads = 0;
  const source = memoryFiles(files);
  const schemas = new ResultSchemas(source, () => {
    loads++;
    return Promise.resolve(compileSchema);
  });
  return { schemas, loads: () => loads, files: source };
}

async function found(schemas: ResultSchemas, type = CHARGE, kind: 'result' | 'failure' | 'input' = 'result'): Promise<SchemaCheck> {
  const lookup = await schemas.lookup(type, kind);
  assert.equal(lookup.kind, 'found', JSON.stringify(lookup));
  return (lookup as { check: SchemaCheck }).check;
}

describe('result schemas', () => {
  it('names schema files <type>@<version>.<kind>.json', () => {
    assert.equal(schemaFileName(CHARGE, 'result'), 'ChargeCard@2.result.json');
    assert.equal(schemaFileName({ name: 'Review order', version: '1.0-beta' }, 'failure'), 'Review order@1.0-beta.failure.json');
  });

  it('finds the schema of the activity type and version asked for, and no other', async () => {
    const { schemas } = schemasOver({
      'ChargeCard@1.result.json': { type: 'string' },
      'ChargeCard@2.result.json': chargeSchema,
      'ChargeCard@2.failure.json': { type: 'object', required: ['code'] },
    });
    const v2 = await found(schemas);
    assert.equal(v2.fileName, 'ChargeCard@2.result.json');
    assert.equal(v2.location, 'memory:/ChargeCard@2.result.json');
    assert.equal(v2.check('{"orderId":"o-1","amount":3}'), undefined);
    const v1 = await found(schemas, { name: 'ChargeCard', version: '1' });
    assert.equal(v1.check('"ok"'), undefined);
    assert.match(v1.check('{"orderId":"o-1","amount":3}') ?? '', /must be string/);
    const failure = await found(schemas, CHARGE, 'failure');
    assert.match(failure.check('{}') ?? '', /"\/code": is required/);
    assert.deepEqual(await schemas.lookup({ name: 'ChargeCard', version: '3' }, 'result'), { kind: 'none' });
    assert.deepEqual(await schemas.lookup({ name: 'Refund', version: '2' }, 'result'), { kind: 'none' });
  });

  it('finds a workflow type\'s input schema (<type>@<version>.input.json) by the same lookup, and Start refuses input that breaks it', async () => {
    const { schemas } = schemasOver({
      'OrderFlow@1.input.json': { type: 'object', required: ['orderId'], properties: { orderId: { type: 'integer' } } },
      'OrderFlow@1.result.json': { type: 'string' },
    });
    const input = await found(schemas, { name: 'OrderFlow', version: '1' }, 'input');
    assert.equal(input.fileName, 'OrderFlow@1.input.json');
    assert.equal(input.check('{"orderId":7}'), undefined);
    const start = { workflowId: 'w-1', typeName: 'OrderFlow', typeVersion: '1' };
    const refused = validateStart({ ...start, input: '{"orderId":"7"}' }, input.check);
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.problems[0].message, /^Input: Does not match OrderFlow@1\.input\.json: "\/orderId": must be integer/);
    assert.equal(validateStart({ ...start, input: '' }, input.check).ok, false, 'a schema expects JSON: no empty input');
    assert.equal(validateStart({ ...start, input: '{"orderId":7}' }, input.check).ok, true);
    assert.deepEqual(await schemas.lookup({ name: 'OrderFlow', version: '2' }, 'input'), { kind: 'none' });
  });

  it('loads the validator only once a schema exists, and only once', async () => {
    const { schemas, loads } = schemasOver({ 'ChargeCard@2.result.json': chargeSchema });
    await schemas.lookup({ name: 'Other', version: '1' }, 'result');
    assert.equal(loads(), 0, 'no schema, no validator');
    await found(schemas);
    await found(schemas);
    assert.equal(loads(), 1);
  });

  it('reads the schema again on every lookup, so an edited schema applies at once', async () => {
    const files: Record<string, unknown> = { 'ChargeCard@2.result.json': { type: 'string' } };
    const { schemas } = schemasOver(files);
    assert.equal((await found(schemas)).check('"x"'), undefined);
    files['ChargeCard@2.result.json'] = { type: 'number' };
    assert.match((await found(schemas)).check('"x"') ?? '', /must be number/);
  });

  it('names the JSON path and the rule of each violation', async () => {
    const { schemas } = schemasOver({ 'ChargeCard@2.result.json': chargeSchema });
    const check = await found(schemas);
    assert.equal(check.check('{"orderId":"o-1","amount":"12"}'), 'Does not match ChargeCard@2.result.json: "/amount": must be number');
    assert.equal(check.check('{"amount":1}'), 'Does not match ChargeCard@2.result.json: "/orderId": is required');
    assert.match(check.check('{"orderId":"o","amount":1,"items":[{"sku":"a"},{"sku":7}]}') ?? '', /"\/items\/1\/sku": must be string/);
    assert.match(check.check('{"orderId":"o","amount":1,"chargedAt":"yesterday"}') ?? '', /"\/chargedAt": must match format "date-time"/);
    assert.match(check.check('{"orderId":"o","amount":1,"extra":true}') ?? '', /"\/": must NOT have additional properties/);
    assert.match(check.check('[1]') ?? '', /"\/": must be object/);
  });

  it('lists three violations and counts the rest', () => {
    const violations = ['/a', '/b', '/c', '/d', '/e'].map((path) => ({ path, message: 'must be number' }));
    assert.equal(describeViolations(violations), '"/a": must be number; "/b": must be number; "/c": must be number; and 2 more');
  });

  it('says where text that is not JSON breaks, by line and column', () => {
    const trailingComma = parseJson('{\n  "orderId": "o-1",\n}');
    assert.equal(trailingComma.ok, false);
    // The trailing comma itself is pointed at: line 2, after `"o-1"`.
    assert.deepEqual(!trailingComma.ok && [trailingComma.line, trailingComma.column], [2, 19]);
    assert.equal(!trailingComma.ok && trailingComma.message, 'line 2, column 19: a comma before }: remove it');
    const unterminated = parseJson('{"orderId": "o-1');
    // An unclosed string is pointed at where it opens.
    assert.deepEqual(!unterminated.ok && [unterminated.line, unterminated.column], [1, 13]);
    const word = parseJson('approved');
    assert.deepEqual(!word.ok && [word.line, word.column], [1, 1]);
    assert.match(!word.ok ? word.message : '', /expected a value/);
    assert.equal(parseJson(' {"a": [1, 2]} ').ok, true);
  });

  it('refuses empty or non-JSON text when a schema expects JSON', () => {
    const validate = compileSchema({ type: 'object' });
    assert.match(checkAgainst(validate, 'X@1.result.json', '') ?? '', /expects JSON here: the text is empty/);
    assert.match(checkAgainst(validate, 'X@1.result.json', '   ') ?? '', /expects JSON/);
    assert.match(checkAgainst(validate, 'X@1.result.json', 'approved') ?? '', /^Not JSON \(X@1\.result\.json expects JSON\): line 1, column 1: /);
  });

  it('reports a schema file that is not JSON, or not a schema, without throwing', async () => {
    const { schemas } = schemasOver({ 'A@1.result.json': '{"type": ', 'B@1.result.json': { type: 12 } });
    const notJson = await schemas.lookup({ name: 'A', version: '1' }, 'result');
    assert.equal(notJson.kind, 'broken');
    assert.match(notJson.kind === 'broken' ? notJson.message : '', /^A@1\.result\.json is not JSON: line 1, column 10/);
    const notSchema = await schemas.lookup({ name: 'B', version: '1' }, 'result');
    assert.equal(notSchema.kind, 'broken');
    assert.match(notSchema.kind === 'broken' ? notSchema.message : '', /^B@1\.result\.json is not a valid JSON Schema: /);
  });

  it('puts the schema problem into the request check, naming the field', async () => {
    const { schemas } = schemasOver({ 'ChargeCard@2.result.json': chargeSchema });
    const check = await found(schemas);
    const refused = validateCompletion({ taskToken: TOKEN, result: '{"orderId":"o-1"}' }, check.check);
    assert.equal(refused.ok, false);
    assert.deepEqual(!refused.ok && refused.problems.map((p) => [p.field, p.problem, p.message]), [['result', 'schema', 'Result: Does not match ChargeCard@2.result.json: "/amount": is required']]);
    const sent = validateCompletion({ taskToken: TOKEN, result: '{"orderId":"o-1","amount":0}' }, check.check);
    assert.deepEqual(sent.ok && sent.request, { taskToken: TOKEN, result: '{"orderId":"o-1","amount":0}' });
    // SWF's own limits still come first: an over-long result says so, not "does not match".
    const tooLong = validateCompletion({ taskToken: TOKEN, result: `"${'x'.repeat(40_000)}"` }, check.check);
    assert.equal(!tooLong.ok && tooLong.problems[0].problem, 'tooLong');
  });

  describe('property: no result a schema rejects is ever let through', () => {
    const schemas = [
      chargeSchema,
      { type: 'array', items: { type: 'integer' }, minItems: 1 },
      { type: 'object', properties: { approved: { const: true } }, required: ['approved'] },
      { anyOf: [{ type: 'string', maxLength: 5 }, { type: 'null' }] },
    ];
    const compiled = schemas.map((schema) => compileSchema(schema));
    /** JSON values shaped like the schemas' (so both outcomes occur), and any JSON at all. */
    const value = fc.oneof(
      fc.record({ orderId: fc.oneof(fc.string(), fc.integer()), amount: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string()) }, { requiredKeys: [] }),
      fc.array(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))),
      fc.record({ approved: fc.oneof(fc.boolean(), fc.constant('true')) }, { requiredKeys: [] }),
      fc.jsonValue(),
    );

    it('Complete: sent only if the schema accepts the value; refused whenever it does not', () => {
      fc.assert(
        fc.property(fc.nat({ max: schemas.length - 1 }), value, fc.boolean(), (which, candidate, pretty) => {
          const text = JSON.stringify(candidate, null, pretty ? 2 : undefined);
          const validation = validateCompletion({ taskToken: TOKEN, result: text }, (typed) => checkAgainst(compiled[which], 'S@1.result.json', typed));
          const accepted = compiled[which](JSON.parse(text)).length === 0;
          assert.equal(validation.ok, accepted && text.length <= 32_768);
          if (validation.ok) assert.equal(validation.request.result, text);
        }),
        { numRuns: 500 },
      );
    });

    it('Complete: text that is not JSON is never sent against a schema', () => {
      fc.assert(
        fc.property(fc.nat({ max: schemas.length - 1 }), fc.string(), (which, text) => {
          fc.pre(parseJson(text).ok === false);
          const validation = validateCompletion({ taskToken: TOKEN, result: text }, (typed) => checkAgainst(compiled[which], 'S@1.result.json', typed));
          assert.equal(validation.ok, false);
        }),
        { numRuns: 300 },
      );
    });

    it('Fail: details are refused whenever the failure schema rejects them', () => {
      fc.assert(
        fc.property(fc.nat({ max: schemas.length - 1 }), value, (which, candidate) => {
          const details = JSON.stringify(candidate);
          const validation = validateFailure({ taskToken: TOKEN, reason: 'declined', details }, (typed) => checkAgainst(compiled[which], 'S@1.failure.json', typed));
          assert.equal(validation.ok, compiled[which](candidate).length === 0 && details.length <= 32_768);
        }),
        { numRuns: 300 },
      );
    });
  });
});
