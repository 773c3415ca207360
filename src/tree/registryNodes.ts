/**
 * The registry's nodes in the Executions view (issue 18) as plain data, and
 * their text (labels, descriptions, icon names, context values, tooltip
 * lines), built by pure functions so they are unit-tested without VS Code.
 * Under each root: a "Types" node, under it "Workflow types" and "Activity
 * types", each listing its registered types, then its deprecated ones.
 *
 * Everything shown comes from a peer (SWF, or whoever answers at the
 * endpoint): it is returned as text lines for MarkdownString.appendText,
 * never as markup.
 * No vscode import.
 */
import { t } from '@vscode/l10n';
import type { RootSpec } from '../connection/connection';
import type { DomainDetails, RegisteredTypeSummary, TypeDefaults, TypeKind } from '../swf/registryGateway';
import { formatLocalTime } from './format';

/** "Types" under a root. */
export interface TypesNode {
  kind: 'types';
  rootId: string;
  root: RootSpec;
}

/** "Workflow types" or "Activity types" under Types. */
export interface TypeKindNode {
  kind: 'typeKind';
  rootId: string;
  root: RootSpec;
  typeKind: TypeKind;
}

/** One registered (or deprecated) type: what the registry commands act on. */
export interface RegisteredTypeNode {
  kind: 'registeredType';
  rootId: string;
  root: RootSpec;
  type: RegisteredTypeSummary;
}

/** In place of a kind's types: still loading, none, or why the list failed. */
export interface RegistryMessageNode {
  kind: 'registryMessage';
  rootId: string;
  root: RootSpec;
  typeKind: TypeKind;
  severity: 'loading' | 'empty' | 'error';
  label: string;
}

export type RegistryNode = TypesNode | TypeKindNode | RegisteredTypeNode | RegistryMessageNode;

/** A kind's types in the order the view shows them: registered, then deprecated; each by name, then version (numbers in order). */
export function orderedTypes(registered: readonly RegisteredTypeSummary[], deprecated: readonly RegisteredTypeSummary[]): RegisteredTypeSummary[] {
  const byName = (a: RegisteredTypeSummary, b: RegisteredTypeSummary) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version, undefined, { numeric: true });
  return [...[...registered].sort(byName), ...[...deprecated].sort(byName)];
}

export function typeKindLabel(kind: TypeKind): string {
  return kind === 'workflow' ? t('Workflow types') : t('Activity types');
}

/** `ChargeCard 2`. */
export function typeLabel(type: RegisteredTypeSummary): string {
  return `${type.name} ${type.version}`;
}

/** `deprecated · charges a card`, or the description alone. */
export function typeDescription(type: RegisteredTypeSummary): string {
  const description = type.description ? oneLine(type.description) : undefined;
  return [type.status === 'DEPRECATED' ? t('deprecated') : undefined, description].filter(Boolean).join(' · ');
}

/** A registered type has the type's own icon, a deprecated one a struck-out circle. */
export function typeIcon(type: RegisteredTypeSummary): { id: string; color?: string } {
  if (type.status === 'DEPRECATED') return { id: 'circle-slash', color: 'disabledForeground' };
  return type.kind === 'workflow' ? { id: 'symbol-class' } : { id: 'symbol-method' };
}

/** `workflowType` / `deprecatedWorkflowType` / `activityType` / `deprecatedActivityType`: menus match on it. */
export function typeContextValue(type: RegisteredTypeSummary): string {
  const base = type.kind === 'workflow' ? 'WorkflowType' : 'ActivityType';
  return type.status === 'DEPRECATED' ? `deprecated${base}` : base.charAt(0).toLowerCase() + base.slice(1);
}

/** Labels of a type's defaults, in the order a tooltip lists them. */
function defaultLabels(): [keyof TypeDefaults, string][] {
  return [
    ['taskList', t('Default task list')],
    ['taskPriority', t('Default task priority')],
    ['taskScheduleToStartTimeout', t('Default schedule-to-start timeout')],
    ['taskScheduleToCloseTimeout', t('Default schedule-to-close timeout')],
    ['taskStartToCloseTimeout', t('Default start-to-close timeout')],
    ['taskHeartbeatTimeout', t('Default heartbeat timeout')],
    ['executionStartToCloseTimeout', t('Default execution start-to-close timeout')],
    ['childPolicy', t('Default child policy')],
    ['lambdaRole', t('Default Lambda role')],
  ];
}

