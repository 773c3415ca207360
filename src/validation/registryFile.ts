/**
 * Registry files (issue 18): a `.swf/types/*.json` file in the workspace
 * lists a domain's workflow and activity types with their defaults, so a team
 * keeps its registry in git. Applying one to a domain registers what is
 * missing and reports what differs; it never changes an existing type (SWF
 * types cannot be edited, only deprecated). The file's JSON Schema is
 * schemas/registry-file.schema.json (contributed through `jsonValidation`).
 *
 * This module only reads the file and computes the plan: `parseRegistryFile`
 * checks every entry with registryValidation.ts (all problems at once), and
 * `planRegistry` compares it with what the domain has. The command makes the
 * calls. No `vscode` import.
 *
 *   { "activityTypes": [ { "name": "Charge", "version": "2",
 *       "description": "…", "defaults": { "taskList": "work", "taskStartToCloseTimeout": "300" } } ],
 *     "workflowTypes": [ … ] }
 */
import { t } from '@vscode/l10n';
import type { RegisteredTypeDetails, TypeDefaults, TypeKind, TypeRegistration } from '../swf/registryGateway';
import { validateTypeRegistration } from './registryValidation';

export const REGISTRY_FILES_GLOB = '.swf/types/*.json';

/** The file's own keys, by kind. */
const LISTS: [key: string, kind: TypeKind][] = [
  ['workflowTypes', 'workflow'],
  ['activityTypes', 'activity'],
];
const TOP_KEYS = new Set(['$schema', 'domain', 'description', ...LISTS.map(([key]) => key)]);
const ENTRY_KEYS = new Set(['name', 'version', 'description', 'defaults']);

export interface RegistryFile {
  /** The domain the file says it is for, if it says (a hint: the person picks where to apply it). */
  domain?: string;
  types: TypeRegistration[];
}

export type ParsedRegistryFile = { ok: true; file: RegistryFile } | { ok: false; problems: string[] };

const where = (key: string, index: number) => `${key}[${index}]`;

/** Reads a registry file's text; every problem is listed, with where it is (`activityTypes[2]`). Nothing is applied from a file with any problem. */
export function parseRegistryFile(text: string): ParsedRegistryFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [t('The file is not JSON: {0}', error instanceof Error ? error.message : String(error))] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, problems: [t('The file must hold a JSON object with "workflowTypes" and/or "activityTypes".')] };
  const top = json as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(top)) if (!TOP_KEYS.has(key)) problems.push(t('"{0}" is not a key of a registry file (known: {1}).', key, [...TOP_KEYS].join(', ')));
  if (top.domain !== undefined && typeof top.domain !== 'string') problems.push(t('"domain" must be a string.'));
  const types: TypeRegistration[] = [];
  const seen = new Set<string>();
  for (const [key, kind] of LISTS) {
    const list = top[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push(t('"{0}" must be a list.', key));
      continue;
    }
    for (const [index, entry] of list.entries()) {
      const at = where(key, index);
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        problems.push(t('{0}: must be an object with "name" and "version".', at));
        continue;
      }
      const e = entry as Record<string, unknown>;
      const before = problems.length;
      for (const k of Object.keys(e)) if (!ENTRY_KEYS.has(k)) problems.push(t('{0}: "{1}" is not a key of a type (known: {2}).', at, k, [...ENTRY_KEYS].join(', ')));
      const strings = (value: unknown, name: string): string | undefined => {
        if (value === undefined) return undefined;
        if (typeof value === 'string') return value;
        // A number is a common slip for a version or a timeout: SWF takes them as strings, and so does the schema, so say how to write it.
        if (typeof value === 'number') problems.push(t('{0}: "{1}" must be a string: write "{2}".', at, name, String(value)));
        else problems.push(t('{0}: "{1}" must be a string.', at, name));
        return undefined;
      };
      const identity = { name: strings(e.name, 'name') ?? '', version: strings(e.version, 'version') ?? '', description: strings(e.description, 'description') };
      const defaults: Record<string, string> = {};
      if (e.defaults !== undefined) {
        if (typeof e.defaults !== 'object' || e.defaults === null || Array.isArray(e.defaults)) problems.push(t('{0}: "defaults" must be an object.', at));
        else {
          for (const [k, v] of Object.entries(e.defaults as Record<string, unknown>)) {
            const value = strings(v, `defaults.${k}`);
            if (value !== undefined) defaults[k] = value;
          }
        }
      }
      const fields = { kind, ...identity, defaults };
      // A value of the wrong JSON type is said once, not again as an empty field.
      if (problems.length > before) continue;
      const checked = validateTypeRegistration(fields);
      if (!checked.ok) {
        problems.push(...checked.problems.map((p) => `${at}: ${p}`));
        continue;
      }
      const id = `${kind}\u0000${checked.request.name}\u0000${checked.request.version}`;
      if (seen.has(id)) problems.push(t('{0}: {1} {2} is listed twice.', at, checked.request.name, checked.request.version));
      seen.add(id);
      types.push(checked.request);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, file: { ...(typeof top.domain === 'string' && { domain: top.domain }), types } };
}

