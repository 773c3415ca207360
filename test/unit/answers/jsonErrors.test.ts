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

/** Short text from the characters JSON and jsonc-parser treat differently, or that decide a parse. */
const jsonishText = fc.string({ unit: fc.constantFrom(...'{}[]:,"\\/*\'0-1eE.+tfnu x'.split(''), ' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u00a0', '\ufeff', '\u2028', '\u0000'), maxLength: 24 });

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

  it('says why in words, whatever jsonc-parser calls the error', () => {
    const escapeHint = 'a line break or control character inside a string must be escaped (\\n, \\t, ...)';
    assert.deepEqual(locateJsonError('[1, 2,]'), { offset: 5, reason: 'a comma before ]: remove it' });
    assert.deepEqual(locateJsonError("{'a': 1}"), { offset: 1, reason: 'strings must be in double quotes' });
    assert.deepEqual(locateJsonError('{"a": "b'), { offset: 6, reason: 'the string that starts here is not closed with "' });
    assert.deepEqual(locateJsonError('{"a": "b\nc"}'), { offset: 8, reason: escapeHint });
    assert.deepEqual(locateJsonError('["a\tb"]'), { offset: 3, reason: escapeHint });
    assert.deepEqual(locateJsonError('["a\\xb"]'), { offset: 3, reason: 'invalid escape in a string (use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)' });
    assert.deepEqual(locateJsonError('["ok\\u12"]'), { offset: 4, reason: '\\u must be followed by four hex digits' });
    assert.deepEqual(locateJsonError('{"a" 1}'), { offset: 5, reason: 'expected ":", found "1"' });
    assert.deepEqual(locateJsonError('{"a": 1 "b": 2}'), { offset: 8, reason: 'expected "," or "}", found "\\""' });
    assert.deepEqual(locateJsonError('[1 2]'), { offset: 3, reason: 'expected "," or "]", found "2"' });
    assert.deepEqual(locateJsonError('[1, 2'), { offset: 5, reason: 'the text ends where "," or "]" should follow' });
    assert.deepEqual(locateJsonError('{"a": tru}'), { offset: 6, reason: 'expected a value (a string in double quotes, a number, true, false, null, an object or an array)' });
    assert.deepEqual(locateJsonError('{} x'), { offset: 3, reason: 'more text after the JSON value' });
    assert.deepEqual(locateJsonError(''), { offset: 0, reason: 'the text ends where a value should follow' });
    assert.deepEqual(locateJsonError('[-]'), { offset: 1, reason: 'this is not a number as JSON writes numbers' });
  });

  it('is as strict as JSON.parse: no comments, and only the four whitespace characters JSON allows', () => {
    assert.deepEqual(locateJsonError('{"a": 1 /* note */}'), { offset: 8, reason: 'comments are not allowed in JSON' });
    assert.deepEqual(locateJsonError('// note\n{}'), { offset: 0, reason: 'comments are not allowed in JSON' });
    for (const space of ['\u000b', '\u000c', '\u00a0', '\ufeff', '\u2028']) {
      assert.equal(locateJsonError(`{"a":${space}1}`)?.offset, 5, JSON.stringify(space));
      assert.equal(locateJsonError(`${space}[]`)?.offset, 0, JSON.stringify(space));
    }
  });

  it('property: finds an error exactly when JSON.parse refuses the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), damagedJson, fc.string(), jsonishText), (text) => {
        const error = locateJsonError(text);
        assert.equal(error === undefined, parses(text), `${JSON.stringify(text)}: ${JSON.stringify(error)}`);
        if (error) assert.ok(error.offset >= 0 && error.offset <= text.length);
      }),
      { numRuns: 2000 },
    );
  });
});
