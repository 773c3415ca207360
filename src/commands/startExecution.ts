/**
 * Start Workflow Execution and Re-run Execution.
 *
 * Start (a root of either view, a registered workflow type's node, or the
 * palette): the workflow type and version (the node's, or picked from
 * ListWorkflowTypes, registered only, or typed), a workflow ID
 * (suggested), the task list, both timeouts and the child policy (each box
 * prefilled with the type's default from DescribeWorkflowType, so Enter
 * keeps it), tags, then the input in an editor, checked against
 * `.swf/schemas/<type>@<version>.input.json` when the workspace has it (the
 * same lookup as result schemas), with the type's input templates offered
 * first. Re-run (an execution row, the panel, the palette): the original's
 * type, input, task list, tags, timeouts and child policy, read from
 * DescribeWorkflowExecution and its WorkflowExecutionStarted event; only the
 * workflow ID is asked (the same one once the original has closed).
 *
 * Both check the request against SWF's limits first (validateStart), journal
 * the call, report a failure through the shared error path with Retry, and
 * open the new run in the execution panel. What was typed is a draft until
 * the call succeeds.
 */
import * as vscode from 'vscode';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { connectionLabel, type RootSpec, rootId } from '../connection/connection';
import type { SchemaCheck } from '../answers/resultSchemas';
import { jsonSkeleton } from '../answers/schemaSkeleton';
import { DEFAULT_SEARCH } from '../executions/executionViews';
import { parseTags, rerunFields, type RerunFields, rerunWorkflowId, suggestWorkflowId, tagsText } from '../validation/startRules';
import type { ExecutionTarget } from '../inbox/taskGroups';
import type { Draft, DraftStore } from '../model/drafts';
import { describeSwfError, errorMessage } from '../swf/errors';
import type { StartRequest, SwfGateway, WorkflowTypeDefaults } from '../swf/gateway';
import { formatTimeout } from '../tree/format';
import { registeredTypeNodeOf } from '../tree/registryNodes';
import {
  type ChildPolicy,
  CHILD_POLICIES,
  type FieldProblem,
  MAX_EXECUTION_SECONDS,
  notSentMessage,
  problemOf,
  type StartFields,
  validateStart,
  validateTags,
  validateTaskListName,
  validateTimeout,
  validateWorkflowId,
  validateWorkflowTypeName,
  validateWorkflowTypeVersion,
} from '../validation/validation';
import type { AnswerEditors } from './answer/answerEditors';
import type { AnswerServices } from './answer/answerServices';
import { type BoxNote, runInputBox, showNote } from './answer/prompts';
import type { CommandContext } from './commandContext';
import type { ExecutionPanelOpener } from './openExecution';
import { pickOrType } from './pickOrType';
import { resolveExecution } from './resolveExecution';
import { resolveRoot } from './resolveRoot';
import { showSwfError } from './showError';

interface TypeRef {
  name: string;
  version: string;
}

type TypeItem = vscode.QuickPickItem & { type?: TypeRef };

/** The prompts of a start; the draft holds what each box held. */
const START_STEPS = 7;

