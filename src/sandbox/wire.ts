/**
 * The JSON 1.0 wire format: how request bodies are read and checked, and how
 * responses are written. Timestamps travel as epoch seconds (numbers) both ways.
 */
import { SwfError } from './errors';

/** An SDK shape as it travels on the wire: every `Date` is epoch seconds. */
export type Wire<T> = T extends Date
  ? number
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** Serializes a response, writing every `Date` as epoch seconds like the real service. */
export function toWireJson(body: unknown): string {
  return JSON.stringify(body, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  });
}

/**
 * Collects constraint violations of one request and throws them as one
 * ValidationException, worded like the real service ("2 validation errors
 * detected: ...; ..."). Lengths are JS string lengths (UTF-16 code units),
 * which is how the service's Java front end counts them too.
 */
export class InputCheck {
  private readonly violations: string[] = [];

  required(field: string, value: unknown): this {
    if (value === undefined || value === null) this.violations.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    return this;
  }

  /** Checks an optional string's length; `undefined` passes (pair with `required` when it must be there). */
  length(field: string, value: string | undefined, min: number, max: number): this {
    if (value === undefined) return this;
    if (value.length < min) this.violations.push(`Value at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
    if (value.length > max) this.violations.push(`Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
    return this;
  }

  throwIfInvalid(): void {
    const count = this.violations.length;
    if (count === 0) return;
    const noun = count === 1 ? 'validation error' : 'validation errors';
    throw new SwfError('ValidationException', `${count} ${noun} detected: ${this.violations.join('; ')}`);
  }
}

/** Field limits of the SWF API model that the sandbox enforces. */
export const LIMITS = {
  name: 256,
  taskToken: 1024,
  identity: 256,
  result: 32768,
  details: 32768,
  reason: 256,
  heartbeatDetails: 2048,
  input: 32768,
  control: 32768,
  id: 256,
} as const;
