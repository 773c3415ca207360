/**
 * SWF durations (timeouts) as the API writes them: whole seconds as a
 * string, or "NONE" for never. One parser for the extension and the sandbox.
 * No imports: the lowest layer.
 */

/** Seconds, or `undefined` for "NONE", empty (the type's default) or anything unparsable. */
export function parseTimeoutSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value === '' || value === 'NONE') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