/** A duration as SWF writes it, made readable: `300` -> `300 s (5m)`, NONE -> `none`. */
function durationText(value: string): string {
  if (value === 'NONE') return t('none');
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 60) return t('{0} s', value);
  const minutes = seconds / 60;
  return t('{0} s ({1})', value, Number.isInteger(minutes / 60) ? `${minutes / 60}h` : Number.isInteger(minutes) ? `${minutes}m` : `${minutes.toFixed(1)}m`);
}

/** The lines of a type's tooltip: identity, status, description, times, then each default it has (or that it has none). */
export function typeTooltipLines(type: RegisteredTypeSummary, defaults?: TypeDefaults): string[] {
  const lines = [
    `${type.kind === 'workflow' ? t('Workflow type') : t('Activity type')}: ${oneLine(type.name)} ${oneLine(type.version)}`,
    t('Status: {0}', type.status),
  ];
  if (type.description) lines.push(t('Description: {0}', oneLine(type.description)));
  const created = formatLocalTime(type.createdAt);
  if (created) lines.push(t('Registered: {0}', created));
  const deprecated = formatLocalTime(type.deprecatedAt);
  if (deprecated) lines.push(t('Deprecated: {0}', deprecated));
  if (!defaults) return lines;
  const given = defaultLabels().filter(([key]) => defaults[key] !== undefined);
  if (given.length === 0) lines.push(t('No defaults: each decision must give the task list and timeouts.'));
  for (const [key, label] of given) {
    const value = defaults[key] ?? '';
    lines.push(`${label}: ${/Timeout$/.test(key) ? durationText(value) : oneLine(value)}`);
  }
  return lines;
}

/** The lines of a root's tooltip from DescribeDomain: status, retention, description. */
export function domainTooltipLines(domain: DomainDetails): string[] {
  const lines = [t('Status: {0}', domain.status)];
  if (domain.retentionDays !== undefined) lines.push(domain.retentionDays === 'NONE' ? t('History retention: none') : t('History retention: {0} days', oneLine(domain.retentionDays)));
  if (domain.description) lines.push(t('Description: {0}', oneLine(domain.description)));
  return lines;
}

/** What a type's JSON document holds (Describe Type): its identity, status, times and defaults, as SWF gave them. */
export function typeDocument(type: RegisteredTypeSummary, defaults: TypeDefaults): string {
  return `${JSON.stringify(
    {
      kind: type.kind,
      name: type.name,
      version: type.version,
      status: type.status,
      ...(type.description !== undefined && { description: type.description }),
      ...(type.createdAt && { registered: type.createdAt.toISOString() }),
      ...(type.deprecatedAt && { deprecated: type.deprecatedAt.toISOString() }),
      defaults,
    },
    undefined,
    2,
  )}\n`;
}

/** A version one step on, for Register on an existing type (a new version is the common case): `2` -> `3`, `1.4` -> `1.5`, `v7-beta` -> `v8-beta`; empty when the version holds no number. */
export function nextVersion(version: string): string {
  const match = /^(.*?)(\d+)(\D*)$/.exec(version);
  if (!match) return '';
  const [, head, digits, tail] = match;
  const next = String(Number(digits) + 1).padStart(digits.length, '0');
  return `${head}${next}${tail}`;
}

export function isRegistryNode(value: unknown, kind: RegistryNode['kind']): boolean {
  const node = value as { kind?: unknown; rootId?: unknown; root?: unknown } | null;
  return typeof node === 'object' && node !== null && node.kind === kind && typeof node.rootId === 'string' && typeof node.root === 'object' && node.root !== null;
}

/** `value` as a type node when it is one (a command's argument from a menu), else `undefined`. */
export function registeredTypeNodeOf(value: unknown): RegisteredTypeNode | undefined {
  const node = value as Partial<RegisteredTypeNode> | null;
  return isRegistryNode(value, 'registeredType') && typeof node?.type === 'object' && node.type !== null ? (node as RegisteredTypeNode) : undefined;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
