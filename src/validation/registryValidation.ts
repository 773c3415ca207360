/**
 * Checks of what a person types (or a `.swf/types/*.json` file says) for the
 * registry calls, against SWF's rules, before any call: a name SWF would
 * refuse is never sent. Each field check returns a message (for an input
 * box's validateInput) or the value to send; the request checks list every
 * problem at once.
 *
 * Rules (API model and reference): names (domain, type, task list) 1..256
 * and versions 1..64 characters with no surrounding whitespace, control
 * characters, `:`, `/`, `|`, and not the literal `arn` (swfNameProblem);
 * retention 0..90 days as digits; durations whole seconds (at most 8 digits)
 * or NONE; task priority an integer string within Java's int; descriptions
 * at most 1,024; tag keys 1..128, values at most 256.
 *
 * No `vscode` import.
 */
import { t } from '@vscode/l10n';
import { SWF_FIELD_LIMITS } from '../common/limits';
import type { DomainRegistration, DomainTag, TypeDefaults, TypeKind, TypeRegistration } from '../swf/registryGateway';
import { CHILD_POLICIES, type ChildPolicy, swfNameProblem } from './validation';

export type FieldCheck<T = string> = { ok: true; value: T | undefined } | { ok: false; message: string };

export type RegistryValidation<R> = { ok: true; request: R } | { ok: false; problems: string[] };

export const MAX_RETENTION_DAYS = 90;
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;
const DURATION = /^(NONE|\d{1,8})$/;

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** A required name (domain, type name, task list) or version, trimmed: why SWF would refuse it, with the field's label. */
export function checkName(label: string, raw: string | undefined, kind: 'name' | 'version' = 'name'): FieldCheck {
  const name = (raw ?? '').trim();
  const why = swfNameProblem(name, kind);
  return why === undefined ? { ok: true, value: name } : fail(t('{0} {1}.', label, why));
}

/** An optional name: empty leaves it out (the type's default, or none). */
export function checkOptionalName(label: string, raw: string | undefined): FieldCheck {
  return (raw ?? '').trim() === '' ? { ok: true, value: undefined } : checkName(label, raw);
}

/** Days of execution history kept after a run closes: digits, 0..90. */
export function checkRetention(raw: string | undefined): FieldCheck {
  const days = (raw ?? '').trim();
  if (!/^\d{1,8}$/.test(days)) return fail(t('Retention "{0}" is not a number of days: type whole days from 0 to {1}.', days.slice(0, 20), MAX_RETENTION_DAYS));
  if (Number(days) > MAX_RETENTION_DAYS) return fail(t('Retention {0} days is too long: SWF keeps history at most {1} days.', days, MAX_RETENTION_DAYS));
  return { ok: true, value: String(Number(days)) };
}

/** A default timeout: empty leaves it out; else whole seconds (at most 8 digits) or NONE. */
export function checkDuration(label: string, raw: string | undefined): FieldCheck {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, value: undefined };
  const value = text.toUpperCase() === 'NONE' ? 'NONE' : text;
  return DURATION.test(value) ? { ok: true, value } : fail(t('{0} "{1}" is not a duration: type whole seconds (at most 8 digits) or NONE.', label, text.slice(0, 20)));
}

/** A task priority: empty leaves it out; else an integer from -2147483648 to 2147483647 (higher runs first). */
export function checkPriority(raw: string | undefined): FieldCheck {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, value: undefined };
  if (!/^[+-]?\d{1,10}$/.test(text) || Number(text) < INT_MIN || Number(text) > INT_MAX) {
    return fail(t('Task priority "{0}" is not an integer from {1} to {2}.', text.slice(0, 20), INT_MIN, INT_MAX));
  }
  return { ok: true, value: String(Number(text)) };
}

/** An optional description, sent as typed (at most 1,024 characters); empty leaves it out. */
export function checkDescription(raw: string | undefined): FieldCheck {
  const text = raw ?? '';
  if (text.trim() === '') return { ok: true, value: undefined };
  const max = SWF_FIELD_LIMITS.Description.max;
  return text.length > max ? fail(t('Description is too long: {0} characters, SWF allows at most {1}.', text.length, max)) : { ok: true, value: text };
}

export function checkChildPolicy(raw: string | undefined): FieldCheck {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, value: undefined };
  return CHILD_POLICIES.includes(text as ChildPolicy) ? { ok: true, value: text } : fail(t('Child policy "{0}" is not one of {1}.', text.slice(0, 20), CHILD_POLICIES.join(', ')));
}

/** A domain tag key (1..128) or value (0..256). */
export function checkTagKey(raw: string | undefined): FieldCheck {
  const key = (raw ?? '').trim();
  const max = SWF_FIELD_LIMITS.ResourceTagKey.max;
  if (key === '') return fail(t('Tag key is empty.'));
  return key.length > max ? fail(t('Tag key is too long: {0} characters, SWF allows at most {1}.', key.length, max)) : { ok: true, value: key };
}

