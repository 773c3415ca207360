import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactTokens, shortToken } from '../../../src/swf/tokens';

/** Shaped like a real SWF task token: several hundred characters of base64. */
const REAL_TOKEN = `AAAAKgAAAAIAAAAAAAAAA${'q1w2E3r4T5y6U7i8O9p0+/'.repeat(20)}Xy12Ab==`;

describe('shortToken', () => {
  it('shows the last 6 characters of a long token', () => {
    assert.equal(shortToken('abcdefghijklmnopXy12Ab'), '…Xy12Ab');
    assert.equal(shortToken(REAL_TOKEN), '…12Ab==');
  });

  it('shows at most 2 characters of a short token', () => {
    assert.equal(shortToken('abcdefghijk'), '…jk');
    assert.equal(shortToken('abcd'), '…d');
    assert.equal(shortToken('abc'), '…');
    assert.equal(shortToken(''), '…');
  });

  it('never ends in half of a surrogate pair', () => {
    assert.equal(shortToken('abcdefghijklmnop😀😀'), '…mnop😀😀');
  });

  it('never returns the token or most of it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (token) => {
        const shown = Array.from(shortToken(token)).length - 1;
        assert.ok(shown <= 6);
        assert.ok(shown === 0 || shown <= Array.from(token).length / 2);
      }),
    );
  });
});

describe('redactTokens', () => {
  it('replaces every occurrence of a known token', () => {
    const text = `token ${REAL_TOKEN} and again ${REAL_TOKEN}.`;
    assert.equal(redactTokens(text, [REAL_TOKEN]), 'token …12Ab== and again …12Ab==.');
  });

  it('replaces short known tokens too', () => {
    assert.equal(redactTokens('bad token secret-token-42 given', ['secret-token-42']), 'bad token …ken-42 given');
  });

  it('replaces the longest known token first when one contains another', () => {
    const inner = 'abcdefghijklmn';
    const outer = `${inner}OPQRSTUVWX`;
    assert.equal(redactTokens(outer, [inner, outer]), shortToken(outer));
  });

  it('ignores empty tokens', () => {
    assert.equal(redactTokens('unchanged', ['']), 'unchanged');
  });

  it('replaces unknown token-like runs of 100 or more base64 characters', () => {
    const run = 'A'.repeat(95) + 'b/c+d=';
    assert.equal(redactTokens(`Invalid token: ${run}`), 'Invalid token: …b/c+d=');
  });

  it('leaves shorter runs and ordinary text alone', () => {
    const text = `run ${'A'.repeat(99)} and arn:aws:swf:us-east-1:123456789012:/domain/payments`;
    assert.equal(redactTokens(text), text);
  });
});
