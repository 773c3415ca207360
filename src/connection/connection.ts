/**
 * Connections and watched domains ("roots") as plain values.
 *
 * A connection is where and as whom the extension calls SWF: an AWS profile
 * (empty: the SDK's default credential chain), a concrete region and an
 * optional endpoint URL, or the local sandbox. Its identity is stable, so a
 * claimed task can record the connection that issued its token and always
 * answer through it, whatever the tree shows. A root is a domain on a
 * connection: one top-level node of the tree.
 *
 * No `vscode` import: the rules here are unit-tested in plain Node.
 */
import { t } from '@vscode/l10n';
import { describeFilter, parseExecutionFilter, storedFilter, type WatchFilter } from '../executions/executionQuery';
import { CONFIG_SECTION, Settings, type StoredRoot } from '../ids';

const ROOTS_SETTING = `${CONFIG_SECTION}.${Settings.roots.key}`;

export type Connection =
  | { readonly kind: 'aws'; readonly profile: string; readonly region: string; readonly endpoint: string }
  | { readonly kind: 'sandbox' };

export interface RootSpec {
  readonly connection: Connection;
  readonly domain: string;
  /** Only these open executions are listed and read (SWF filters them: one filter per call). */
  readonly filter?: WatchFilter;
}

/** Where a call goes, resolved from a connection: what the gateway is made from. */
export interface CallTarget {
  profile: string;
  region: string;
  endpoint: string;
  /** Signed with dummy keys: loopback peers accept any, and a newcomer has none. */
  localCredentials: boolean;
  /** The connection's label, for messages. */
  label: string;
}

export const DEFAULT_REGION = 'us-east-1';
export const SANDBOX: Connection = { kind: 'sandbox' };
/** The endpoint URL shown as an example wherever one is asked for: a local server (moto, LocalStack). */
export const EXAMPLE_ENDPOINT = 'http://127.0.0.1:4566';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
  } catch {
    return false;
  }
}

