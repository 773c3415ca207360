/**
 * Local checks of what a person typed against the limits of the SWF API, so
 * that a respond call is never sent only to be rejected (and so the input box
 * can say what is wrong while the person types).
 *
 * How characters are counted: SWF is a Java service and its limits count
 * `String.length()`, that is UTF-16 code units. JavaScript's `.length` counts
 * exactly the same units, so it is used as is. A character outside the Basic
 * Multilingual Plane (most emoji) is two units; counting code points instead
 * would let 16,385 emoji (32,770 units) through to a certain rejection. Units
 * are never fewer than code points, so this count never under-counts.
 *
 * A lone surrogate (half of a pair, e.g. from a cut emoji) is not valid
 * UTF-16: the JSON body would carry U+FFFD or be refused, so such text is
 * rejected here rather than silently changed.
 *
 * Control characters (C0, DEL and C1): a task token never holds one, and SWF
 * forbids them in names (domains, task lists), so there they are refused.
 * Free text (results, details, reasons, inputs, signal names) may carry them
 * in JSON: they are sent as typed, with a note saying so (tab, line feed and
 * carriage return are ordinary text and get none). Text that looks like JSON
 * but does not parse is sent too, with a note, since SWF takes any string.
 */
import type {
  RespondActivityTaskCanceledInput,
  RespondActivityTaskCompletedInput,
  RespondActivityTaskFailedInput,
} from '@aws-sdk/client-swf';
import { t } from '@vscode/l10n';
import { SWF_FIELD_LIMITS } from '../common/limits';
import type { StartRequest } from '../swf/gateway';

/**
 * Maximum lengths (UTF-16 code units) of the fields a person types, taken from
 * the one table of API model limits (limits.ts) by each field's model shape.
 * A task token also needs at least 1.
 */
export const SWF_LIMITS = {
  taskToken: SWF_FIELD_LIMITS.TaskToken.max,
  result: SWF_FIELD_LIMITS.Data.max,
  details: SWF_FIELD_LIMITS.Data.max,
  reason: SWF_FIELD_LIMITS.FailureReason.max,
  identity: SWF_FIELD_LIMITS.Identity.max,
  heartbeatDetails: SWF_FIELD_LIMITS.LimitedData.max,
  signalName: SWF_FIELD_LIMITS.SignalName.max,
  input: SWF_FIELD_LIMITS.Data.max,
  terminateReason: SWF_FIELD_LIMITS.TerminateReason.max,
  domain: SWF_FIELD_LIMITS.DomainName.max,
  taskList: SWF_FIELD_LIMITS.Name.max,
  workflowId: SWF_FIELD_LIMITS.WorkflowId.max,
  runId: SWF_FIELD_LIMITS.WorkflowRunId.max,
  tag: SWF_FIELD_LIMITS.Tag.max,
  typeName: SWF_FIELD_LIMITS.Name.max,
  typeVersion: SWF_FIELD_LIMITS.Version.max,
  timeout: SWF_FIELD_LIMITS.DurationInSecondsOptional.max,
} as const;

/**
 * Limits of what a person types that the API does not bound: a region name
 * (the longest in use has 14 characters), and the tree's filter, matched
 * against fields of at most 256 characters (longer text can match nothing).
 */
export const LOCAL_LIMITS = {
  region: 32,
  filter: 256,
} as const;

const FIELD_LIMITS = { ...SWF_LIMITS, ...LOCAL_LIMITS };

export type FieldName = keyof typeof FIELD_LIMITS;

/** The fields that are free text the API lets a caller leave out. */
export type OptionalTextField = Exclude<FieldName, 'taskToken' | 'signalName' | NameField | 'region' | 'filter' | 'tag' | 'typeName' | 'typeVersion' | 'timeout'>;

/** Names SWF restricts (no control characters, no `:`, `/` or `|`, not `arn`) and identifiers of an execution. */
type NameField = 'domain' | 'taskList' | 'workflowId' | 'runId' | 'typeName' | 'typeVersion';

/** Why a field was rejected: lets the UI react without parsing the message. */
export type FieldProblemKind = 'tooLong' | 'loneSurrogate' | 'empty' | 'whitespace' | 'control' | 'character' | 'reserved' | 'format' | 'schema';

