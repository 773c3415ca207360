/**
 * Add Domain, Remove Domain, Move Up / Move Down, Refresh: the roots of the
 * tree, each a domain on a connection. Adding asks for the connection (one
 * already in use, the local sandbox, or a new profile, region and endpoint),
 * then the domain (all pages of ListDomains, or a typed name: a person may
 * lack swf:ListDomains and still know their domain).
 */
import * as vscode from 'vscode';
import {
  awsConnection,
  type Connection,
  connectionId,
  connectionLabel,
  endpointProblem,
  EXAMPLE_ENDPOINT,
  parseRoots,
  type RootSpec,
  SANDBOX,
} from '../connection/connection';
import { listProfiles, type ProfileSummary, resolveRegion, SWF_REGIONS } from '../connection/profiles';
import type { StoredRoot } from '../ids';
import { describeSwfError, errorMessage } from '../swf/errors';
import type { WatchFilter } from '../executions/executionQuery';
import { problemOf, validateDomainName, validateRegion, validateTag, validateWorkflowId, validateWorkflowTypeName, validateWorkflowTypeVersion } from '../validation/validation';
import type { CommandContext } from './commandContext';
import { pickOrType } from './pickOrType';
import { resolveRoot, scopeOfNode } from './resolveRoot';

interface ConnectionItem extends vscode.QuickPickItem {
  connection?: Connection;
  /** Set up a new AWS connection. */
  fresh?: true;
}

/**
 * Adds a root. With a stored root as argument (`{ domain, profile, region,
 * endpoint }` or `{ domain, sandbox: true }`, the shape of the setting) it
 * asks nothing: for keybindings, other extensions and tests.
 */
export async function addRoot(ctx: CommandContext, arg?: unknown): Promise<RootSpec | undefined> {
  const given = typeof arg === 'object' && arg !== null ? parseRoots([arg as StoredRoot]) : undefined;
  if (given && given.problems.length > 0) throw new Error(given.problems.join(' '));
  const spec = given?.roots[0] ?? (await askRoot(ctx));
  if (!spec) return undefined;
  const model = await ctx.roots.add(spec);
  await model.whenIdle();
  return spec;
}

async function askRoot(ctx: CommandContext): Promise<RootSpec | undefined> {
  const title = vscode.l10n.t('Add SWF Domain');
  const connection = await pickConnection(ctx, title);
  if (!connection) return undefined;
  const domain = await pickDomain(ctx, connection, title);
  if (!domain) return undefined;
  const filter = await pickWatchFilter(title, domain);
  if (filter === null) return undefined;
  return { connection, domain, ...(filter && { filter }) };
}

/**
 * The optional server-side filter of a new root (one at most, as
 * ListOpenWorkflowExecutions takes one): undefined for none, null when the
 * person backed out. Written in the format swfTasks.roots accepts.
 */
async function pickWatchFilter(title: string, domain: string): Promise<WatchFilter | undefined | null> {
  const t = vscode.l10n.t;
  const kind = await vscode.window.showQuickPick(
    [
      { label: t('All open executions'), value: 'none' as const },
      { label: `$(symbol-class) ${t('Only one workflow type')}`, value: 'type' as const, detail: t('SWF lists only those: the read budget goes to them alone') },
      { label: `$(tag) ${t('Only executions with a tag')}`, value: 'tag' as const },
      { label: `$(symbol-key) ${t('Only one workflow ID')}`, value: 'workflowId' as const },
    ],
    { title: t('{0}: watch which executions of {1}?', title, domain), ignoreFocusOut: true },
  );
  if (!kind) return null;
  if (kind.value === 'none') return undefined;
  const ask = (prompt: string, check: (v: string) => string | undefined) => vscode.window.showInputBox({ title: `${title}: ${prompt}`, ignoreFocusOut: true, validateInput: check });
  switch (kind.value) {
    case 'type': {
      const name = await ask(t('workflow type name'), (v) => problemOf(validateWorkflowTypeName(v)));
      if (name === undefined) return null;
      const version = await ask(t('version (optional: empty for every version)'), (v) => (v.trim() ? problemOf(validateWorkflowTypeVersion(v)) : undefined));
      if (version === undefined) return null;
      return { kind: 'type', name: name.trim(), ...(version.trim() ? { version: version.trim() } : {}) };
    }
    case 'tag': {
      const tag = await ask(t('tag'), (v) => problemOf(validateTag(v)));
      return tag === undefined ? null : { kind: 'tag', tag: tag.trim() };
    }
    case 'workflowId': {
      const id = await ask(t('workflow ID'), (v) => problemOf(validateWorkflowId(v)));
      return id === undefined ? null : { kind: 'workflowId', workflowId: id.trim() };
    }
  }
}