export class WorkflowStarts {
  constructor(
    private readonly ctx: CommandContext,
    private readonly editors: AnswerEditors,
    private readonly drafts: DraftStore,
    private readonly services: AnswerServices,
    private readonly panels: ExecutionPanelOpener,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Start Workflow Execution on the root of `arg` (or a picked one); resolves with the new run, once SWF started it. */
  async start(arg?: unknown): Promise<ExecutionTarget | undefined> {
    const title = vscode.l10n.t('Start Workflow Execution');
    const model = await resolveRoot(this.ctx, arg, title);
    if (!model) return undefined;
    const root = model.spec;
    // A workflow type's node names the type: no pick.
    const node = registeredTypeNodeOf(arg);
    if (node?.type.kind === 'workflow') return this.startType(root, { name: node.type.name, version: node.type.version });
    const gateway = await this.ctx.connections.gateway(root.connection);
    const type = await this.pickType(gateway, root, title);
    return type && this.startType(root, type);
  }

  /** The prompts and the call for one type; Retry comes back here with the draft. */
  private async startType(root: RootSpec, type: TypeRef): Promise<ExecutionTarget | undefined> {
    const title = vscode.l10n.t('Start {0} {1}', type.name, type.version);
    const gateway = await this.ctx.connections.gateway(root.connection);
    const key = `start:${rootId(root)}:${type.name}@${type.version}`;
    const draft = await this.drafts.open(key);
    const [defaults, schema] = await Promise.all([this.defaultsOf(gateway, root, type), this.inputSchema(type)]);
    const asked = await this.askStart(title, type, draft, defaults, schema, () => this.drafts.changed(key));
    // Written now, not after the keystroke debounce: a reload right after backing out must find it.
    await this.drafts.flush();
    if (!asked) return undefined;
    const fields: StartFields = {
      workflowId: draft.workflowId ?? '',
      typeName: type.name,
      typeVersion: type.version,
      taskList: draft.taskList,
      input: draft.input === '' ? undefined : draft.input,
      tags: parseTags(draft.tags),
      executionStartToCloseTimeout: draft.executionTimeout,
      taskStartToCloseTimeout: draft.taskTimeout,
      childPolicy: CHILD_POLICIES.find((p) => p === draft.childPolicy),
    };
    const validation = validateStart(fields, schema?.check);
    if (!validation.ok) return refuse(validation.problems);
    return this.send(root, validation.request, key, { retry: () => this.startType(root, type) });
  }

  /** Re-run Execution: a new run with the original's type, input, task list, tags, timeouts and child policy. */
  async rerun(arg?: unknown): Promise<ExecutionTarget | undefined> {
    const title = vscode.l10n.t('Re-run Execution');
    const original = await resolveExecution(this.ctx, arg, title);
    if (!original?.workflowId || !original.runId) return undefined;
    const { root } = original;
    const gateway = await this.ctx.connections.gateway(root.connection);
    const execution = { workflowId: original.workflowId, runId: original.runId };
    let fields: RerunFields | undefined;
    let open: boolean;
    try {
      const [description, started] = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('{0}: reading {1}…', title, original.workflowId) },
        () => Promise.all([gateway.describeExecution(root.domain, execution), startedEvent(gateway, root.domain, execution)]),
      );
      fields = rerunFields(description, started);
      open = description.status === 'OPEN';
    } catch (error) {
      const retry = vscode.l10n.t('Retry');
      const { choice } = await showSwfError(this.ctx, error, {
        context: { domain: root.domain, connection: connectionLabel(root.connection) },
        prefix: `Reading ${original.workflowId} (run ${original.runId}) to re-run it failed`,
        choices: (info) => (info.kind === 'unknownExecution' ? [] : [retry]),
      });
      return choice === retry ? this.rerun(original) : undefined;
    }
    if (!fields) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot re-run {0}: SWF named no workflow type for run {1}.', original.workflowId, original.runId));
      return undefined;
    }
    const key = `rerun:${rootId(root)}:${original.workflowId}:${original.runId}`;
    const draft = await this.drafts.open(key);
    const offer = rerunWorkflowId({ workflowId: original.workflowId, open }, this.now());
    const prompt = offer.same
      ? vscode.l10n.t('Workflow ID of the new run: {0} has closed, so SWF takes its ID again (or type another).', original.workflowId)
      : vscode.l10n.t('Workflow ID of the new run: {0} is still open, and SWF allows one open run per workflow ID.', original.workflowId);
    const workflowId = await askText({
      title: vscode.l10n.t('{0}: {1} {2}', title, fields.typeName, fields.typeVersion),
      prompt,
      value: draft.workflowId ?? offer.value,
      check: (text) => problemNote(validateWorkflowId(text)),
      remember: (text) => {
        draft.workflowId = text;
        this.drafts.changed(key);
      },
    });
    await this.drafts.flush();
    if (workflowId === undefined) return undefined;
    // The original went through SWF already; its input is sent as it was, checked against SWF's limits only.
    const validation = validateStart({ ...fields, workflowId });
    if (!validation.ok) return refuse(validation.problems);
    this.ctx.log.info(`Re-running ${original.workflowId} (run ${original.runId}) as ${validation.request.workflowId}.`);
    this.ctx.log.debug(`Re-run of ${original.workflowId} (run ${original.runId}): ${describeRequest(validation.request)}`);
    return this.send(root, validation.request, key, { rerunOf: execution, retry: () => this.rerun(original) });
  }

  /** The one call; journals it, and on success opens the new run. */
  private async send(root: RootSpec, request: StartRequest, draftKey: string, options: { rerunOf?: { workflowId: string; runId: string }; retry: () => Promise<ExecutionTarget | undefined> }): Promise<ExecutionTarget | undefined> {
    const action = options.rerunOf ? 'rerun' : 'start';
    const journal = (outcome: { outcome: 'recorded' | 'error'; error?: string; runId?: string }): Promise<void> =>
      this.services.record(
        { action, ...outcome, connection: connectionLabel(root.connection), domain: root.domain, workflowId: request.workflowId, workflowType: request.workflowType, ...(options.rerunOf && { rerunOf: options.rerunOf }) },
        request.input,
      );
    let runId: string;
    try {
      const gateway = await this.ctx.connections.gateway(root.connection);
      ({ runId } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting {0} ({1} {2})…', request.workflowId, request.workflowType.name, request.workflowType.version) },
        () => gateway.startWorkflowExecution(root.domain, request),
      ));
    } catch (error) {
      await journal({ outcome: 'error', error: error instanceof Error ? error.name : 'Error' });
      const retry = vscode.l10n.t('Retry');
      const { choice } = await showSwfError(this.ctx, error, {
        context: { domain: root.domain, connection: connectionLabel(root.connection) },
        prefix: `StartWorkflowExecution of ${request.workflowId} failed`,
        choices: () => [retry],
      });
      return choice === retry ? options.retry() : undefined;
    }
    await journal({ outcome: 'recorded', runId });
    await this.drafts.discard(draftKey);
    this.ctx.log.info(`Started ${request.workflowId} (run ${runId}), a ${request.workflowType.name} ${request.workflowType.version}, in ${root.domain} on ${connectionLabel(root.connection)}.`);
    const target: ExecutionTarget = { kind: 'execution', root, workflowId: request.workflowId, runId };
    void vscode.window.showInformationMessage(vscode.l10n.t('Started {0} (run {1}).', request.workflowId, runId));
    await this.panels.show(target);
    // Both views learn of the new run: its open tasks, and its row in the root's search.
    void this.ctx.roots.find(root)?.refresh();
    const current = this.ctx.executions.current(root);
    void this.ctx.executions.search(root, current?.spec ?? DEFAULT_SEARCH, current?.savedName).catch(() => undefined);
    return target;
  }

  /** A registered type and version (every page of ListWorkflowTypes), or typed as `name version`. */
  private async pickType(gateway: SwfGateway, root: RootSpec, title: string): Promise<TypeRef | undefined> {
    const load = async (): Promise<{ items: TypeItem[]; placeholder?: string }> => {
      try {
        const types = await gateway.listWorkflowTypes(root.domain, { registrationStatus: 'REGISTERED' });
        const sorted = [...types].sort((a, b) => a.name.localeCompare(b.name) || b.version.localeCompare(a.version, undefined, { numeric: true }));
        return { items: sorted.map((tp) => ({ label: `${tp.name} ${tp.version}`, description: tp.description, type: { name: tp.name, version: tp.version } })) };
      } catch (error) {
        const info = describeSwfError(error);
        this.ctx.log.warn(`Listing workflow types failed: ${errorMessage(info)}`);
        return { items: [], placeholder: vscode.l10n.t('Could not list workflow types ({0}): type a name and a version', info.title) };
      }
    };
    const picked = await pickOrType<TypeItem>({
      title: vscode.l10n.t('{0}: {1}', title, root.domain),
      placeholder: vscode.l10n.t('Pick a registered workflow type and version, or type "name version"'),
      items: load(),
      typedItem: (text) => ({ label: text, description: vscode.l10n.t('use this type'), type: typedType(text) }),
      validate: (text) => typedTypeProblem(text),
    });
    return picked?.type;
  }

  /** The type's registered defaults; none (and a warning in the log) when DescribeWorkflowType fails: the boxes are then empty. */
  private async defaultsOf(gateway: SwfGateway, root: RootSpec, type: TypeRef): Promise<{ defaults: WorkflowTypeDefaults; problem?: string }> {
    try {
      return { defaults: await gateway.describeWorkflowType(root.domain, type) };
    } catch (error) {
      const info = describeSwfError(error);
      this.ctx.log.warn(`Reading the defaults of ${type.name} ${type.version} failed: ${errorMessage(info)}`);
      return { defaults: {}, problem: info.title };
    }
  }

  /** `.swf/schemas/<type>@<version>.input.json`, when the workspace has it; a broken one is reported and not applied. */
  private async inputSchema(type: TypeRef): Promise<SchemaCheck | undefined> {
    try {
      const lookup = await this.services.schemas.lookup(type, 'input');
      if (lookup.kind === 'broken') {
        void vscode.window.showWarningMessage(vscode.l10n.t("{0} The input is checked against SWF's limits only.", lookup.message));
        return undefined;
      }
      return lookup.kind === 'found' ? lookup.check : undefined;
    } catch (error) {
      this.ctx.log.warn(`Could not read the input schema of ${type.name} ${type.version}: ${String(error)}`);
      return undefined;
    }
  }

  /** Every prompt of a start, into `draft`; false when the person backed out (the draft keeps what was typed). */
  private async askStart(title: string, type: TypeRef, draft: Draft, read: { defaults: WorkflowTypeDefaults; problem?: string }, schema: SchemaCheck | undefined, changed: () => void): Promise<boolean> {
    const { defaults } = read;
    const keep = (field: string) => (text: string) => {
      draft[field] = text;
      changed();
    };
    const unknownDefaults = read.problem !== undefined ? vscode.l10n.t(' (the type\'s defaults could not be read: {0})', read.problem) : '';
    const box = (step: number, field: string, prompt: string, fallback: string | undefined, check: (text: string, accepting: boolean) => BoxNote): Promise<string | undefined> =>
      askText({ title, prompt: `${prompt}${unknownDefaults}`, value: draft[field] ?? fallback ?? '', step, totalSteps: START_STEPS, check, remember: keep(field) });

    const workflowId = await box(1, 'workflowId', vscode.l10n.t('Workflow ID of the new execution (1 to 256 characters; SWF allows one open run per ID).'), suggestWorkflowId(type.name, this.now()), (text) => problemNote(validateWorkflowId(text)));
    if (workflowId === undefined) return false;

    const taskList = await box(
      2,
      'taskList',
      defaults.taskList ? vscode.l10n.t('Task list of its decision tasks (the type\'s default: {0}).', defaults.taskList) : vscode.l10n.t('Task list of its decision tasks (the type has no default: type one).'),
      defaults.taskList,
      (text, accepting) => (text.trim() === '' ? (defaults.taskList || !accepting ? undefined : { severity: 'error', text: vscode.l10n.t('The type has no default task list: type one.') }) : problemNote(validateTaskListName(text))),
    );
    if (taskList === undefined) return false;

    const timeoutBox = (step: number, field: string, label: string, fallback: string | undefined, allowNone: boolean) =>
      box(
        step,
        field,
        fallback
          ? vscode.l10n.t('{0} in seconds{1} (the type\'s default: {2}).', label, allowNone ? vscode.l10n.t(' or NONE') : '', formatTimeout(fallback))
          : vscode.l10n.t('{0} in seconds{1} (the type has no default: type one).', label, allowNone ? vscode.l10n.t(' or NONE') : ''),
        fallback,
        (text, accepting) =>
          text.trim() === '' ? (fallback || !accepting ? undefined : { severity: 'error', text: vscode.l10n.t('The type has no default for this timeout: type one.') }) : problemNote(validateTimeout(text, { allowNone, maxSeconds: allowNone ? undefined : MAX_EXECUTION_SECONDS })),
      );
    if ((await timeoutBox(3, 'executionTimeout', vscode.l10n.t('Execution start-to-close timeout'), defaults.executionStartToCloseTimeout, false)) === undefined) return false;
    if ((await timeoutBox(4, 'taskTimeout', vscode.l10n.t('Decision task start-to-close timeout'), defaults.taskStartToCloseTimeout, true)) === undefined) return false;

    const policy = await pickChildPolicy(title, draft.childPolicy ?? defaults.childPolicy, defaults.childPolicy);
    if (policy === undefined) return false;
    keep('childPolicy')(policy);

    const tags = await box(6, 'tags', vscode.l10n.t('Tags, separated by commas (optional; at most 5, each 1 to 256 characters).'), undefined, (text) => problemNote(validateTags(parseTags(text))));
    if (tags === undefined) return false;

    const initial = await this.pickInput(title, type, draft, schema);
    if (initial === undefined) return false;
    const input = await this.editors.edit('input', title, initial, keep('input'), {
      schema,
      activityType: type,
      templateKind: 'input',
      name: vscode.l10n.t('Start {0} (input)', draft.workflowId ?? type.name),
    });
    if (input === undefined) return false;
    keep('input')(input);
    return true;
  }

  /**
   * What the input editor opens with: what was typed before, a template of
   * the type's (`.swf/input-templates/`), or a blank input (the schema's
   * skeleton when there is one). Asked only when there is a choice.
   */
  private async pickInput(title: string, type: TypeRef, draft: Draft, schema: SchemaCheck | undefined): Promise<string | undefined> {
    const blank = (schema && jsonSkeleton(schema.schema)) ?? '';
    let templates: { name: string; text: string }[] = [];
    try {
      templates = await this.services.files.templates(type, 'input');
    } catch (error) {
      this.ctx.log.warn(`Could not read the input templates of ${type.name} ${type.version}: ${String(error)}`);
    }
    const before = draft.input;
    if (templates.length === 0) return before || blank;
    type Item = vscode.QuickPickItem & { text: string };
    const items: Item[] = [
      ...(before ? [{ label: `$(history) ${vscode.l10n.t('What you typed before')}`, detail: oneLine(before), text: before }] : []),
      ...templates.map((template) => ({ label: `$(file-text) ${template.name}`, description: vscode.l10n.t('template'), detail: oneLine(template.text), text: template.text })),
      { label: `$(file) ${vscode.l10n.t('Blank input')}`, text: blank },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: vscode.l10n.t('Input (step {0} of {1}): start from a template of {2} {3}, or a blank input', START_STEPS, START_STEPS, type.name, type.version),
      ignoreFocusOut: true,
    });
    return picked?.text;
  }
}