/** Checks an endpoint URL typed by the user; returns a message, or undefined when it is fine. */
export function endpointProblem(endpoint: string): string | undefined {
  if (endpoint.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    return t('"{0}" is not a URL. Example: {1}', endpoint, EXAMPLE_ENDPOINT);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return t('The endpoint must start with http:// or https://, not {0}//', url.protocol);
  return undefined;
}

/** An AWS connection with its parts trimmed and the endpoint in one spelling, so equal connections get equal ids. */
export function awsConnection(profile: string, region: string, endpoint = ''): Connection {
  return { kind: 'aws', profile: profile.trim(), region: region.trim() || DEFAULT_REGION, endpoint: normalizeEndpoint(endpoint) };
}

function normalizeEndpoint(endpoint: string): string {
  const trimmed = endpoint.trim();
  if (!trimmed) return '';
  try {
    const url = new URL(trimmed);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')}`;
  } catch {
    return trimmed;
  }
}

/** A stable identity: equal for the same profile, region and endpoint. */
export function connectionId(connection: Connection): string {
  if (connection.kind === 'sandbox') return 'sandbox';
  return ['aws', connection.profile, connection.region, connection.endpoint].join('|');
}

/** A loopback endpoint with no profile chosen is signed with dummy credentials. */
export function usesLocalCredentials(connection: Connection): boolean {
  return connection.kind === 'sandbox' || (connection.profile === '' && connection.endpoint !== '' && isLoopbackEndpoint(connection.endpoint));
}

/** `prod (eu-west-1)`, `default credentials (us-east-1)`, `local (us-east-1) · 127.0.0.1:4566`, `local sandbox`. */
export function connectionLabel(connection: Connection): string {
  if (connection.kind === 'sandbox') return t('local sandbox');
  const who = connection.profile || (usesLocalCredentials(connection) ? t('local') : t('default credentials'));
  const where = connection.endpoint ? ` · ${hostOf(connection.endpoint)}` : '';
  return `${who} (${connection.region})${where}`;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/**
 * What a call needs: the connection itself, with the sandbox's current
 * address filled in. A sandbox connection while no sandbox runs throws an
 * error the error mapper names (`SandboxNotRunning`), so a claim on it waits
 * instead of being dropped.
 */
export function resolveCallTarget(connection: Connection, sandboxEndpoint: string | undefined): CallTarget {
  const label = connectionLabel(connection);
  if (connection.kind === 'sandbox') {
    if (!sandboxEndpoint) throw Object.assign(new Error(t('The local SWF sandbox is not running.')), { name: 'SandboxNotRunning' });
    return { profile: '', region: DEFAULT_REGION, endpoint: sandboxEndpoint, localCredentials: true, label };
  }
  return { profile: connection.profile, region: connection.region, endpoint: connection.endpoint, localCredentials: usesLocalCredentials(connection), label };
}

/** A filtered root is another root than the same domain unfiltered: a person may watch both. */
export function rootId(root: RootSpec): string {
  return `${connectionId(root.connection)}#${root.domain}${root.filter ? `?${JSON.stringify(storedFilter(root.filter))}` : ''}`;
}

/** `orders · prod (eu-west-1)`, and with a filter `orders · prod (eu-west-1) · type ChargeCard`. */
export function rootLabel(root: RootSpec): string {
  return `${root.domain} · ${connectionLabel(root.connection)}${root.filter ? ` · ${describeFilter(root.filter)}` : ''}`;
}

/**
 * Reads the `swfTasks.roots` setting: entries that are not roots are
 * reported, not thrown (a hand-edited settings.json must not blank the view),
 * and a root listed twice is shown once.
 */
export function parseRoots(value: unknown): { roots: RootSpec[]; problems: string[] } {
  const roots: RootSpec[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  if (value !== undefined && !Array.isArray(value)) problems.push(t('{0} must be a list of domains.', ROOTS_SETTING));
  settingEntries(value).forEach((entry, index) => {
    const parsed = parseRootEntry(entry);
    if (typeof parsed === 'string') {
      problems.push(t('{0}: {1}', `${ROOTS_SETTING}[${index}]`, parsed));
      return;
    }
    const id = rootId(parsed);
    if (seen.has(id)) return;
    seen.add(id);
    roots.push(parsed);
  });
  return { roots, problems };
}

/** The entries of the roots setting as written, valid or not. */
export function settingEntries(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** One entry of the roots setting: the root it names, or what is wrong with it. */
export function parseRootEntry(entry: unknown): RootSpec | string {
  const stored = entry as Partial<StoredRoot> | null;
  if (typeof stored !== 'object' || stored === null || typeof stored.domain !== 'string' || stored.domain.trim() === '') return t('"domain" is missing.');
  const text = (field: unknown): string => (typeof field === 'string' ? field : '');
  const endpoint = text(stored.endpoint);
  const endpointError = endpointProblem(endpoint);
  if (endpointError) return endpointError;
  let filter: WatchFilter | undefined;
  if (stored.filter !== undefined) {
    const parsed = parseExecutionFilter(stored.filter, false);
    if (!parsed.ok) return t('"filter": {0}', parsed.message);
    filter = parsed.filter as WatchFilter;
  }
  return {
    domain: stored.domain.trim(),
    connection: stored.sandbox === true ? SANDBOX : awsConnection(text(stored.profile), text(stored.region), endpoint),
    ...(filter && { filter }),
  };
}

/** A root as the setting stores it: only what differs from the defaults, so the JSON stays short to read and share. */
export function storedRoot(root: RootSpec): StoredRoot {
  const { connection, domain } = root;
  const filter = root.filter ? { filter: storedFilter(root.filter) } : {};
  if (connection.kind === 'sandbox') return { domain, sandbox: true, ...filter };
  return {
    domain,
    ...(connection.profile ? { profile: connection.profile } : {}),
    region: connection.region,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    ...filter,
  };
}