async function pickConnection(ctx: CommandContext, title: string): Promise<Connection | undefined> {
  const inUse = new Map<string, Connection>();
  for (const model of ctx.roots.roots) if (model.spec.connection.kind === 'aws') inUse.set(connectionId(model.spec.connection), model.spec.connection);
  const items: ConnectionItem[] = [
    ...[...inUse.values()].map((connection) => ({ label: `$(server-environment) ${connectionLabel(connection)}`, description: vscode.l10n.t('in use'), connection })),
    { label: `$(add) ${vscode.l10n.t('New connection…')}`, detail: vscode.l10n.t('An AWS profile (or the default credential chain), a region, and optionally an endpoint URL'), fresh: true },
    { label: `$(beaker) ${connectionLabel(SANDBOX)}`, detail: vscode.l10n.t('The built-in SWF endpoint with sample workflows (SWF: Start Local Sandbox)'), connection: SANDBOX },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('{0}: connection', title), placeHolder: vscode.l10n.t('Where is the domain?') });
  if (!picked) return undefined;
  if (picked.connection) return picked.connection;
  return askNewConnection(ctx, title);
}

/** Profile, then region (the profile's first), then endpoint (empty for AWS). */
async function askNewConnection(ctx: CommandContext, title: string): Promise<Connection | undefined> {
  let profiles: Awaited<ReturnType<typeof listProfiles>> = [];
  try {
    profiles = await listProfiles();
  } catch (error) {
    ctx.log.warn(`Could not read the AWS config files: ${String(error)}`);
  }
  const profile = await vscode.window.showQuickPick(
    [
      { label: `$(key) ${vscode.l10n.t('Default credential chain')}`, detail: vscode.l10n.t('Environment variables, AWS_PROFILE, the default profile, SSO, container and instance roles'), profile: '' },
      ...profiles.map((p) => ({ label: p.name, description: [profileKindText(p.kind), p.region].filter(Boolean).join(' · '), profile: p.name })),
    ],
    {
      title: vscode.l10n.t('{0}: AWS profile', title),
      placeHolder: profiles.length ? vscode.l10n.t('Pick a profile from ~/.aws/config and ~/.aws/credentials') : vscode.l10n.t('No profiles found in ~/.aws/config or ~/.aws/credentials'),
      matchOnDescription: true,
    },
  );
  if (!profile) return undefined;
  const suggested = (await resolveRegion('', profile.profile)).region;
  const region = await pickOrType({
    title: vscode.l10n.t('{0}: region', title),
    placeholder: vscode.l10n.t('Pick or type a region, e.g. eu-west-1'),
    items: [suggested, ...SWF_REGIONS.filter((r) => r !== suggested)].map((r) => ({ label: r, description: r === suggested ? vscode.l10n.t('from the profile or environment') : undefined })),
    typedItem: (typed) => ({ label: typed, description: vscode.l10n.t('use this region') }),
    validate: (typed) => problemOf(validateRegion(typed)),
  });
  if (!region) return undefined;
  const endpoint = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0}: endpoint URL (optional)', title),
    prompt: vscode.l10n.t('For LocalStack, moto or another local SWF; leave empty to use AWS.'),
    placeHolder: EXAMPLE_ENDPOINT,
    ignoreFocusOut: true,
    validateInput: (text) => endpointProblem(text),
  });
  if (endpoint === undefined) return undefined;
  return awsConnection(profile.profile, region.label, endpoint);
}

