/**
 * A starting schema inferred from one example value (a result someone sent,
 * or the task's input): each object's properties with their types, all
 * required; arrays by their items. Meant to be edited: it says what one
 * example looked like, not what the decider needs.
 *
 * No `vscode` import.
 */
import type { ActivityTypeRef, SchemaKind } from './resultSchemas';

type Schema = Record<string, unknown>;

/**
 * The file's whole content: a title, then the inferred shape. No `$schema`:
 * the validator reads draft 2020-12 when none is given, and VS Code's JSON
 * language service has no copy of the 2020-12 meta-schema, so naming it made
 * a new file warn, offline, that it could not be loaded. The manifest maps
 * `.swf/schemas/*.json` to the draft-07 meta-schema it carries (editing help).
 */
export function inferSchemaDocument(example: unknown, type: ActivityTypeRef, kind: SchemaKind): Schema {
  return {
    title: `${type.name} ${type.version} ${kind}`,
    ...inferSchema(example),
  };
}

export function inferSchema(value: unknown): Schema {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) {
    if (value.length === 0) return { type: 'array' };
    // Items of one example array may differ in shape: the union of their schemas, once each.
    const seen = new Map<string, Schema>();
    for (const item of value) {
      const schema = inferSchema(item);
      seen.set(JSON.stringify(schema), schema);
    }
    const items = [...seen.values()];
    return { type: 'array', items: items.length === 1 ? items[0] : { anyOf: items } };
  }
  switch (typeof value) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const entries = Object.entries(value as Record<string, unknown>);
      return {
        type: 'object',
        properties: Object.fromEntries(entries.map(([key, item]) => [key, inferSchema(item)])),
        required: entries.map(([key]) => key),
      };
    }
    default:
      return {};
  }
}