/** The first event of the run, WorkflowExecutionStarted: one page of one event, oldest first. */
async function startedEvent(gateway: SwfGateway, domain: string, execution: { workflowId: string; runId: string }): Promise<HistoryEvent | undefined> {
  for await (const page of gateway.historyPages(domain, execution, { reverseOrder: false, firstPageSize: 1 })) return page[0];
  return undefined;
}

/** `OrderFlow 1.0` typed: the name, and the version after the last space. */
function typedType(text: string): TypeRef | undefined {
  const at = text.trim().lastIndexOf(' ');
  if (at <= 0) return undefined;
  return { name: text.slice(0, at).trim(), version: text.slice(at + 1).trim() };
}

function typedTypeProblem(text: string): string | undefined {
  const type = typedType(text);
  if (!type) return vscode.l10n.t('Type the name and the version, separated by a space: OrderFlow 1.0');
  return problemOf(validateWorkflowTypeName(type.name)) ?? problemOf(validateWorkflowTypeVersion(type.version));
}

/** A box's note for a check: its problem as an error, its note as a warning, or nothing. */
function problemNote(check: { ok: true; note?: string } | { ok: false; message: string }): BoxNote {
  if (!check.ok) return { severity: 'error', text: check.message };
  return check.note ? { severity: 'warning', text: check.note } : undefined;
}