/** How a profile gets its credentials, as the profile pick describes it. */
function profileKindText(kind: ProfileSummary['kind']): string {
  switch (kind) {
    case 'sso':
      return vscode.l10n.t('sso');
    case 'role':
      return vscode.l10n.t('role');
    case 'process':
      return vscode.l10n.t('process');
    case 'static':
      return vscode.l10n.t('static');
    case 'web identity':
      return vscode.l10n.t('web identity');
    case 'other':
      return vscode.l10n.t('other');
  }
}

interface DomainItem extends vscode.QuickPickItem {
  domain: string;
}

async function pickDomain(ctx: CommandContext, connection: Connection, title: string): Promise<string | undefined> {
  const picked = await pickOrType<DomainItem>({
    title: vscode.l10n.t('{0}: domain on {1}', title, connectionLabel(connection)),
    placeholder: vscode.l10n.t('Pick a registered domain, or type its name'),
    items: loadDomains(ctx, connection),
    typedItem: (name) => ({ label: name, description: vscode.l10n.t('use this name'), domain: name }),
    validate: (name) => problemOf(validateDomainName(name)),
  });
  return picked?.domain;
}

/** The registered domains; a failure to list them leaves an empty list and says so in the placeholder. */
async function loadDomains(ctx: CommandContext, connection: Connection): Promise<{ items: DomainItem[]; placeholder?: string }> {
  const watched = new Set(ctx.roots.roots.filter((m) => connectionId(m.spec.connection) === connectionId(connection)).map((m) => m.spec.domain));
  try {
    const domains = await (await ctx.connections.gateway(connection)).listDomains();
    const items = domains.map((d) => ({ label: d.name, description: watched.has(d.name) ? vscode.l10n.t('watched') : undefined, detail: d.description, domain: d.name }));
    return { items, placeholder: items.length === 0 ? vscode.l10n.t('No registered domains found: type a domain name') : undefined };
  } catch (error) {
    const info = describeSwfError(error);
    ctx.log.warn(`Listing domains failed: ${errorMessage(info)}`);
    return { items: [], placeholder: vscode.l10n.t('Could not list domains ({0}): type a domain name', info.title) };
  }
}

/**
 * Stops watching a root. Its claims are tokens only this connection can
 * answer: removing the root keeps them (kept alive, shown apart, answerable)
 * unless the person chooses to release them.
 */
export async function removeRoot(ctx: CommandContext, node?: unknown): Promise<boolean> {
  const model = await resolveRoot(ctx, node, vscode.l10n.t('Remove SWF Domain'));
  if (!model) return false;
  const held = await ctx.claims.on(model.spec.connection, model.spec.domain);
  if (held.length > 0) {
    const keep = vscode.l10n.t('Remove, Keep Claims');
    const release = vscode.l10n.t('Remove and Forget Claims');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('You hold {0} claimed task(s) in {1}.', held.length, model.label),
      {
        modal: true,
        detail: vscode.l10n.t('Kept claims stay alive and answerable under "Claimed tasks on domains not watched". Forgotten ones cannot be answered from here again: SWF keeps them started until they time out.'),
      },
      keep,
      release,
    );
    if (!choice) return false;
    if (choice === release) {
      for (const claim of held) await ctx.claims.remove(claim.taskToken);
      ctx.log.warn(`Forgot ${held.length} claimed task(s) of ${model.label} at the person's request.`);
    }
  }
  await ctx.roots.remove(model.id);
  ctx.log.info(`Stopped watching ${model.label}.`);
  return true;
}

export async function moveRoot(ctx: CommandContext, node: unknown, delta: -1 | 1): Promise<void> {
  const scope = scopeOfNode(ctx, node);
  const model = scope && ctx.roots.find(scope);
  if (model) await ctx.roots.move(model.id, delta);
}

/** Refresh on a root (or a row under it) reloads that root; from the view title or palette, every root. */
export async function refresh(ctx: CommandContext, node?: unknown): Promise<void> {
  const scope = scopeOfNode(ctx, node);
  const model = scope && ctx.roots.find(scope);
  // On a task list's group: that group's executions are read first.
  const taskList = (node as { kind?: unknown; name?: unknown } | null)?.kind === 'taskList' ? String((node as { name: unknown }).name) : undefined;
  await (model ? model.refresh(false, taskList) : ctx.roots.refreshAll());
}