/** A check of a field's text beyond SWF's limits (its activity type's schema): `undefined` when it passes, else why not. */
export type TextCheck = (text: string) => string | undefined;

export interface FieldProblem {
  ok: false;
  field: FieldName;
  problem: FieldProblemKind;
  limit: number;
  /** Length found, in UTF-16 code units (the unit SWF counts). */
  length: number;
  message: string;
}

/**
 * Result of checking one field. `value` is what to send: `undefined` means
 * "omit the field". `note` tells the person about a harmless change, such as
 * whitespace-only text being sent as nothing.
 */
export type Validated<T> = { ok: true; value: T | undefined; note?: string } | FieldProblem;

/** Result of checking a whole request: the SDK input, ready to send, or every problem found. */
export type RequestValidation<R> = { ok: true; request: R; notes: string[] } | { ok: false; problems: FieldProblem[] };

export type CompletionRequest = RespondActivityTaskCompletedInput & { taskToken: string };
export type FailureRequest = RespondActivityTaskFailedInput & { taskToken: string };
export type CancellationRequest = RespondActivityTaskCanceledInput & { taskToken: string };

/** What TerminateWorkflowExecution does with the execution's children; left out, the execution's own default applies. */
export type ChildPolicy = 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON';
export const CHILD_POLICIES: readonly ChildPolicy[] = ['TERMINATE', 'REQUEST_CANCEL', 'ABANDON'];

/** The typed parts of SignalWorkflowExecution (the execution is not typed: it comes from the node). */
export interface SignalRequest {
  signalName: string;
  input?: string;
}

/** The typed parts of TerminateWorkflowExecution. */
export interface TerminationRequest {
  reason?: string;
  details?: string;
  childPolicy?: ChildPolicy;
}

/** How fields are named at the start of a message (a function: texts are translated when used, not at load). */
function fieldLabel(field: FieldName): string {
  switch (field) {
    case 'taskToken':
      return t('Task token');
    case 'result':
      return t('Result');
    case 'details':
      return t('Details');
    case 'reason':
      return t('Reason');
    case 'identity':
      return t('Identity');
    case 'heartbeatDetails':
      return t('Heartbeat details');
    case 'signalName':
      return t('Signal name');
    case 'input':
      return t('Input');
    case 'terminateReason':
      return t('Reason');
    case 'domain':
      return t('Domain name');
    case 'taskList':
      return t('Task list name');
    case 'workflowId':
      return t('Workflow ID');
    case 'runId':
      return t('Run ID');
    case 'region':
      return t('Region');
    case 'filter':
      return t('Filter');
    case 'tag':
      return t('Tag');
    case 'typeName':
      return t('Workflow type name');
    case 'typeVersion':
      return t('Workflow type version');
    case 'timeout':
      return t('Timeout');
  }
}

/** How fields are named inside a sentence: "it will be sent as no result". */
function fieldNoun(field: OptionalTextField): string {
  switch (field) {
    case 'result':
      return t('result');
    case 'details':
      return t('details');
    case 'reason':
      return t('reason');
    case 'identity':
      return t('identity');
    case 'heartbeatDetails':
      return t('heartbeat details');
    case 'input':
      return t('input');
    case 'terminateReason':
      return t('reason');
  }
}

/** "Details are too long", "Reason is too long". */
const PLURAL_FIELDS: ReadonlySet<FieldName> = new Set(['details', 'heartbeatDetails']);

// Without the `u` flag these match single UTF-16 units, which is what finding a broken pair needs.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;
/* eslint-disable no-control-regex -- finding control characters is the point */
/** C0 controls, DEL and C1 controls: what SWF's name rules forbid (\u0000-\u001f, \u007f-\u009f). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, but for tab, line feed and carriage return, which free text holds as a matter of course. */
const UNUSUAL_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */
/** Characters SWF forbids in names. */
const NAME_FORBIDDEN = /[:/|]/;
/** AWS region names: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`. */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** Fields whose value is often JSON (the Data shape): a note when it looks like JSON but does not parse. */
const JSON_FIELDS: ReadonlySet<FieldName> = new Set(['result', 'details', 'input']);

