/**
 * Where text that `JSON.parse` refuses breaks, and why, in words a person
 * reads. V8's own messages do not always give a position ("Unexpected
 * token 'a', "approved" is not valid JSON"), so the text is read again with
 * `jsonc-parser` (the scanner and parser under VS Code's JSON support) in
 * strict mode (no comments, no trailing commas, no empty text), and its first
 * error code is put into words. Called only after `JSON.parse` failed. (Like
 * JSON, the scanner takes only space, tab, line feed and carriage return as
 * whitespace; a unit test holds it to that.)
 *
 * No `vscode` import.
 */
import { t } from '@vscode/l10n';
import { ParseErrorCode, visit } from 'jsonc-parser';

export interface JsonError {
  /** Offset (UTF-16 units) of the first character that cannot be JSON there. */
  offset: number;
  reason: string;
}

/** The first error the parser reported, with what was open around it. */
interface FirstError {
  code: ParseErrorCode;
  offset: number;
  length: number;
  /** The innermost open container, if any. */
  inside: 'object' | 'array' | undefined;
  /** A whole top-level value had been read before the error. */
  afterValue: boolean;
}

export function locateJsonError(text: string): JsonError | undefined {
  const parsed = firstParseError(text);
  return parsed === undefined ? undefined : describe(text, parsed);
}

function firstParseError(text: string): FirstError | undefined {
  const open: Array<'object' | 'array'> = [];
  let afterValue = false;
  let first: FirstError | undefined;
  const ended = (): void => {
    if (open.length === 0) afterValue = true;
  };
  visit(
    text,
    {
      onObjectBegin: () => void open.push('object'),
      onObjectEnd: () => {
        open.pop();
        ended();
      },
      onArrayBegin: () => void open.push('array'),
      onArrayEnd: () => {
        open.pop();
        ended();
      },
      onLiteralValue: ended,
      onError: (code, offset, length) => {
        first ??= { code, offset, length, inside: open.at(-1), afterValue };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return first;
}

function describe(text: string, error: FirstError): JsonError {
  const at = error.offset;
  const ch = text[at];
  const atEnd = at >= text.length;
  const found = (what: string): JsonError =>
    atEnd ? { offset: at, reason: t('the text ends where {0} should follow', what) } : { offset: at, reason: t('expected {0}, found {1}', what, JSON.stringify(ch)) };
  const trailingComma = (): JsonError | undefined => {
    if (ch !== '}' && ch !== ']') return undefined;
    const comma = commaBefore(text, at);
    if (comma === undefined) return undefined;
    return { offset: comma, reason: ch === '}' ? t('a comma before }: remove it') : t('a comma before ]: remove it') };
  };
  const aValue = (): JsonError => {
    if (ch === "'") return { offset: at, reason: t('strings must be in double quotes') };
    if (atEnd) return { offset: at, reason: t('the text ends where a value should follow') };
    if (ch === '-' || (ch >= '0' && ch <= '9')) return { offset: at, reason: t('this is not a number as JSON writes numbers') };
    if (error.afterValue) return { offset: at, reason: t('more text after the JSON value') };
    return { offset: at, reason: t('expected a value (a string in double quotes, a number, true, false, null, an object or an array)') };
  };
  switch (error.code) {
    case ParseErrorCode.ValueExpected:
    case ParseErrorCode.InvalidSymbol:
      return trailingComma() ?? aValue();
    case ParseErrorCode.PropertyNameExpected:
      if (ch === "'") return { offset: at, reason: t('strings must be in double quotes') };
      return trailingComma() ?? found(t('a property name in double quotes'));
    case ParseErrorCode.ColonExpected:
      return found('":"');
    case ParseErrorCode.CommaExpected:
      return found(error.inside === 'array' ? t('"," or "]"') : t('"," or "}"'));
    case ParseErrorCode.CloseBraceExpected:
      return found(t('"," or "}"'));
    case ParseErrorCode.CloseBracketExpected:
      return found(t('"," or "]"'));
    case ParseErrorCode.EndOfFileExpected:
      return { offset: at, reason: t('more text after the JSON value') };
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber:
      return { offset: at, reason: t('this is not a number as JSON writes numbers') };
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
      return { offset: at, reason: t('comments are not allowed in JSON') };
    case ParseErrorCode.UnexpectedEndOfString: {
      // The scanner ends a string at a line break as well as at the end of the text.
      const control = firstControl(text, at + 1, text.length);
      if (control !== undefined) return { offset: control, reason: t('a line break or control character inside a string must be escaped (\\n, \\t, ...)') };
      return { offset: at, reason: t('the string that starts here is not closed with "') };
    }
    case ParseErrorCode.InvalidCharacter:
      return { offset: firstControl(text, at + 1, at + error.length) ?? at, reason: t('a line break or control character inside a string must be escaped (\\n, \\t, ...)') };
    case ParseErrorCode.InvalidUnicode:
      return { offset: badEscape(text, at, at + error.length, true) ?? at, reason: t('\\u must be followed by four hex digits') };
    case ParseErrorCode.InvalidEscapeCharacter:
      return { offset: badEscape(text, at, at + error.length, false) ?? at, reason: t('invalid escape in a string (use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)') };
    default:
      return aValue();
  }
}

/** The comma just before `at` (skipping JSON whitespace back), where a trailing comma is best pointed at. */
function commaBefore(text: string, at: number): number | undefined {
  let i = at - 1;
  while (i >= 0 && ' \t\n\r'.includes(text[i])) i--;
  return text[i] === ',' ? i : undefined;
}

/** The first character below U+0020 in text[from, to): one a JSON string must escape. */
function firstControl(text: string, from: number, to: number): number | undefined {
  for (let i = from; i < Math.min(to, text.length); i++) {
    if (text.charCodeAt(i) < 0x20) return i;
    if (text[i] === '"') return undefined;
    if (text[i] === '\\') i++;
  }
  return undefined;
}

/** The backslash in the string token text[from, to) that starts a bad `\u` escape (`unicode`) or an unknown escape. */
function badEscape(text: string, from: number, to: number, unicode: boolean): number | undefined {
  for (let i = from + 1; i < Math.min(to, text.length); i++) {
    if (text[i] !== '\\') continue;
    const next = text[i + 1];
    if (unicode ? next === 'u' && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : next === undefined || !'"\\/bfnrtu'.includes(next)) return i;
    i++;
  }
  return undefined;
}
