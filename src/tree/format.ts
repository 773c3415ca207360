/** Small text helpers for tree rows and tooltips. No `vscode` import. */

/** "just now", "42s", "5m", "3h 4m", "2d 5h": short enough for a row's description. */
export function formatAge(from: Date | undefined, now: Date = new Date()): string {
  if (!from) return '';
  const seconds = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

/** "just now" or "5m ago". */
export function formatAgo(from: Date | undefined, now: Date = new Date()): string {
  const age = formatAge(from, now);
  return age === '' || age === 'just now' ? age : `${age} ago`;
}

/** SWF timeouts are strings of seconds, or "NONE". */
export function formatTimeout(value: string | undefined): string {
  if (value === undefined || value === '') return 'type default';
  if (value === 'NONE') return 'none';
  const seconds = Number(value);
  if (!Number.isFinite(seconds)) return value;
  return seconds >= 60 ? `${value} s (${formatAge(new Date(0), new Date(seconds * 1000))})` : `${value} s`;
}

/** Cuts long text for a tooltip, saying how much was left out. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters in all)`;
}

/** Pretty-prints JSON input so a tooltip can show it as JSON; other text as it is. */
export function prettyInput(input: string): { text: string; language: 'json' | 'text' } {
  try {
    return { text: JSON.stringify(JSON.parse(input), null, 2), language: 'json' };
  } catch {
    return { text: input, language: 'text' };
  }
}
