/**
 * The JSON Schema validator, bundled apart as `dist/schemaValidator.js` and
 * loaded only when an activity type has a schema (src/swf/resultSchemas.ts
 * asks for it on first use), so activation never pays for Ajv.
 *
 * Ajv 8 with draft 2020-12 (the draft VS Code's JSON language service reads
 * best) and the standard formats (`date-time`, `email`, `uri`, `uuid`, ...),
 * so Submit agrees with the problems the editor shows. `strict: false`: a
 * schema written by hand may carry keywords Ajv does not know (`examples`,
 * editor hints); they are ignored, not fatal.
 *
 * No `vscode` import.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** One rule broken by a value: where (a JSON Pointer, `""` for the whole value) and what. */
export interface SchemaViolation {
  path: string;
  message: string;
}

export type CompiledSchema = (value: unknown) => SchemaViolation[];

/** Compiles `schema`; throws (with Ajv's message) when it is not a valid schema. */
export function compileSchema(schema: unknown): CompiledSchema {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema as object);
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => {
      // A missing property is best named by its own path: `/orderId`, not the object that lacks it.
      const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
      const path = missing === undefined ? error.instancePath : `${error.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return { path, message: missing === undefined ? (error.message ?? error.keyword) : 'is required' };
    });
  };
}
