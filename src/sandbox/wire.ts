/**
 * The JSON 1.0 wire format: how request bodies are read and checked, and how
 * responses are written. Timestamps travel as epoch seconds (numbers) both ways.
 */
import type { Limit } from '../common/limits';
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
 * which is how the service's Java front end counts them too. Each check
 * passes a missing value (`undefined`): pair it with `required` when the
 * member must be there.
 */
export class InputCheck {
  private readonly violations: string[] = [];

  required(field: string, value: unknown): this {
    if (value === undefined || value === null) this.violations.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    return this;
  }

  /**
   * Checks the length of a string (code units) or a list (elements). The value
   * itself is left out of the message, as it can be 32,768 characters long.
   */
  length(field: string, value: string | readonly unknown[] | undefined, limit: Limit): this {
    if (value === undefined) return this;
    if (value.length < limit.min) this.violations.push(`Value at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${limit.min}`);
    if (value.length > limit.max) this.violations.push(`Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${limit.max}`);
    return this;
  }

  /** Checks a number's value against its bounds. */
  range(field: string, value: number | undefined, limit: Limit): this {
    if (value === undefined) return this;
    if (value < limit.min) this.violations.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${limit.min}`);
    if (value > limit.max) this.violations.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${limit.max}`);
    return this;
  }

  /** Checks an enum member; the service lists the allowed values in model order. */
  oneOf(field: string, value: string | undefined, allowed: readonly string[]): this {
    if (value !== undefined && !allowed.includes(value)) {
      this.violations.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
    }
    return this;
  }

  /** Any other constraint: `constraint` completes "Member must ...". */
  satisfies(field: string, value: string | undefined, ok: boolean, constraint: string): this {
    if (value !== undefined && !ok) this.violations.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must ${constraint}`);
    return this;
  }

  throwIfInvalid(): void {
    const count = this.violations.length;
    if (count === 0) return;
    const noun = count === 1 ? 'validation error' : 'validation errors';
    throw new SwfError('ValidationException', `${count} ${noun} detected: ${this.violations.join('; ')}`);
  }
}
