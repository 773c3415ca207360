/**
 * A one-line JSON skeleton of a schema (`{"chargeId": "", "approved": false}`),
 * shown as the placeholder of an answer box whose field has a schema: the text
 * must be JSON of that shape, so the hint shows the shape, not prose.
 *
 * Reads only what a hint needs (`const`, `default`, `examples`, `enum`,
 * `type`, `properties`, `items`, the first of `anyOf`/`oneOf`); anything else
 * (a `$ref`, no type at all) gives no skeleton, and the caller keeps its own
 * placeholder. The schema is the workspace's file, untrusted: depth and
 * length are bounded. No `vscode` import.
 */

/** Deeper values are shown as `{}` / `[]`. */
const MAX_DEPTH = 3;
/** An input box shows one line: longer skeletons are not a hint any more. */
const MAX_LENGTH = 200;

/** The skeleton of `schema`, or `undefined` when it says too little about its shape. */
export function jsonSkeleton(schema: unknown): string | undefined {
  const value = sample(schema, 0);
  if (value === undefined) return undefined;
  const text = render(value);
  return text.length > MAX_LENGTH ? undefined : text;
}

type Sample = null | boolean | number | string | Sample[] | { [key: string]: Sample };

function sample(schema: unknown, depth: number): Sample | undefined {
  if (!isObject(schema)) return undefined;
  if ('const' in schema) return asSample(schema.const);
  if ('default' in schema) return asSample(schema.default);
  if (Array.isArray(schema.examples) && schema.examples.length) return asSample(schema.examples[0]);
  if (Array.isArray(schema.enum) && schema.enum.length) return asSample(schema.enum[0]);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length) return sample(options[0], depth);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') ?? schema.type[0] : schema.type;
  const kind = type ?? (isObject(schema.properties) ? 'object' : undefined);
  switch (kind) {
    case 'object': {
      if (depth >= MAX_DEPTH || !isObject(schema.properties)) return {};
      const result: Record<string, Sample> = {};
      for (const [name, property] of Object.entries(schema.properties)) result[name] = sample(property, depth + 1) ?? null;
      return result;
    }
    case 'array': {
      const item = depth >= MAX_DEPTH ? undefined : sample(schema.items, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

/** A value the schema gives (const, default, example) is used when it is plain JSON, else nothing. */
function asSample(value: unknown): Sample | undefined {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : (JSON.parse(text) as Sample);
  } catch {
    return undefined;
  }
}

/** JSON with a space after `:` and `,`, as a person types it on one line. */
function render(value: Sample): string {
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${render(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