/** `U+0007` for a character, as a person can look it up. */
function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Checks a task token: surrounding whitespace (from pasting) is dropped; the rest must be one unbroken string of 1..1024 characters. */
export function validateTaskToken(raw: string | undefined): Validated<string> {
  const token = (raw ?? '').trim();
  if (token === '') {
    return problem('taskToken', 'empty', token, t('Task token is empty: claim the task first, or paste its whole token.'));
  }
  const whitespaceAt = token.search(/\s/);
  if (whitespaceAt >= 0) {
    return problem(
      'taskToken',
      'whitespace',
      token,
      t('Task token contains whitespace at position {0}: a token is one unbroken string; check that it was pasted whole.', whitespaceAt + 1),
    );
  }
  const controlAt = token.search(CONTROL);
  if (controlAt >= 0) {
    return problem(
      'taskToken',
      'control',
      token,
      t('Task token contains a control character ({0}) at position {1}: a token is printable text; check that it was pasted whole.', codePoint(token[controlAt]), controlAt + 1),
    );
  }
  return checkContent('taskToken', token);
}

/** Checks the `result` of RespondActivityTaskCompleted (optional, at most 32,768 characters). */
export function validateResult(raw: string | undefined): Validated<string> {
  return validateOptionalText('result', raw);
}

/** Checks the `details` of RespondActivityTaskFailed or RespondActivityTaskCanceled (optional, at most 32,768 characters). */
export function validateDetails(raw: string | undefined): Validated<string> {
  return validateOptionalText('details', raw);
}

/** Checks the `reason` of RespondActivityTaskFailed (optional, at most 256 characters). */
export function validateReason(raw: string | undefined): Validated<string> {
  return validateOptionalText('reason', raw);
}

/** Checks a worker identity for PollForActivityTask (optional, at most 256 characters). */
export function validateIdentity(raw: string | undefined): Validated<string> {
  return validateOptionalText('identity', raw);
}

/**
 * Checks an optional free-text field. Empty means "omit it" (the API makes
 * these fields optional). Whitespace-only text is omitted too, with a note,
 * since it is almost certainly not meant as content. Any other text is sent
 * exactly as typed: leading or trailing spaces of real content may matter.
 */
export function validateOptionalText(field: OptionalTextField, raw: string | undefined): Validated<string> {
  const text = raw ?? '';
  if (text === '') return { ok: true, value: undefined };
  if (text.trim() === '') {
    return { ok: true, value: undefined, note: t('{0} contains only whitespace: it will be sent as no {1}.', fieldLabel(field), fieldNoun(field)) };
  }
  return checkContent(field, text);
}

/**
 * Checks a signal name (1..256 characters). Surrounding whitespace is
 * dropped, with a note: a decider matches the name exactly, and a space
 * pasted along with it would make the signal one nobody listens for.
 */
export function validateSignalName(raw: string | undefined): Validated<string> {
  const typed = raw ?? '';
  const name = typed.trim();
  if (name === '') {
    return problem('signalName', 'empty', name, typed === '' ? t('Signal name is empty: SWF needs the name the decider listens for.') : t('Signal name contains only whitespace: SWF needs the name the decider listens for.'));
  }
  const check = checkContent('signalName', name);
  if (check.ok && name !== typed) return { ...check, note: [t('Signal name: the spaces around it will not be sent.'), ...(check.note ? [check.note] : [])].join(' ') };
  return check;
}

/** Checks a typed domain name (1..256 characters, SWF's rules for names). */
export function validateDomainName(raw: string | undefined): Validated<string> {
  return validateName('domain', raw);
}

/** Checks a typed task list name (1..256 characters, SWF's rules for names). */
export function validateTaskListName(raw: string | undefined): Validated<string> {
  return validateName('taskList', raw);
}

/** Checks a typed workflow ID (1..256 characters, SWF's rules for names). */
export function validateWorkflowId(raw: string | undefined): Validated<string> {
  return validateName('workflowId', raw);
}

/** Checks a typed run ID (1..64 characters, printable). */
export function validateRunId(raw: string | undefined): Validated<string> {
  return validateName('runId', raw);
}