export function checkTagValue(raw: string | undefined): FieldCheck {
  const value = raw ?? '';
  const max = SWF_FIELD_LIMITS.ResourceTagValue.max;
  return value.length > max ? fail(t('Tag value is too long: {0} characters, SWF allows at most {1}.', value.length, max)) : { ok: true, value };
}

/** The fields of a type registration as typed (or read from a registry file): strings, empty for "no default". */
export interface TypeFields {
  kind: TypeKind;
  name: string;
  version: string;
  description?: string;
  defaults?: { [K in keyof TypeDefaults]?: string };
}

/** Which defaults each kind of type has, with their labels (a function: texts are translated when used). */
export function defaultFields(kind: TypeKind): { key: keyof TypeDefaults; label: string; check: 'name' | 'duration' | 'priority' | 'childPolicy' | 'text' }[] {
  const common = [
    { key: 'taskList', label: t('Default task list'), check: 'name' },
    { key: 'taskPriority', label: t('Default task priority'), check: 'priority' },
    { key: 'taskStartToCloseTimeout', label: t('Default start-to-close timeout'), check: 'duration' },
  ] as const;
  return kind === 'activity'
    ? [
        ...common,
        { key: 'taskScheduleToStartTimeout', label: t('Default schedule-to-start timeout'), check: 'duration' },
        { key: 'taskScheduleToCloseTimeout', label: t('Default schedule-to-close timeout'), check: 'duration' },
        { key: 'taskHeartbeatTimeout', label: t('Default heartbeat timeout'), check: 'duration' },
      ]
    : [
        ...common,
        { key: 'executionStartToCloseTimeout', label: t('Default execution start-to-close timeout'), check: 'duration' },
        { key: 'childPolicy', label: t('Default child policy'), check: 'childPolicy' },
        { key: 'lambdaRole', label: t('Default Lambda role'), check: 'text' },
      ];
}

/** Checks one default by its kind of check. */
export function checkDefault(field: ReturnType<typeof defaultFields>[number], raw: string | undefined): FieldCheck {
  switch (field.check) {
    case 'name':
      return checkOptionalName(field.label, raw);
    case 'duration':
      return checkDuration(field.label, raw);
    case 'priority':
      return checkPriority(raw);
    case 'childPolicy':
      return checkChildPolicy(raw);
    case 'text': {
      const text = (raw ?? '').trim();
      if (text === '') return { ok: true, value: undefined };
      return text.length > SWF_FIELD_LIMITS.Arn.max ? fail(t('{0} is too long: at most {1} characters.', field.label, SWF_FIELD_LIMITS.Arn.max)) : { ok: true, value: text };
    }
  }
}

/** Checks a whole type registration; every problem is listed. */
export function validateTypeRegistration(fields: TypeFields): RegistryValidation<TypeRegistration> {
  const problems: string[] = [];
  const take = (check: FieldCheck): string | undefined => {
    if (!check.ok) problems.push(check.message);
    return check.ok ? check.value : undefined;
  };
  const typeLabel = fields.kind === 'activity' ? t('Activity type') : t('Workflow type');
  const name = take(checkName(t('{0} name', typeLabel), fields.name));
  const version = take(checkName(t('{0} version', typeLabel), fields.version, 'version'));
  const description = take(checkDescription(fields.description));
  const known = defaultFields(fields.kind);
  for (const key of Object.keys(fields.defaults ?? {})) {
    if (!known.some((field) => field.key === key)) problems.push(t('"{0}" is not a default of {1}s.', key, typeLabel.toLowerCase()));
  }
  const defaults: TypeDefaults = {};
  for (const field of known) {
    const value = take(checkDefault(field, fields.defaults?.[field.key]));
    if (value !== undefined) defaults[field.key] = value;
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, request: { kind: fields.kind, name: name ?? '', version: version ?? '', ...(description !== undefined && { description }), defaults } };
}

/** Checks a domain registration. */
export function validateDomainRegistration(fields: { name: string; retentionDays: string; description?: string; tags?: DomainTag[] }): RegistryValidation<DomainRegistration> {
  const checks = { name: checkName(t('Domain name'), fields.name), retentionDays: checkRetention(fields.retentionDays), description: checkDescription(fields.description) };
  const problems = Object.values(checks).flatMap((check) => (check.ok ? [] : [check.message]));
  for (const tag of fields.tags ?? []) {
    for (const check of [checkTagKey(tag.key), checkTagValue(tag.value)]) if (!check.ok) problems.push(check.message);
  }
  if (problems.length > 0) return { ok: false, problems };
  const value = (check: FieldCheck): string | undefined => (check.ok ? check.value : undefined);
  const description = value(checks.description);
  return {
    ok: true,
    request: { name: value(checks.name) ?? '', retentionDays: value(checks.retentionDays) ?? '', ...(description !== undefined && { description }), ...(fields.tags?.length && { tags: fields.tags }) },
  };
}