interface AskOptions {
  title: string;
  prompt: string;
  value: string;
  step?: number;
  totalSteps?: number;
  /** A problem (an error blocks Enter) or a note; `accepting` is true on Enter. */
  check(text: string, accepting: boolean): BoxNote;
  remember(text: string): void;
}

/** An input box checked as typed whose text goes to the draft at every change; `undefined` when backed out. */
function askText(options: AskOptions): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.prompt = options.prompt;
  box.value = options.value;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.ignoreFocusOut = true;
  return runInputBox(
    box,
    (text, accepting) => {
      const note = options.check(text, accepting);
      showNote(box, options.prompt, note);
      return note?.severity !== 'error';
    },
    options.remember,
  );
}

/** The type's default first (and marked), or the policy picked last time; every policy is sent explicitly. */
async function pickChildPolicy(title: string, first: string | undefined, typeDefault: string | undefined): Promise<ChildPolicy | undefined> {
  const described: Record<ChildPolicy, string> = {
    TERMINATE: vscode.l10n.t('terminate its child executions when it closes'),
    REQUEST_CANCEL: vscode.l10n.t('request cancellation of its child executions when it closes'),
    ABANDON: vscode.l10n.t('leave its child executions running'),
  };
  const items = CHILD_POLICIES.map((policy) => ({
    label: policy,
    description: policy === typeDefault ? vscode.l10n.t("the type's default") : undefined,
    detail: described[policy],
    policy,
  }));
  const ordered = [...items.filter((i) => i.policy === first), ...items.filter((i) => i.policy !== first)];
  const picked = await vscode.window.showQuickPick(ordered, { title, placeHolder: vscode.l10n.t('Child policy (step 5 of {0}): what happens to its child executions when it closes', START_STEPS), ignoreFocusOut: true });
  return picked?.policy;
}

/** For the log: what a re-run sends, the input by its length only. */
function describeRequest(request: StartRequest): string {
  const parts = [
    `${request.workflowType.name} ${request.workflowType.version}`,
    `workflow ID ${request.workflowId}`,
    request.taskList && `task list ${request.taskList.name}`,
    request.tagList && `tags ${tagsText(request.tagList)}`,
    request.executionStartToCloseTimeout && `execution timeout ${request.executionStartToCloseTimeout}`,
    request.taskStartToCloseTimeout && `task timeout ${request.taskStartToCloseTimeout}`,
    request.childPolicy && `child policy ${request.childPolicy}`,
    `input ${request.input?.length ?? 0} characters`,
  ];
  return parts.filter(Boolean).join(', ');
}

function refuse(problems: readonly FieldProblem[]): undefined {
  void vscode.window.showErrorMessage(notSentMessage(problems));
  return undefined;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