/**
 * SWF's rules for names (domains, task lists, workflow IDs): 1..256
 * characters once the surrounding whitespace (which SWF forbids) is dropped,
 * no control characters, no `:`, `/` or `|`, and not the literal `arn`. A
 * name that breaks them cannot exist, so it is refused before any call.
 */
function validateName(field: NameField, raw: string | undefined): Validated<string> {
  const label = fieldLabel(field);
  const name = (raw ?? '').trim();
  if (name === '') return problem(field, 'empty', name, (raw ?? '') === '' ? t('{0} is empty.', label) : t('{0} contains only whitespace.', label));
  const controlAt = name.search(CONTROL);
  if (controlAt >= 0) {
    return problem(field, 'control', name, t('{0} contains a control character ({1}) at position {2}: SWF does not allow control characters in names.', label, codePoint(name[controlAt]), controlAt + 1));
  }
  const forbiddenAt = name.search(NAME_FORBIDDEN);
  if (field !== 'runId' && forbiddenAt >= 0) {
    return problem(field, 'character', name, t('{0} contains "{1}" at position {2}: SWF does not allow ":", "/" or "|" in names.', label, name[forbiddenAt], forbiddenAt + 1));
  }
  if (field !== 'runId' && name === 'arn') return problem(field, 'reserved', name, t('{0} cannot be "arn": SWF reserves it.', label));
  return checkContent(field, name);
}

/** What an SWF name is: a registered type's name (1..256) or its version (1..64). */
export type SwfNameKind = 'name' | 'version';

/**
 * Why SWF would not allow `name` as a type's name or version, or `undefined`
 * when it would: the same rules as validateName (empty, surrounding
 * whitespace, control characters, `:`, `/`, `|`, the literal `arn`, the
 * length), said as the end of a sentence ("contains \"/\""). For data a peer
 * sent: real SWF refuses such names, a local peer may not (moto registers
 * `../../tmp/x`), so whatever a name becomes (a file name) is checked here.
 */
export function swfNameProblem(name: string, kind: SwfNameKind = 'name'): string | undefined {
  const max = kind === 'name' ? SWF_FIELD_LIMITS.Name.max : SWF_FIELD_LIMITS.Version.max;
  if (name === '') return t('is empty');
  if (name.trim() !== name) return t('has whitespace around it');
  const controlAt = name.search(CONTROL);
  if (controlAt >= 0) return t('contains a control character ({0})', codePoint(name[controlAt]));
  const forbiddenAt = name.search(NAME_FORBIDDEN);
  if (forbiddenAt >= 0) return t('contains "{0}"', name[forbiddenAt]);
  if (name === 'arn') return t('is "arn", which SWF reserves');
  if (name.length > max) return t('has {0} characters, more than the {1} SWF allows', formatCount(name.length), formatCount(max));
  if (LONE_SURROGATE.test(name)) return t('contains a broken character (half of a surrogate pair)');
  return undefined;
}

/** Checks a typed AWS region name, such as `eu-west-1`. */
export function validateRegion(raw: string | undefined): Validated<string> {
  const region = (raw ?? '').trim();
  if (region === '') return problem('region', 'empty', region, t('Region is empty: type a region such as eu-west-1.'));
  if (region.length > LOCAL_LIMITS.region || !REGION_NAME.test(region)) {
    const shown = region.length > 40 ? `${region.slice(0, 40)}…` : region;
    return problem('region', 'format', region, t('"{0}" is not a region name: type one such as eu-west-1 (lower-case letters, dashes, a number at the end).', shown));
  }
  return { ok: true, value: region };
}

/**
 * Checks the tree's filter. Surrounding whitespace is dropped; nothing left
 * shows every row. Text longer than any field it is matched against can
 * match nothing, and is refused rather than leaving an empty tree unexplained.
 */
export function validateFilter(raw: string | undefined): Validated<string> {
  const typed = raw ?? '';
  const query = typed.trim();
  if (query === '') return typed === '' ? { ok: true, value: undefined } : { ok: true, value: undefined, note: t('Filter contains only whitespace: every row will be shown.') };
  if (query.length > LOCAL_LIMITS.filter) {
    return problem('filter', 'tooLong', query, t('Filter is too long: {0}; no field it is matched against has more than {1}.', describeLength(query), formatCount(LOCAL_LIMITS.filter)));
  }
  const loneAt = query.search(LONE_SURROGATE);
  if (loneAt >= 0) {
    return problem('filter', 'loneSurrogate', query, t('{0} contains a broken character at position {1} (half of an emoji or other surrogate pair): delete it or type it again.', fieldLabel('filter'), loneAt + 1));
  }
  return { ok: true, value: query };
}

