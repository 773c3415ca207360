/**
 * Runs a scripted scenario and records each step's answer in a comparable
 * form: ids, tokens and timestamps replaced by placeholders, errors by name.
 */
import type { SWFClient } from '@aws-sdk/client-swf';

export type Transcript = Map<string, unknown>;

/** Keys whose values differ by nature between two services (generated ids). */
const OPAQUE_KEYS = new Set(['runId', 'taskToken', 'nextPageToken']);

export function normalize(value: unknown, key = ''): unknown {
  if (value instanceof Date) return '<date>';
  if (OPAQUE_KEYS.has(key) && typeof value === 'string') return value === '' ? '' : `<${key}>`;
  if (Array.isArray(value)) return value.map((item) => normalize(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([name, item]) => name !== '$metadata' && item !== undefined)
        .map(([name, item]) => [name, normalize(item, name)]),
    );
  }
  return value;
}

export class Recorder {
  readonly transcript: Transcript = new Map();

  constructor(readonly client: SWFClient) {}

  /** Runs one step; returns the raw answer (undefined if it failed) and records the normalized one. */
  async step<T>(name: string, call: Promise<T>): Promise<T | undefined> {
    try {
      const answer = await call;
      this.transcript.set(name, normalize(answer));
      return answer;
    } catch (error) {
      const { name: errorName, $metadata } = error as { name: string; $metadata?: { httpStatusCode?: number } };
      this.transcript.set(name, { error: errorName, status: $metadata?.httpStatusCode });
      return undefined;
    }
  }
}
