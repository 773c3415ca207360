/** Small text helpers for tree rows and tooltips. No `vscode` import. */
import { t } from '@vscode/l10n';
import { parseTimeoutSeconds } from '../common/durations';

/** "just now", "42s", "5m", "3h 4m", "2d 5h": short enough for a row's description. */
export function formatAge(from: Date | undefined, now: Date = new Date()): string {
  if (!from) return '';
  const seconds = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 1000));
  if (seconds < 5) return t('just now');
  if (seconds < 60) return t('{0}s', seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('{0}m', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? t('{0}h {1}m', hours, minutes % 60) : t('{0}h', hours);
  const days = Math.floor(hours / 24);
  return hours % 24 ? t('{0}d {1}h', days, hours % 24) : t('{0}d', days);
}

/** "just now" or "5m ago". */
export function formatAgo(from: Date | undefined, now: Date = new Date()): string {
  const age = formatAge(from, now);
  return age === '' || age === t('just now') ? age : t('{0} ago', age);
}

/** SWF timeouts are strings of seconds, or "NONE". */
export function formatTimeout(value: string | undefined): string {
  if (value === undefined || value === '') return t('type default');
  if (value === 'NONE') return t('none');
  const seconds = parseTimeoutSeconds(value);
  if (seconds === undefined) return value;
  return seconds >= 60 ? t('{0} s ({1})', value, formatAge(new Date(0), new Date(seconds * 1000))) : t('{0} s', value);
}

/** Cuts long text for a tooltip, saying how much was left out. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : t('{0}… ({1} characters in all)', text.slice(0, max), text.length.toLocaleString('en-US'));
}

/** Pretty-prints JSON input so a tooltip can show it as JSON; other text as it is. */
export function prettyInput(input: string): { text: string; language: 'json' | 'text' } {
  try {
    return { text: JSON.stringify(JSON.parse(input), null, 2), language: 'json' };
  } catch {
    return { text: input, language: 'text' };
  }
}

/** A span of time, rounded down: "42s", "4m", "1h 5m", "2d 3h". */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t('{0}s', seconds);
  return formatAge(new Date(0), new Date(seconds * 1000));
}

/** Time left before a deadline, for a row's description: "4m left", "42s left", "overdue". */
export function formatTimeLeft(msLeft: number): string {
  return msLeft <= 0 ? t('overdue') : t('{0} left', formatSpan(msLeft));
}

/** Made at the first use, not at load: building a DateTimeFormat costs activation about 15 ms (ICU data). */
let localTime: Intl.DateTimeFormat | undefined;

/** A moment in the person's own time zone, named: "Dec 2, 2026, 2:05:10 PM UTC". */
export function formatLocalTime(at: Date | undefined): string | undefined {
  if (!at) return undefined;
  localTime ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
  return localTime.format(at);
}
