import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { locateJsonError } from '../../../src/answers/jsonErrors';

/** JSON text with one character removed, replaced or inserted: mostly broken, sometimes still JSON. */
const damagedJson = fc
  .tuple(fc.json(), fc.nat(), fc.constantFrom('delete', 'replace', 'insert'), fc.constantFrom('"', ',', '}', ']', ':', 'x', ' ', '\n', '\\', '{', '[', '0', '-', '.', 'e'))
  .map(([text, at, how, ch]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (how === 'delete') return text.slice(0, i) + text.slice(i + 1);
    if (how === 'replace') return text.slice(0, i) + ch + text.slice(i + 1);
    return text.slice(0, i) + ch + text.slice(i);
  });

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('JSON error positions', () => {
  it('points at the first character that cannot be JSON', () => {
    assert.deepEqual(locateJsonError('{"a": 1,}'), { offset: 7, reason: 'a comma before }: remove it' });
    assert.equal(locateJsonError('{"a" 1}')?.offset, 5);
    assert.equal(locateJsonError("{'a': 1}")?.offset, 1);
    assert.equal(locateJsonError('[1, 2')?.offset, 5);
    assert.equal(locateJsonError('{"a": "b')?.offset, 6);
    assert.equal(locateJsonError('{"a": tru}')?.offset, 6);
    assert.equal(locateJsonError('{} x')?.offset, 3);
    assert.equal(locateJsonError('')?.offset, 0);
    assert.equal(locateJsonError('{"a": [1, 2]}'), undefined);
  });

  it('property: finds an error exactly when JSON.parse refuses the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), damagedJson, fc.string()), (text) => {
        const error = locateJsonError(text);
        assert.equal(error === undefined, parses(text), `${JSON.stringify(text)}: ${JSON.stringify(error)}`);
        if (error) assert.ok(error.offset >= 0 && error.offset <= text.length);
      }),
      { numRuns: 2000 },
    );
  });
});
