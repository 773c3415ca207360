/**
 * The registry's commands (issue 18): Register Domain…, Register Workflow
 * Type…, Register Activity Type…, Deprecate / Undeprecate Domain and Type,
 * Describe Type, Tag Domain… / Untag Domain…, Apply Registry File….
 *
 * Each acts on the node it was given (a root, the Types node or a kind under
 * it, a type), or asks which root. Every prompt is checked with
 * registryValidation.ts as it is typed and again as a whole before any call,
 * so nothing SWF would refuse for its form is sent. What was typed is kept in
 * the draft store (src/model/drafts.ts) until the call succeeds: a prompt
 * backed out of, or a failed call, loses nothing. Run on a type, Register
 * offers that type's fields with the next version (a new version is the
 * common case). Deprecate and Undeprecate first say what stops (or starts)
 * working, the safe choice first (confirm.ts).
 */
import * as vscode from 'vscode';
import { type RootSpec, rootId } from '../connection/connection';
import type { Draft, DraftStore } from '../model/drafts';
import type { DomainDetails, RegisteredTypeDetails, RegisteredTypeSummary, TypeKind, TypeRegistration } from '../swf/registryGateway';
import { nextVersion, registeredTypeNodeOf, typeDocument } from '../tree/registryNodes';
import { parseRegistryFile, planLines, planRegistry, REGISTRY_FILES_GLOB } from '../validation/registryFile';
import {
  checkDefault,
  checkDescription,
  checkName,
  checkRetention,
  checkTagKey,
  checkTagValue,
  defaultFields,
  type FieldCheck,
  validateDomainRegistration,
  validateTypeRegistration,
} from '../validation/registryValidation';
import type { CommandContext } from './commandContext';
import { confirmAction } from './confirm';
import { runInputBox, showNote } from './answer/prompts';
import { pickRoot } from './resolveRoot';
import { showSwfError } from './showError';

export const TYPE_SCHEME = 'swf-type';

interface Field {
  key: string;
  title: string;
  prompt: string;
  check: (raw: string) => FieldCheck;
  /** Prefill when no draft holds the field. */
  initial?: string;
}

const kindName = (kind: TypeKind) => (kind === 'workflow' ? vscode.l10n.t('workflow type') : vscode.l10n.t('activity type'));

/** The root a node names (its rootId), or one picked. */
async function rootOf(ctx: CommandContext, node: unknown, title: string): Promise<RootSpec | undefined> {
  const n = node as { rootId?: unknown; root?: RootSpec } | null;
  if (typeof n === 'object' && n !== null && typeof n.rootId === 'string' && n.root) return ctx.roots.get(n.rootId)?.spec ?? n.root;
  return (await pickRoot(ctx, title))?.spec;
}

export class RegistryCommands implements vscode.Disposable {
  private readonly documents: vscode.Disposable;

  constructor(
    private readonly ctx: CommandContext,
    private readonly drafts: DraftStore,
  ) {
    // Describe Type's read-only JSON: `swf-type:/<name> <version>.json?root=…&kind=…&name=…&version=…`.
    this.documents = vscode.workspace.registerTextDocumentContentProvider(TYPE_SCHEME, {
      provideTextDocumentContent: async (uri) => {
        const q = new URLSearchParams(uri.query);
        const root = ctx.roots.get(q.get('root') ?? '')?.spec;
        const kind = q.get('kind') === 'workflow' ? 'workflow' : 'activity';
        if (!root) return `${JSON.stringify({ error: vscode.l10n.t('The domain is no longer watched.') })}\n`;
        const details = await ctx.registry.describeType(root, kind, { name: q.get('name') ?? '', version: q.get('version') ?? '' });
        return typeDocument(details, details.defaults);
      },
    });
  }

  private async gateway(root: RootSpec) {
    return this.ctx.connections.gateway(root.connection);
  }

  /**
   * Asks each field in turn (one box, steps shown), checked as typed; every
   * change goes to the draft. Undefined when backed out of (the draft keeps
   * what was typed).
   */
  private async askFields(title: string, draftId: string, fields: readonly Field[]): Promise<Draft | undefined> {
    const draft = await this.drafts.open(draftId);
    for (const [i, field] of fields.entries()) {
      if (draft[field.key] === undefined && field.initial !== undefined) draft[field.key] = field.initial;
      const box = vscode.window.createInputBox();
      box.title = `${title}: ${field.title}`;
      box.step = i + 1;
      box.totalSteps = fields.length;
      box.value = draft[field.key] ?? '';
      box.ignoreFocusOut = true;
      box.prompt = field.prompt;
      const value = await runInputBox(
        box,
        (text, accepting, typed) => {
          const check = field.check(text);
          // An empty required box is not an error before the person types or presses Enter.
          const quiet = !check.ok && !typed && !accepting && text === '';
          showNote(box, field.prompt, check.ok || quiet ? undefined : { severity: 'error', text: check.message });
          return check.ok;
        },
        (text) => {
          draft[field.key] = text;
          this.drafts.changed(draftId);
        },
      );
      if (value === undefined) return undefined;
    }
    return draft;
  }