/** Checks the `input` of SignalWorkflowExecution (optional, at most 32,768 characters). */
export function validateSignalInput(raw: string | undefined): Validated<string> {
  return validateOptionalText('input', raw);
}

/** Checks the `reason` of TerminateWorkflowExecution (optional, at most 256 characters). */
export function validateTerminateReason(raw: string | undefined): Validated<string> {
  return validateOptionalText('terminateReason', raw);
}

/** Checks everything a person entered for SignalWorkflowExecution; the name is trimmed. */
export function validateSignal(input: { signalName: string; input?: string }): RequestValidation<SignalRequest> {
  return collect<SignalRequest>({ signalName: validateSignalName(input.signalName), input: validateSignalInput(input.input) });
}

/** Checks everything a person entered for TerminateWorkflowExecution; no child policy leaves the execution's default. */
export function validateTermination(input: { reason?: string; details?: string; childPolicy?: ChildPolicy }): RequestValidation<TerminationRequest> {
  return collect<TerminationRequest>({
    reason: validateTerminateReason(input.reason),
    details: validateDetails(input.details),
    childPolicy: { ok: true, value: input.childPolicy },
  });
}

/** Checks everything a person entered for RespondActivityTaskCompleted; the token is trimmed. */
export function validateCompletion(input: { taskToken: string; result?: string }, schema?: TextCheck): RequestValidation<CompletionRequest> {
  return collect<CompletionRequest>({ taskToken: validateTaskToken(input.taskToken), result: withSchema('result', validateResult(input.result), input.result, schema) });
}

/** Checks everything a person entered for RespondActivityTaskFailed; the token is trimmed. */
export function validateFailure(input: { taskToken: string; reason?: string; details?: string }, detailsSchema?: TextCheck): RequestValidation<FailureRequest> {
  return collect<FailureRequest>({
    taskToken: validateTaskToken(input.taskToken),
    reason: validateReason(input.reason),
    details: withSchema('details', validateDetails(input.details), input.details, detailsSchema),
  });
}

/**
 * A field within SWF's limits must also satisfy its schema, when it has one:
 * the schema sees the text as typed (an empty or whitespace-only text too,
 * which the schema's check refuses: a schema expects JSON).
 */
export function withSchema(field: OptionalTextField, check: Validated<string>, raw: string | undefined, schema: TextCheck | undefined): Validated<string> {
  if (!check.ok || !schema) return check;
  const message = schema(raw ?? '');
  return message === undefined ? check : problem(field, 'schema', raw ?? '', `${fieldLabel(field)}: ${message}`);
}

/** Checks everything a person entered for RespondActivityTaskCanceled; the token is trimmed. */
export function validateCancellation(input: { taskToken: string; details?: string }): RequestValidation<CancellationRequest> {
  return collect<CancellationRequest>({ taskToken: validateTaskToken(input.taskToken), details: validateDetails(input.details) });
}

/** At most 5 tags per execution (SWF's TagList). */
export const MAX_TAGS = 5;
/** executionStartToCloseTimeout cannot be NONE and is at most one year. */
export const MAX_EXECUTION_SECONDS = 31_536_000;

export interface StartFields {
  workflowId: string;
  typeName: string;
  typeVersion: string;
  /** Empty: the type's default task list. */
  taskList?: string;
  input?: string;
  tags?: readonly string[];
  executionStartToCloseTimeout?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: ChildPolicy;
}

/** Checks one tag of an execution: 1..256 characters, surrounding spaces dropped. */
export function validateTag(raw: string | undefined): Validated<string> {
  const tag = (raw ?? '').trim();
  if (tag === '') return problem('tag', 'empty', tag, t('A tag is empty: leave it out or type it.'));
  return checkContent('tag', tag);
}

