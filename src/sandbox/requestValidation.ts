/**
 * Checks a parsed request body against its shape (requestShapes.ts) in the two
 * steps of the service's front end (Coral), so clients see the same errors:
 *
 * 1. Deserialization reads the body in document order and stops at the first
 *    value of the wrong JSON type: SerializationException, whose message names
 *    the JSON token and the Java type it could not become.
 * 2. Validation then checks every constraint (required, enum, length, range,
 *    durations, timestamps) and reports all violations at once:
 *    "2 validation errors detected: ...; ...".
 *
 * It returns the request as the operation should see it: only the members the
 * model declares (the service ignores others, so handlers must not act on
 * them), `null` read as absent, and timestamps as epoch seconds.
 */
import { SWF_DURATION_PATTERN, SWF_FIELD_LIMITS } from '../common/limits';
import { SwfError } from './errors';
import type { Member, MemberShape, StructureShape } from './requestShapes';
import { InputCheck } from './wire';

type Json = Record<string, unknown>;

/** How Coral names a JSON token it could not convert. */
function tokenName(value: unknown): string {
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'number') return 'NUMBER_VALUE';
  return value === true ? 'TRUE_VALUE' : 'FALSE_VALUE';
}

const serialization = (message: string): SwfError => new SwfError('SerializationException', message);

/** The Java type each scalar shape deserializes into, for the messages. */
const JAVA_TYPES = { string: 'a String', integer: 'an Integer', boolean: 'a Boolean', timestamp: 'a Date' } as const;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value where a scalar belongs: a list or structure start, or a scalar token of the wrong kind. */
function wrongScalar(value: unknown, shape: MemberShape & { type: keyof typeof JAVA_TYPES }): SwfError {
  if (Array.isArray(value)) return serialization('Start of list found where not expected');
  if (isObject(value)) return serialization('Start of structure or map found where not expected.');
  return serialization(`${tokenName(value)} can not be converted to ${JAVA_TYPES[shape.type]}`);
}

/** Step 1 for one value; `undefined` means absent (JSON null counts as absent, as in Coral). */
function read(shape: MemberShape, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') throw wrongScalar(value, shape);
      return value;
    case 'integer':
      // A fraction cannot become an Integer either.
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongScalar(value, shape);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongScalar(value, shape);
      return value;
    case 'timestamp':
      // A string is read as text and parsed in step 2, where a bad one is a ValidationException.
      if (typeof value !== 'number' && typeof value !== 'string') throw wrongScalar(value, shape);
      return value;
    case 'structure':
      if (Array.isArray(value)) throw serialization('Start of list found where not expected');
      if (!isObject(value)) throw serialization('Expected null');
      return readStructure(shape, value);
    case 'list':
      if (isObject(value)) throw serialization('Start of structure or map found where not expected.');
      if (!Array.isArray(value)) throw serialization('Expected list or null');
      // A null element stays null so that step 2 can name it.
      return value.map((element: unknown) => (element === null ? null : read(shape.member, element)));
  }
}

/** Keeps the modelled members only, in the body's order (the order a streaming reader meets them). */
function readStructure(shape: StructureShape, body: Json): Json {
  const request: Json = {};
  for (const [name, value] of Object.entries(body)) {
    const member = Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
    if (!member) continue;
    const parsed = read(member, value);
    if (parsed !== undefined) request[name] = parsed;
  }
  return request;
}

/** Epoch seconds from a timestamp sent as text: a number in a string, or an ISO 8601 date-time. */
function parseTimestamp(text: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** Step 2 for one present value; returns it as the operation should see it (timestamps as numbers). */
function checkValue(check: InputCheck, shape: MemberShape, value: unknown, path: string): unknown {
  switch (shape.type) {
    case 'string': {
      const text = value as string;
      if (shape.limit) check.length(path, text, SWF_FIELD_LIMITS[shape.limit]);
      if (shape.values) check.oneOf(path, text, shape.values);
      // Empty is only a length question (optional timeouts may be empty: the type's default applies).
      if (shape.duration && text !== '') check.satisfies(path, text, SWF_DURATION_PATTERN.test(text), 'be NONE or a whole number');
      return text;
    }
    case 'integer':
      if (shape.limit) check.range(path, value as number, SWF_FIELD_LIMITS[shape.limit]);
      return value;
    case 'boolean':
      return value;
    case 'timestamp': {
      if (typeof value === 'number') return value;
      const seconds = parseTimestamp(value as string);
      check.satisfies(path, value as string, seconds !== undefined, 'be a timestamp: epoch seconds or ISO 8601');
      return seconds ?? value;
    }
    case 'structure':
      checkStructure(check, shape, value as Json, path);
      return value;
    case 'list': {
      const elements = value as unknown[];
      if (shape.limit) check.length(path, elements, SWF_FIELD_LIMITS[shape.limit]);
      elements.forEach((element, index) => {
        const at = `${path}.${index + 1}.member`;
        check.required(at, element);
        if (element !== null) elements[index] = checkValue(check, shape.member, element, at);
      });
      return elements;
    }
  }
}

/** Step 2 for a structure, member by member in model order. */
function checkStructure(check: InputCheck, shape: StructureShape, request: Json, path: string): void {
  for (const [name, member] of Object.entries(shape.members) as [string, Member][]) {
    const at = path === '' ? name : `${path}.${name}`;
    const value = request[name];
    if (member.required) check.required(at, value);
    if (value !== undefined) request[name] = checkValue(check, member, value, at);
  }
}

/**
 * Reads and validates one request body; throws SerializationException or
 * ValidationException like the service, else returns the request to run.
 */
export function validateRequest(shape: StructureShape, body: Json): Json {
  const request = readStructure(shape, body);
  const check = new InputCheck();
  checkStructure(check, shape, request, '');
  check.throwIfInvalid();
  return request;
}
