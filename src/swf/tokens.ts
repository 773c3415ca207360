/**
 * Task tokens are bearer credentials: whoever holds one can complete, fail or
 * cancel the task. They must never reach logs, notifications or error
 * messages whole; these helpers give the short label people see instead.
 */

/** Characters of a real (long) token that a label shows: enough to tell tokens apart. */
const LABEL_TAIL = 6;

/** Below this length the 6-character tail would give away too much of the token. */
const LONG_TOKEN_LENGTH = 12;

/** A short token shows at most this many characters, and never more than a quarter of it. */
const SHORT_LABEL_TAIL = 2;

/**
 * Runs of base64 or base64url characters at least this long are taken for
 * tokens even when the caller did not name them: SWF task tokens are several
 * hundred characters, while ordinary words and ids are far shorter.
 */
const TOKEN_LIKE_RUN = /[A-Za-z0-9+/_-]{100,}={0,2}/g;

/**
 * A short, non-reversible label for a token: `…` and its last characters
 * (`…Xy12Ab`). The whole token is never returned, whatever its length.
 */
export function shortToken(token: string): string {
  // Code points, not UTF-16 units, so a label never ends in half of a surrogate pair.
  const chars = Array.from(token);
  const tail = chars.length >= LONG_TOKEN_LENGTH ? LABEL_TAIL : Math.min(SHORT_LABEL_TAIL, Math.floor(chars.length / 4));
  return `…${chars.slice(chars.length - tail).join('')}`;
}

/**
 * Replaces every occurrence of the given tokens, and any token-like run of
 * 100 or more base64 characters, with its short label.
 */
export function redactTokens(text: string, tokens: readonly string[] = []): string {
  // Longest first, so a token that contains another is replaced whole.
  const known = tokens.filter((token) => token.length > 0).sort((a, b) => b.length - a.length);
  const withoutKnown = known.reduce((result, token) => result.split(token).join(shortToken(token)), text);
  return withoutKnown.replace(TOKEN_LIKE_RUN, shortToken);
}