/** Checks the tags of a new execution: at most 5, each 1..256 characters. */
export function validateTags(raw: readonly string[] | undefined): Validated<string[]> {
  const tags = raw ?? [];
  if (tags.length > MAX_TAGS) return problem('tag', 'tooLong', tags.join(','), t('Too many tags: {0}; SWF allows at most {1} per execution.', tags.length, MAX_TAGS));
  const checked: string[] = [];
  for (const tag of tags) {
    const check = validateTag(tag);
    if (!check.ok) return check;
    checked.push(check.value ?? '');
  }
  return { ok: true, value: checked.length > 0 ? checked : undefined };
}

/**
 * Checks a timeout as SWF writes it: whole seconds in digits, or NONE (when
 * `allowNone`); empty means the type's default. `maxSeconds` bounds the value.
 */
export function validateTimeout(raw: string | undefined, options: { allowNone: boolean; maxSeconds?: number }): Validated<string> {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, value: undefined };
  const upper = text.toUpperCase();
  if (upper === 'NONE') {
    return options.allowNone ? { ok: true, value: 'NONE' } : problem('timeout', 'format', text, t('Timeout "NONE" is not allowed here: SWF needs a number of seconds (at most {0}).', formatCount(options.maxSeconds ?? 99_999_999)));
  }
  if (!/^\d+$/.test(text) || text.length > FIELD_LIMITS.timeout) {
    const shown = text.length > 20 ? `${text.slice(0, 20)}…` : text;
    return problem('timeout', 'format', text, options.allowNone ? t('Timeout "{0}" is not a duration: type whole seconds (at most 8 digits) or NONE.', shown) : t('Timeout "{0}" is not a duration: type whole seconds (at most 8 digits).', shown));
  }
  if (options.maxSeconds !== undefined && Number(text) > options.maxSeconds) {
    return problem('timeout', 'format', text, t('Timeout {0} s is too long: SWF allows at most {1} s.', text, formatCount(options.maxSeconds)));
  }
  return { ok: true, value: text };
}

/** Checks everything a person entered for StartWorkflowExecution (and a re-run); every problem is listed at once. */
export function validateStart(fields: StartFields, inputSchema?: TextCheck): RequestValidation<StartRequest> {
  const name = validateName('typeName', fields.typeName);
  const version = validateName('typeVersion', fields.typeVersion);
  const taskList = (fields.taskList ?? '').trim() === '' ? ({ ok: true, value: undefined } as const) : validateTaskListName(fields.taskList);
  const typeCheck: Validated<{ name: string; version: string }> = !name.ok ? name : !version.ok ? version : { ok: true, value: { name: name.value ?? '', version: version.value ?? '' } };
  return collect<StartRequest>({
    workflowId: validateWorkflowId(fields.workflowId),
    workflowType: typeCheck,
    taskList: taskList.ok ? { ok: true, value: taskList.value === undefined ? undefined : { name: taskList.value } } : taskList,
    input: withSchema('input', validateOptionalText('input', fields.input), fields.input, inputSchema),
    tagList: validateTags(fields.tags),
    executionStartToCloseTimeout: validateTimeout(fields.executionStartToCloseTimeout, { allowNone: false, maxSeconds: MAX_EXECUTION_SECONDS }),
    taskStartToCloseTimeout: validateTimeout(fields.taskStartToCloseTimeout, { allowNone: true }),
    childPolicy: fields.childPolicy === undefined || CHILD_POLICIES.includes(fields.childPolicy) ? { ok: true, value: fields.childPolicy } : problem('input', 'format', String(fields.childPolicy), t('Child policy must be one of {0}.', CHILD_POLICIES.join(', '))),
  });
}

/** A check's message when it refuses the text, for a validator that wants only that (`validateInput`, a pick's typed item). */
export function problemOf(check: Validated<unknown>): string | undefined {
  return check.ok ? undefined : check.message;
}

/** Why a request was refused before any call: each problem's message, after "Not sent:". */
export function notSentMessage(problems: readonly FieldProblem[]): string {
  return t('Not sent: {0}', problems.map((p) => p.message).join(' '));
}