/** One field where a registered type differs from the file. */
export interface FieldDifference {
  field: 'description' | keyof TypeDefaults;
  file?: string;
  registered?: string;
}

export interface RegistryPlan {
  /** In the file, not in the domain: to register. */
  missing: TypeRegistration[];
  /** In both, with differences (left as they are: a type cannot be changed; register a new version instead). */
  differing: { type: TypeRegistration; status: 'REGISTERED' | 'DEPRECATED'; differences: FieldDifference[] }[];
  /** In both and the same. */
  same: { type: TypeRegistration; status: 'REGISTERED' | 'DEPRECATED' }[];
}

const sameType = (a: { kind: TypeKind; name: string; version: string }, b: { kind: TypeKind; name: string; version: string }) => a.kind === b.kind && a.name === b.name && a.version === b.version;

/**
 * What applying the file would do: `registered` are the domain's types (any
 * status) with their defaults, as Describe*Type gives them, for the types the
 * file names. A field the file leaves out is not compared (the file says
 * nothing about it); a deprecated type counts as existing (SWF refuses to
 * register it again).
 */
export function planRegistry(file: RegistryFile, registered: readonly RegisteredTypeDetails[]): RegistryPlan {
  const plan: RegistryPlan = { missing: [], differing: [], same: [] };
  for (const type of file.types) {
    const existing = registered.find((r) => sameType(r, type));
    if (!existing) {
      plan.missing.push(type);
      continue;
    }
    const differences: FieldDifference[] = [];
    if (type.description !== undefined && type.description !== existing.description) differences.push({ field: 'description', file: type.description, registered: existing.description });
    for (const [field, value] of Object.entries(type.defaults) as [keyof TypeDefaults, string][]) {
      if (existing.defaults[field] !== value) differences.push({ field, file: value, registered: existing.defaults[field] });
    }
    if (differences.length) plan.differing.push({ type, status: existing.status, differences });
    else plan.same.push({ type, status: existing.status });
  }
  return plan;
}

/** The plan as lines for the log and the report: what is registered, what differs field by field, what is the same. */
export function planLines(plan: RegistryPlan): string[] {
  const name = (type: TypeRegistration) => `${type.kind === 'workflow' ? t('workflow type') : t('activity type')} ${type.name} ${type.version}`;
  const shown = (value: string | undefined) => (value === undefined ? t('(none)') : JSON.stringify(value));
  return [
    ...plan.missing.map((type) => t('register: {0}', name(type))),
    ...plan.differing.flatMap(({ type, status, differences }) => [
      status === 'DEPRECATED' ? t('differs (deprecated, left as it is): {0}', name(type)) : t('differs (left as it is): {0}', name(type)),
      ...differences.map((d) => t('  {0}: file {1}, registered {2}', d.field, shown(d.file), shown(d.registered))),
    ]),
    ...plan.same.map(({ type, status }) => (status === 'DEPRECATED' ? t('same (deprecated): {0}', name(type)) : t('same: {0}', name(type)))),
  ];
}