  async registerDomain(node?: unknown): Promise<string | undefined> {
    const title = vscode.l10n.t('Register Domain');
    const on = await rootOf(this.ctx, node, title);
    if (!on) return undefined;
    const draftId = `registerDomain:${JSON.stringify(on.connection)}`;
    const t = vscode.l10n.t;
    const fields: Field[] = [
      { key: 'name', title: t('name'), prompt: t('The new domain\'s name (1 to 256 characters, no ":", "/", "|", control characters or "arn").'), check: (v) => checkName(t('Domain name'), v) },
      { key: 'retentionDays', title: t('retention'), prompt: t('Days SWF keeps a closed execution\'s history: 0 to 90.'), check: checkRetention, initial: '30' },
      { key: 'description', title: t('description'), prompt: t('A description (optional, at most 1,024 characters).'), check: checkDescription },
    ];
    for (;;) {
      const draft = await this.askFields(title, draftId, fields);
      if (!draft) return undefined;
      const checked = validateDomainRegistration({ name: draft.name ?? '', retentionDays: draft.retentionDays ?? '', description: draft.description });
      if (!checked.ok) {
        void vscode.window.showErrorMessage(t('Not sent: {0}', checked.problems.join(' ')));
        continue;
      }
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Registering domain {0}…', checked.request.name) }, async () => (await this.gateway(on)).registerDomain(checked.request));
      } catch (error) {
        const retry = t('Retry');
        const { choice } = await showSwfError(this.ctx, error, { prefix: `RegisterDomain ${checked.request.name}`, choices: () => [retry] });
        if (choice === retry) continue;
        return undefined;
      }
      await this.drafts.discard(draftId);
      this.ctx.log.info(`Registered domain ${checked.request.name} (retention ${checked.request.retentionDays} days).`);
      const watch = t('Watch Domain');
      void vscode.window.showInformationMessage(t('Registered domain {0}.', checked.request.name), watch).then(async (choice) => {
        if (choice === watch) await this.ctx.roots.add({ domain: checked.request.name, connection: on.connection });
      });
      return checked.request.name;
    }
  }

  /** Register Workflow Type… / Register Activity Type…; on a type of that kind, its fields with the next version. */
  async registerType(kind: TypeKind, node?: unknown): Promise<TypeRegistration | undefined> {
    const t = vscode.l10n.t;
    const title = kind === 'workflow' ? t('Register Workflow Type') : t('Register Activity Type');
    const root = await rootOf(this.ctx, node, title);
    if (!root) return undefined;
    const typeNode = registeredTypeNodeOf(node);
    const from = typeNode?.type.kind === kind ? typeNode.type : undefined;
    let source: RegisteredTypeDetails | undefined;
    if (from) {
      try {
        source = await this.ctx.registry.describeType(root, kind, from);
      } catch (error) {
        // The prompts still work without the defaults: say why they are not prefilled.
        await showSwfError(this.ctx, error, { prefix: `Describe ${from.name} ${from.version}` });
      }
    }
    const draftId = `registerType:${kind}:${rootId(root)}:${from?.name ?? ''}`;
    const fields: Field[] = [
      { key: 'name', title: t('name'), prompt: t('The {0}\'s name (1 to 256 characters, no ":", "/", "|", control characters or "arn").', kindName(kind)), check: (v) => checkName(t('Name'), v), initial: from?.name },
      { key: 'version', title: t('version'), prompt: from ? t('A new version of {0} (registered: {1}); 1 to 64 characters.', from.name, from.version) : t('The version (1 to 64 characters).'), check: (v) => checkName(t('Version'), v, 'version'), initial: from ? nextVersion(from.version) : undefined },
      { key: 'description', title: t('description'), prompt: t('A description (optional, at most 1,024 characters).'), check: checkDescription, initial: source?.description },
      ...defaultFields(kind).map(
        (field): Field => ({
          key: `defaults.${field.key}`,
          title: field.label.toLowerCase(),
          prompt:
            field.check === 'duration'
              ? t('{0}: seconds or NONE; empty for no default.', field.label)
              : field.check === 'childPolicy'
                ? t('{0}: TERMINATE, REQUEST_CANCEL or ABANDON; empty for no default.', field.label)
                : field.check === 'priority'
                  ? t('{0}: an integer, higher runs first; empty for no default.', field.label)
                  : t('{0}: empty for no default.', field.label),
          check: (v) => checkDefault(field, v),
          initial: source?.defaults[field.key],
        }),
      ),
    ];
    for (;;) {
      const draft = await this.askFields(title, draftId, fields);
      if (!draft) return undefined;
      const defaults = Object.fromEntries(defaultFields(kind).map((field) => [field.key, draft[`defaults.${field.key}`] ?? '']));
      const checked = validateTypeRegistration({ kind, name: draft.name ?? '', version: draft.version ?? '', description: draft.description, defaults });
      if (!checked.ok) {
        void vscode.window.showErrorMessage(t('Not sent: {0}', checked.problems.join(' ')));
        continue;
      }
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Registering {0} {1} {2}…', kindName(kind), checked.request.name, checked.request.version) }, async () =>
          (await this.gateway(root)).registerType(root.domain, checked.request),
        );
      } catch (error) {
        const retry = t('Retry');
        const { choice } = await showSwfError(this.ctx, error, { prefix: `Register ${kindName(kind)} ${checked.request.name} ${checked.request.version}`, choices: () => [retry] });
        if (choice === retry) continue;
        return undefined;
      }
      await this.drafts.discard(draftId);
      this.ctx.registry.refresh(root);
      this.ctx.log.info(`Registered ${kind} type ${checked.request.name} ${checked.request.version} in ${root.domain}.`);
      void vscode.window.showInformationMessage(t('Registered {0} {1} {2} in {3}.', kindName(kind), checked.request.name, checked.request.version, root.domain));
      return checked.request;
    }
  }

  /** Deprecate (or undeprecate) the domain of a root, after saying what that does. */
  async setDomainDeprecated(deprecate: boolean, node?: unknown): Promise<boolean> {
    const t = vscode.l10n.t;
    const title = deprecate ? t('Deprecate Domain') : t('Undeprecate Domain');
    const root = await rootOf(this.ctx, node, title);
    if (!root) return false;
    const confirmed = await confirmAction({
      title,
      question: deprecate ? t('Deprecate the domain {0}?', root.domain) : t('Undeprecate the domain {0}?', root.domain),
      keep: t('Keep the domain as it is'),
      act: deprecate ? t('Deprecate {0}', root.domain) : t('Undeprecate {0}', root.domain),
      consequence: deprecate
        ? t('No new executions can start in {0} and no types can be registered in it; open executions run on, and it can be undeprecated.', root.domain)
        : t('New executions can start in {0} again, and types can be registered in it.', root.domain),
    });
    if (!confirmed) return false;
    const gateway = await this.gateway(root);
    await (deprecate ? gateway.deprecateDomain(root.domain) : gateway.undeprecateDomain(root.domain));
    this.ctx.registry.refresh(root);
    this.ctx.log.info(`${deprecate ? 'Deprecated' : 'Undeprecated'} domain ${root.domain}.`);
    void vscode.window.showInformationMessage(deprecate ? t('Deprecated domain {0}.', root.domain) : t('Undeprecated domain {0}.', root.domain));
    return true;
  }

  /** Deprecate (or undeprecate) the type of a type node, after saying what stops (or starts) working. */
  async setTypeDeprecated(deprecate: boolean, node: unknown): Promise<boolean> {
    const typeNode = registeredTypeNodeOf(node);
    if (!typeNode) return false; // only a type's row carries it
    const { root, type } = typeNode;
    const t = vscode.l10n.t;
    const label = `${type.name} ${type.version}`;
    const consequence =
      type.kind === 'activity'
        ? deprecate
          ? t('Deciders can no longer schedule new tasks of {0} (ScheduleActivityTask fails); tasks already scheduled or started run on.', label)
          : t('Deciders can schedule tasks of {0} again.', label)
        : deprecate
          ? t('No new executions of {0} can start (StartWorkflowExecution and child workflows fail); open executions run on.', label)
          : t('Executions of {0} can start again.', label);
    const confirmed = await confirmAction({
      title: deprecate ? t('Deprecate Type') : t('Undeprecate Type'),
      question: deprecate ? t('Deprecate the {0} {1} in {2}?', kindName(type.kind), label, root.domain) : t('Undeprecate the {0} {1} in {2}?', kindName(type.kind), label, root.domain),
      keep: t('Keep the type as it is'),
      act: deprecate ? t('Deprecate {0}', label) : t('Undeprecate {0}', label),
      consequence,
    });
    if (!confirmed) return false;
    const gateway = await this.gateway(root);
    await (deprecate ? gateway.deprecateType(root.domain, type.kind, type) : gateway.undeprecateType(root.domain, type.kind, type));
    this.ctx.registry.refresh(root);
    this.ctx.log.info(`${deprecate ? 'Deprecated' : 'Undeprecated'} ${type.kind} type ${label} in ${root.domain}.`);
    void vscode.window.showInformationMessage(deprecate ? t('Deprecated {0} {1}.', kindName(type.kind), label) : t('Undeprecated {0} {1}.', kindName(type.kind), label));
    return true;
  }

  /** Opens a type as a read-only JSON document (its status, times and defaults as SWF describes them). */
  async describeType(node: unknown): Promise<vscode.TextDocument | undefined> {
    const typeNode = registeredTypeNodeOf(node);
    if (!typeNode) return undefined;
    const { root, type } = typeNode;
    const query = new URLSearchParams({ root: rootId(root), kind: type.kind, name: type.name, version: type.version }).toString();
    // The path is only the tab's name: what a peer sent is kept to safe characters there.
    const safe = `${type.name} ${type.version}`.replace(/[^\w .@-]+/g, '_').slice(0, 100);
    const uri = vscode.Uri.from({ scheme: TYPE_SCHEME, path: `/${safe}.json`, query });
    // Read first, so a failure is the command's error, not an empty document.
    await this.ctx.registry.describeType(root, type.kind, type);
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  private async domainArn(root: RootSpec): Promise<DomainDetails & { arn: string }> {
    const domain = await this.ctx.registry.describeDomain(root);
    if (!domain.arn) throw new Error(vscode.l10n.t('DescribeDomain gave no ARN for {0}: its tags cannot be read.', root.domain));
    return { ...domain, arn: domain.arn };
  }

  async tagDomain(node?: unknown): Promise<{ key: string; value: string } | undefined> {
    const t = vscode.l10n.t;
    const title = t('Tag Domain');
    const root = await rootOf(this.ctx, node, title);
    if (!root) return undefined;
    const draftId = `tagDomain:${rootId(root)}`;
    const fields: Field[] = [
      { key: 'key', title: t('key'), prompt: t('The tag\'s key (1 to 128 characters); a key the domain has gets the new value.'), check: checkTagKey },
      { key: 'value', title: t('value'), prompt: t('The tag\'s value (at most 256 characters, may be empty).'), check: checkTagValue },
    ];
    const draft = await this.askFields(`${title}: ${root.domain}`, draftId, fields);
    if (!draft) return undefined;
    const key = checkTagKey(draft.key);
    const value = checkTagValue(draft.value);
    if (!key.ok || !value.ok) {
      void vscode.window.showErrorMessage(t('Not sent: {0}', [key, value].flatMap((c) => (c.ok ? [] : [c.message])).join(' ')));
      return undefined;
    }
    const tag = { key: key.value ?? '', value: value.value ?? '' };
    const { arn } = await this.domainArn(root);
    await (await this.gateway(root)).tagDomain(arn, [tag]);
    await this.drafts.discard(draftId);
    this.ctx.log.info(`Tagged domain ${root.domain}: ${tag.key}.`);
    void vscode.window.showInformationMessage(t('Tagged {0} with {1}.', root.domain, tag.key));
    return tag;
  }

  async untagDomain(node?: unknown): Promise<string[] | undefined> {
    const t = vscode.l10n.t;
    const title = t('Untag Domain');
    const root = await rootOf(this.ctx, node, title);
    if (!root) return undefined;
    const { arn } = await this.domainArn(root);
    const gateway = await this.gateway(root);
    const tags = await gateway.listDomainTags(arn);
    if (tags.length === 0) {
      void vscode.window.showInformationMessage(t('The domain {0} has no tags.', root.domain));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      tags.map((tag) => ({ label: tag.key, description: tag.value })),
      { title: `${title}: ${root.domain}`, placeHolder: t('The tags to remove'), canPickMany: true, ignoreFocusOut: true },
    );
    if (!picked?.length) return undefined;
    const keys = picked.map((p) => p.label);
    await gateway.untagDomain(arn, keys);
    this.ctx.log.info(`Untagged domain ${root.domain}: ${keys.join(', ')}.`);
    void vscode.window.showInformationMessage(t('Removed {0} tag(s) from {1}.', keys.length, root.domain));
    return keys;
  }

  /**
   * Apply Registry File…: a `.swf/types/*.json` file (the one given, or picked)
   * applied to a root: registers the types the domain lacks, reports those
   * that differ, changes none. A file with any problem applies nothing.
   */
  async applyRegistryFile(node?: unknown, fileArg?: unknown): Promise<{ registered: string[]; differing: string[]; failed: string[] } | undefined> {
    const t = vscode.l10n.t;
    const title = t('Apply Registry File');
    const uri = node instanceof vscode.Uri ? node : fileArg instanceof vscode.Uri ? fileArg : await this.pickRegistryFile(title);
    if (!uri) return undefined;
    const root = await rootOf(this.ctx, node instanceof vscode.Uri ? undefined : node, title);
    if (!root) return undefined;
    const parsed = parseRegistryFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    const fileName = vscode.workspace.asRelativePath(uri);
    if (!parsed.ok) {
      this.ctx.log.warn(`${fileName}: ${parsed.problems.join('; ')}`);
      void vscode.window.showErrorMessage(t('{0} was not applied: {1}', fileName, parsed.problems.join(' ')));
      return undefined;
    }
    if (parsed.file.domain !== undefined && parsed.file.domain !== root.domain) {
      const apply = t('Apply to {0}', root.domain);
      const choice = await vscode.window.showWarningMessage(t('{0} says it is for the domain {1}, not {2}.', fileName, parsed.file.domain, root.domain), { modal: true }, apply);
      if (choice !== apply) return undefined;
    }
    const gateway = await this.gateway(root);
    const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Reading the types of {0}…', root.domain) }, async () => {
      // Every page of both statuses of both kinds; then the defaults of only the types the file names.
      const listed: RegisteredTypeSummary[] = [];
      for (const kind of ['workflow', 'activity'] as const) {
        for (const registrationStatus of ['REGISTERED', 'DEPRECATED'] as const) listed.push(...(await gateway.listTypes(root.domain, kind, { registrationStatus })));
      }
      const named = listed.filter((l) => parsed.file.types.some((f) => f.kind === l.kind && f.name === l.name && f.version === l.version));
      const described = await Promise.all(named.map((type) => gateway.describeType(root.domain, type.kind, type)));
      return planRegistry(parsed.file, described);
    });
    this.ctx.log.info(`Apply ${fileName} to ${root.domain}:\n${planLines(plan).join('\n')}`);
    const result = { registered: [] as string[], differing: plan.differing.map(({ type }) => `${type.name} ${type.version}`), failed: [] as string[] };
    for (const type of plan.missing) {
      const label = `${type.name} ${type.version}`;
      try {
        await gateway.registerType(root.domain, type);
        result.registered.push(label);
      } catch (error) {
        result.failed.push(label);
        await showSwfError(this.ctx, error, { prefix: `Apply ${fileName}: register ${type.kind} type ${label}` });
      }
    }
    this.ctx.registry.refresh(root);
    const parts = [
      t('{0} registered', result.registered.length),
      t('{0} already there', plan.same.length),
      ...(result.differing.length ? [t('{0} differ from the file and were left as they are: {1}', result.differing.length, result.differing.join(', '))] : []),
      ...(result.failed.length ? [t('{0} failed', result.failed.length)] : []),
    ];
    const message = t('{0} applied to {1}: {2}.', fileName, root.domain, parts.join('; '));
    const showLog = t('Show Log');
    const show = result.differing.length || result.failed.length ? vscode.window.showWarningMessage(message, showLog) : vscode.window.showInformationMessage(message, showLog);
    void show.then((choice) => choice === showLog && this.ctx.log.show(true));
    return result;
  }

  private async pickRegistryFile(title: string): Promise<vscode.Uri | undefined> {
    const files = await vscode.workspace.findFiles(REGISTRY_FILES_GLOB, undefined, 100);
    if (files.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No registry file in the workspace: write one at {0} (see the README).', REGISTRY_FILES_GLOB));
      return undefined;
    }
    if (files.length === 1) return files[0];
    const picked = await vscode.window.showQuickPick(
      files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
      { title, placeHolder: vscode.l10n.t('Which registry file?') },
    );
    return picked?.uri;
  }

  dispose(): void {
    this.documents.dispose();
  }
}