/** A counter for input boxes, e.g. `1,204 / 32,768 characters`, saying when the text is over the limit. */
export function lengthHint(field: FieldName, text: string): string {
  const limit = FIELD_LIMITS[field];
  let hint = t('{0} / {1} characters', formatCount(text.length), formatCount(limit));
  if (SURROGATE_PAIR.test(text)) hint = t('{0} (emoji count as 2)', hint);
  if (text.length > limit) hint = t('{0}, {1} too many', hint, formatCount(text.length - limit));
  return hint;
}

/** The checks every sent value needs: well-formed UTF-16 and within the limit. */
function checkContent(field: FieldName, text: string): Validated<string> {
  const label = fieldLabel(field);
  const limit = FIELD_LIMITS[field];
  if (text.length > limit) {
    const message = PLURAL_FIELDS.has(field)
      ? t('{0} are too long: {1}, SWF allows at most {2}.', label, describeLength(text), formatCount(limit))
      : t('{0} is too long: {1}, SWF allows at most {2}.', label, describeLength(text), formatCount(limit));
    return problem(field, 'tooLong', text, message);
  }
  const loneAt = text.search(LONE_SURROGATE);
  if (loneAt >= 0) {
    return problem(
      field,
      'loneSurrogate',
      text,
      t('{0} contains a broken character at position {1} (half of an emoji or other surrogate pair): delete it or type it again.', label, loneAt + 1),
    );
  }
  const notes = [controlNote(field, text), jsonNote(field, text)].filter((n): n is string => n !== undefined);
  return notes.length ? { ok: true, value: text, note: notes.join(' ') } : { ok: true, value: text };
}

/** Free text keeps its control characters; the person is told, since they are invisible. */
function controlNote(field: FieldName, text: string): string | undefined {
  const at = text.search(UNUSUAL_CONTROL);
  if (at < 0) return undefined;
  return t('{0} contains a control character ({1}) at position {2}: it will be sent as typed.', fieldLabel(field), codePoint(text[at]), at + 1);
}

/** Text that starts like a JSON object or array but does not parse is sent as it is; the person is told where it breaks. */
function jsonNote(field: FieldName, text: string): string | undefined {
  if (!JSON_FIELDS.has(field)) return undefined;
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return undefined;
  try {
    JSON.parse(trimmed);
    return undefined;
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    return position !== undefined
      ? t('{0} looks like JSON but does not parse (at character {1}): it will be sent as plain text.', fieldLabel(field), Number(position) + 1)
      : t('{0} looks like JSON but does not parse (it ends too early): it will be sent as plain text.', fieldLabel(field));
  }
}

function problem(field: FieldName, kind: FieldProblemKind, text: string, message: string): FieldProblem {
  return { ok: false, field, problem: kind, limit: FIELD_LIMITS[field], length: text.length, message };
}

/** `300 characters`, and when units and visible characters differ, says so. */
function describeLength(text: string): string {
  return SURROGATE_PAIR.test(text)
    ? t('{0} characters (UTF-16 units; emoji count as 2)', formatCount(text.length))
    : t('{0} characters', formatCount(text.length));
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * Turns per-field results into one SDK request: omitted values are left out
 * (not set to `undefined`) so the request equals what the person meant to send.
 */
function collect<R>(checks: { [K in keyof R]-?: Validated<R[K]> }): RequestValidation<R> {
  const results: [string, Validated<unknown>][] = Object.entries(checks);
  const problems = results.flatMap(([, check]) => (check.ok ? [] : [check]));
  if (problems.length > 0) return { ok: false, problems };
  const notes = results.flatMap(([, check]) => (check.ok && check.note !== undefined ? [check.note] : []));
  const entries = results.flatMap(([key, check]) => (check.ok && check.value !== undefined ? [[key, check.value] as const] : []));
  // Each key comes from `checks`, which is typed by R, with a value of that key's type.
  return { ok: true, request: Object.fromEntries(entries) as R, notes };
}

/** Checks a typed workflow type name (Add Domain's type filter, the Executions search): SWF's rules for names. */
export function validateWorkflowTypeName(raw: string | undefined): Validated<string> {
  return validateName('typeName', raw);
}

/** Checks a typed workflow type version (the same rules, at most 64 characters). */
export function validateWorkflowTypeVersion(raw: string | undefined): Validated<string> {
  return validateName('typeVersion', raw);
}
