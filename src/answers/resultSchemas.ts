/**
 * Schemas of what a person sends: a JSON Schema per type and version, found
 * by convention in the workspace (`.swf/schemas/<type>@<version>.result.json`
 * for an activity type's result, `<type>@<version>.failure.json` for the
 * details of Fail Task, `<workflow type>@<version>.input.json` for the input
 * of Start Workflow Execution), so a team shares them through git. A schema
 * turns "a text the decider can parse" from a hope into a check made before
 * anything is sent. One lookup serves every kind: only the file name differs.
 *
 * The validator (Ajv) is bundled apart and loaded only when a schema is
 * found: `loadCompiler` is called at most once, on first use.
 *
 * No `vscode` import: the files are read through `SchemaFiles`, given by the
 * caller (the workspace in the extension, a folder in the tests).
 */
import { t } from '@vscode/l10n';
import type { CompiledSchema, SchemaViolation } from '../schemaValidator';
import { typeFileProblem } from './fileNames';
import { locateJsonError } from './jsonErrors';

/** `result` and `failure` belong to activity types, `input` to workflow types (the suffixes keep the two apart). */
export type SchemaKind = 'result' | 'failure' | 'input';

/** An activity type, or a workflow type for `input` (both are a name and a version). */
export interface ActivityTypeRef {
  name: string;
  version: string;
}

/** The default folder, relative to a workspace folder (the `swfTasks.schemasFolder` setting). */
export const DEFAULT_SCHEMAS_FOLDER = '.swf/schemas';

/**
 * `ChargeCard@2.result.json`; `@` separates name and version because it
 * reads as "at version". A peer's type name may be anything (a local one
 * registers `../x`): check it with `typeFileProblem` (src/answers/fileNames)
 * before it names a file.
 */
export function schemaFileName(type: ActivityTypeRef, kind: SchemaKind): string {
  return `${type.name}@${type.version}.${kind}.json`;
}

/** Reads a file of the schemas folder by name; `undefined` when there is none. */
export interface SchemaFiles {
  read(fileName: string): Promise<{ location: string; text: string } | undefined>;
}

/** Turns a schema into a checker; throws when the schema is not valid. */
export type SchemaCompiler = (schema: unknown) => CompiledSchema;

/** A schema found for a field: its file, and a synchronous check of typed text (an input box validates on every keystroke). */
export interface SchemaCheck {
  /** Where the schema is (a URI string in the extension). */
  location: string;
  fileName: string;
  /** The parsed schema, for the editor's JSON language service. */
  schema: unknown;
  /** `undefined` when `text` satisfies the schema, else why not (naming the JSON path and the rule). */
  check(text: string): string | undefined;
}

/** What a lookup found: a check, nothing, or a schema file that cannot be used (and why). */
export type SchemaLookup = { kind: 'none' } | { kind: 'found'; check: SchemaCheck } | { kind: 'broken'; fileName: string; location: string; message: string };

export class ResultSchemas {
  private compiler: Promise<SchemaCompiler> | undefined;
  /** Compiled schemas by location, kept while the file's text is unchanged. */
  private readonly compiled = new Map<string, { text: string; validate: CompiledSchema; schema: unknown }>();

  constructor(
    private readonly files: SchemaFiles,
    private readonly loadCompiler: () => Promise<SchemaCompiler>,
  ) {}

  /** Reads the schema of `type` for `kind` (again each time: it may have been edited) and compiles it if it changed. */
  async lookup(type: ActivityTypeRef, kind: SchemaKind): Promise<SchemaLookup> {
    // A type SWF would not allow has no schema file: its name is never made into a path.
    if (typeFileProblem(type, 'schema') !== undefined) return { kind: 'none' };
    const fileName = schemaFileName(type, kind);
    const file = await this.files.read(fileName);
    if (!file) return { kind: 'none' };
    const broken = (message: string): SchemaLookup => ({ kind: 'broken', fileName, location: file.location, message });
    let entry = this.compiled.get(file.location);
    if (!entry || entry.text !== file.text) {
      const parsed = parseJson(file.text);
      if (!parsed.ok) return broken(t('{0} is not JSON: {1}', fileName, parsed.message));
      let validate: CompiledSchema;
      try {
        this.compiler ??= this.loadCompiler();
        validate = (await this.compiler)(parsed.value);
      } catch (error) {
        return broken(t('{0} is not a valid JSON Schema: {1}', fileName, error instanceof Error ? error.message : String(error)));
      }
      entry = { text: file.text, validate, schema: parsed.value };
      this.compiled.set(file.location, entry);
    }
    const { validate, schema } = entry;
    return { kind: 'found', check: { location: file.location, fileName, schema, check: (text) => checkAgainst(validate, fileName, text) } };
  }
}

/** How many broken rules a message lists before "and N more". */
const MAX_LISTED = 3;

/** Checks typed text against a compiled schema: it must be JSON, and the value must satisfy every rule. */
export function checkAgainst(validate: CompiledSchema, fileName: string, text: string): string | undefined {
  if (text.trim() === '') return t('The schema {0} expects JSON here: the text is empty.', fileName);
  const parsed = parseJson(text);
  if (!parsed.ok) return t('Not JSON ({0} expects JSON): {1}', fileName, parsed.message);
  const violations = validate(parsed.value);
  if (violations.length === 0) return undefined;
  return t('Does not match {0}: {1}', fileName, describeViolations(violations));
}

/**
 * '"/amount": must be number; "/orderId": is required; and 2 more'. Plain
 * text, paths in double quotes: it is shown in input boxes, notifications and
 * diagnostics, none of which render markdown.
 */
export function describeViolations(violations: readonly SchemaViolation[]): string {
  const listed = violations.slice(0, MAX_LISTED).map((v) => `"${v.path === '' ? '/' : v.path}": ${v.message}`);
  const more = violations.length - listed.length;
  return more > 0 ? t('{0}; and {1} more', listed.join('; '), more) : listed.join('; ');
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

/**
 * `JSON.parse`, saying where text that is not JSON breaks: line and column
 * (1-based, counted in characters as an editor counts them).
 */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = locateJsonError(text) ?? { offset: text.length, reason: error instanceof Error ? error.message : String(error) };
    const { line, column } = lineAndColumn(text, found.offset);
    return { ok: false, line, column, message: t('line {0}, column {1}: {2}', line, column, found.reason) };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
