/**
 * Where text that `JSON.parse` refuses breaks, and why, in words a person
 * reads. V8's own messages do not always give a position ("Unexpected
 * token 'a', "approved" is not valid JSON"), so this walks the text by
 * JSON's grammar (RFC 8259) up to the first error. Called only after
 * `JSON.parse` failed.
 *
 * No `vscode` import.
 */
import { t } from '@vscode/l10n';

export interface JsonError {
  /** Offset (UTF-16 units) of the first character that cannot be JSON there. */
  offset: number;
  reason: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function locateJsonError(text: string): JsonError | undefined {
  let pos = 0;
  const stop = (reason: string, at = pos): never => {
    throw new Stop(at, reason);
  };
  const space = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
  };
  const endOrUnexpected = (what: string): never => (pos >= text.length ? stop(t('the text ends where {0} should follow', what)) : stop(t('expected {0}, found {1}', what, JSON.stringify(text[pos]))));
  const literal = (word: string): void => {
    if (text.startsWith(word, pos)) pos += word.length;
    else stop(t('expected a value (a string in double quotes, a number, true, false, null, an object or an array)'));
  };
  const string = (): void => {
    const start = pos++;
    for (;;) {
      if (pos >= text.length) stop(t('the string that starts here is not closed with "'), start);
      const ch = text[pos];
      if (ch === '"') {
        pos++;
        return;
      }
      if (ch === '\\') {
        const escape = text[pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) stop(t('\\u must be followed by four hex digits'));
          pos += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) pos += 2;
        else stop(t('invalid escape in a string (use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)'));
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) stop(t('a line break or control character inside a string must be escaped (\\n, \\t, ...)'));
      pos++;
    }
  };
  const value = (): void => {
    space();
    const ch = text[pos];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = pos;
      const match = NUMBER.exec(text);
      if (!match) stop(t('this is not a number as JSON writes numbers'));
      pos += match?.[0].length ?? 0;
      return;
    }
    if (ch === "'") stop(t('strings must be in double quotes'));
    if (pos >= text.length) stop(t('the text ends where a value should follow'));
    stop(t('expected a value (a string in double quotes, a number, true, false, null, an object or an array)'));
  };
  const object = (): void => {
    pos++;
    space();
    if (text[pos] === '}') {
      pos++;
      return;
    }
    for (;;) {
      space();
      if (text[pos] !== '"') {
        if (text[pos] === '}') stop(t('a comma before }: remove it'), lastComma(text, pos));
        endOrUnexpected(t('a property name in double quotes'));
      }
      string();
      space();
      if (text[pos] !== ':') endOrUnexpected('":"');
      pos++;
      value();
      space();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return;
      }
      endOrUnexpected(t('"," or "}"'));
    }
  };
  const array = (): void => {
    pos++;
    space();
    if (text[pos] === ']') {
      pos++;
      return;
    }
    for (;;) {
      space();
      if (text[pos] === ']') stop(t('a comma before ]: remove it'), lastComma(text, pos));
      value();
      space();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return;
      }
      endOrUnexpected(t('"," or "]"'));
    }
  };
  try {
    value();
    space();
    if (pos < text.length) stop(t('more text after the JSON value'));
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}

/** The comma before `pos` (skipping whitespace back), where a trailing comma is best pointed at. */
function lastComma(text: string, pos: number): number {
  let at = pos - 1;
  while (at > 0 && ' \t\n\r'.includes(text[at])) at--;
  return text[at] === ',' ? at : pos;
}
