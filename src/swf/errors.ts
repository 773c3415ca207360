/**
 * Turns whatever an SWF call threw (an SDK v3 service exception, a credential
 * provider error, a Node network error, a deserialization failure) into a
 * title and detail a person can act on, plus what the UI should do next.
 *
 * Works on the shape of the error (`name`, `code`, `$metadata`), never on SDK
 * classes, so the SDK need not be loaded and errors from any source can be
 * described. Every text taken from an error passes through `redactTokens`:
 * services and proxies sometimes echo the request, which holds the task token.
 */
import { t } from '@vscode/l10n';
import { redactTokens } from './tokens';

export type SwfErrorKind =
  | 'taskClosed'
  | 'unknownDomain'
  | 'unknownExecution'
  | 'unknownResource'
  | 'sandboxStopped'
  | 'notPermitted'
  | 'throttled'
  | 'validation'
  | 'credentials'
  | 'network'
  | 'endpoint'
  | 'cancelled'
  | 'service'
  | 'readBound'
  | 'registry'
  | 'unknown';

export interface SwfErrorInfo {
  kind: SwfErrorKind;
  title: string;
  detail: string;
  /** The same call, unchanged, can succeed later (after waiting, or after a fix outside VS Code such as `aws sso login`). */
  retryable: boolean;
  /** What the tree shows is out of date: the task or execution changed elsewhere. */
  refreshTree: boolean;
}

/** What the caller knows about the failed call; makes the advice concrete. */
export interface SwfErrorContext {
  /** SWF operation, e.g. `RespondActivityTaskCompleted` (a `Command` suffix is ignored). */
  operation?: string;
  domain?: string;
  endpoint?: string;
  profile?: string;
  region?: string;
  /** The connection's label, `prod (eu-west-1)`. */
  connection?: string;
}

/**
 * The gateway tags every failure with the call it came from, so whoever
 * reports the error later names the right SWF operation, domain and
 * endpoint without being told. Kept off the enumerable properties: nothing
 * that serializes the error sees it.
 */
const CALL_CONTEXT = Symbol.for('swf-activity-tasks/call-context');

export function tagSwfError<E>(error: E, ctx: SwfErrorContext): E {
  if (typeof error === 'object' && error !== null && !Object.prototype.hasOwnProperty.call(error, CALL_CONTEXT)) {
    Object.defineProperty(error, CALL_CONTEXT, { value: ctx, enumerable: false });
  }
  return error;
}

/** The context the gateway tagged an error with, if any. */
export function taggedContext(error: unknown): SwfErrorContext | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as { [CALL_CONTEXT]?: SwfErrorContext })[CALL_CONTEXT];
}

/** The parts of an error that classification reads, whatever threw it. */
interface ErrorFacts {
  name: string;
  message: string;
  code: string | undefined;
  httpStatus: number | undefined;
  /** A ReadBoundExceeded's facts (readBounds.ts). */
  bound?: { read?: string; count?: number; repeatedToken?: boolean };
}

/** Context with the operation normalized, plus the error's facts. */
interface Situation extends ErrorFacts {
  operation: string | undefined;
  ctx: SwfErrorContext;
}

type Classifier = (s: Situation) => SwfErrorInfo | undefined;

/** Operations whose UnknownResourceFault means the task token's task has closed. */
const TASK_TOKEN_OPERATION = /^(RespondActivityTask(Completed|Failed|Canceled)|RecordActivityTaskHeartbeat)$/;

/** What a person should read for each Node network error code (a function: texts are translated when used, not at load). */
function networkFailure(code: string): string | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return t('connection refused');
    case 'ENOTFOUND':
      return t('host name not found');
    case 'EAI_AGAIN':
      return t('host name lookup failed (DNS did not answer)');
    case 'ETIMEDOUT':
      return t('connection timed out');
    case 'ECONNRESET':
      return t('connection reset');
    case 'EHOSTUNREACH':
      return t('host unreachable');
    case 'ENETUNREACH':
      return t('network unreachable');
    case 'EPIPE':
      return t('connection closed while sending');
    default:
      return undefined;
  }
}

/** Service error names that mean the credentials themselves were refused or are stale. */
const REJECTED_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const EXPIRED_CREDENTIALS = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);

/** Tried in order: the first that recognizes the error describes it. */
const CLASSIFIERS: readonly Classifier[] = [
  describeReadBound,
  describeSandboxStopped,
  describeRegistryFault,
  describeUnknownResource,
  describeStartRefused,
  describeNotPermitted,
  describeThrottling,
  describeValidation,
  describeCredentials,
  describeEndpointConfig,
  describeNetwork,
  describeCancelled,
  describeServerError,
];

/** Title and detail as one message: "The task is already closed. It was completed, …". */
export function errorMessage(info: Pick<SwfErrorInfo, 'title' | 'detail'>): string {
  if (!info.detail) return info.title;
  return `${info.title}${/[.!?:]$/.test(info.title) ? '' : '.'} ${info.detail}`;
}

/** Describes an error thrown by an SWF call (or while preparing it) for a person. */
export function describeSwfError(err: unknown, given: SwfErrorContext = {}): SwfErrorInfo {
  // What the gateway recorded wins: it knows which call failed, and where.
  const ctx: SwfErrorContext = { ...given, ...definedFields(taggedContext(err)) };
  const situation: Situation = { ...readErrorFacts(err), operation: ctx.operation?.replace(/Command$/, ''), ctx };
  for (const classify of CLASSIFIERS) {
    const described = classify(situation);
    if (described) return namingOperation(described, situation.operation);
  }
  const title = situation.operation !== undefined ? t('swf:{0} failed', situation.operation) : t('SWF call failed');
  return info('unknown', title, situation.message || situation.name || t('No error message.'));
}

/** Every description says which SWF operation failed (`swf:PollForActivityTask`), the name IAM policies and CloudTrail use. */
function namingOperation(described: SwfErrorInfo, operation: string | undefined): SwfErrorInfo {
  if (operation === undefined) return described;
  const action = `swf:${operation}`;
  if (described.title.includes(action) || described.detail.includes(action)) return described;
  return { ...described, detail: `${described.detail} (${action})` };
}

/** Reads name, message, network code and HTTP status from anything thrown, including non-Error values. */
function readErrorFacts(err: unknown): ErrorFacts {
  if (typeof err !== 'object' || err === null) {
    return { name: '', message: redactTokens(String(err)), code: undefined, httpStatus: undefined };
  }
  const record = err as Record<string, unknown>;
  const metadata = asRecord(record.$metadata);
  // Some HTTP stacks wrap the socket error; its code then sits on `cause`.
  const code = stringField(record, 'code') ?? stringField(asRecord(record.cause), 'code');
  const status = metadata?.httpStatusCode;
  return {
    name: stringField(record, 'name') ?? '',
    message: redactTokens(stringField(record, 'message') ?? ''),
    code,
    httpStatus: typeof status === 'number' ? status : undefined,
    bound: record.name === 'ReadBoundExceeded' ? { read: stringField(record, 'read'), count: typeof record.count === 'number' ? record.count : undefined, repeatedToken: record.repeatedToken === true } : undefined,
  };
}

/**
 * A read stopped at one of readBounds.ts's bounds: the endpoint sent more
 * than SWF ever does (a page chain that does not end, a body too large).
 * Retry reads again; a real SWF endpoint never meets these.
 */
function describeReadBound(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'ReadBoundExceeded') return undefined;
  const { read, count, repeatedToken } = s.bound ?? {};
  const where = s.ctx.endpoint ?? s.ctx.connection ?? t('The endpoint');
  const pages = (count ?? 0).toLocaleString('en-US');
  const why = repeatedToken ? t('it sent a page token it had sent before, so the pages would never end') : t('{0} pages, more than SWF ever sends for one read', pages);
  switch (read) {
    case 'response': {
      const mib = ((count ?? 0) / 1024 / 1024).toFixed(1);
      return info('readBound', t('{0} sent an answer too large to read', where), t('{0} MiB or more, over the 64 MiB a page of SWF can need: refused without keeping it. Check that the endpoint is SWF.', mib));
    }
    case 'listing':
      return info('readBound', t('The listing of open executions did not end'), t('{0} kept paging ListOpenWorkflowExecutions: {1}. The read stopped there; Retry lists again.', where, why));
    case 'domains':
      return info('readBound', t('The list of domains did not end'), t('{0} kept paging ListDomains: {1}. Type the domain name instead.', where, why));
    case 'types':
      return info('readBound', t('The list of types did not end'), t('{0} kept paging the list of types: {1}. The read stopped there.', where, why));
    default:
      return info('readBound', t('The history did not end'), t('{0} kept paging the history: {1}. The read stopped there; Retry reads it again.', where, why));
  }
}

/** The name and version in a type fault's message, `ActivityType=[name=x, version=1]`, as `x 1`; else the message as SWF sent it. */
function typeNamed(s: Situation): string {
  const match = /(Activity|Workflow)Type=\[name=(.*), version=(.*)\]$/.exec(s.message);
  return match ? `${match[2]} ${match[3]}` : s.message;
}

/**
 * The registry's faults (issue 18), each with its own message, read by the
 * operation: the same fault means "the name is taken" when registering and
 * "it is not deprecated" when undeprecating.
 */
function describeRegistryFault(s: Situation): SwfErrorInfo | undefined {
  const op = s.operation ?? '';
  const domain = s.ctx.domain ?? s.message;
  switch (s.name) {
    case 'DomainAlreadyExistsFault':
      return op === 'UndeprecateDomain'
        ? info('registry', t('Domain "{0}" is not deprecated', domain), t('It is registered already: there is nothing to undeprecate.'))
        : info('registry', t('Domain "{0}" already exists', domain), t('A registered or deprecated domain already has this name in this account and region; domains are never deleted, so choose another name.'));
    case 'DomainDeprecatedFault':
      return op === 'DeprecateDomain'
        ? info('registry', t('Domain "{0}" is already deprecated', domain), t('Undeprecate it to use it again.'))
        : info('registry', t('Domain "{0}" is deprecated', domain), t('A deprecated domain takes no new executions and no new types; undeprecate it first.'));
    case 'TypeAlreadyExistsFault':
      return /^Undeprecate/.test(op)
        ? info('registry', t('Type {0} is not deprecated', typeNamed(s)), t('It is registered already: there is nothing to undeprecate.'))
        : info('registry', t('Type {0} already exists', typeNamed(s)), t('A registered or deprecated type already has this name and version; SWF types cannot be changed, so register a new version.'));
    case 'TypeDeprecatedFault':
      // A start of a deprecated workflow type says what to change in the start (describeStartRefused).
      if (op === 'StartWorkflowExecution') return undefined;
      return /^Deprecate/.test(op)
        ? info('registry', t('Type {0} is already deprecated', typeNamed(s)), t('Undeprecate it to use it again.'))
        : info('registry', t('Type {0} is deprecated', typeNamed(s)), t('A deprecated type gets no new executions or tasks; undeprecate it, or use another version.'));
    case 'LimitExceededFault':
      // Only the registry's own limits are known here: elsewhere (a poll, a start) the service's message says which limit.
      if (!/^(Register|Undeprecate)/.test(op)) return undefined;
      return info('registry', t('An SWF limit was reached'), t('The account or domain holds as many domains or types as SWF allows (100 registered domains per account and region, 10,000 types of each kind per domain); deprecate some, or ask AWS for a higher limit.{0}', serviceSays(s)));
    case 'TooManyTagsFault':
      return info('registry', t('Too many tags'), t('A domain can have at most 50 tags; remove some first.{0}', serviceSays(s)));
    default:
      return undefined;
  }
}

function describeSandboxStopped(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'SandboxNotRunning') return undefined;
  return {
    ...info('sandboxStopped', t('The local SWF sandbox is not running'), t('Start it again (SWF: Start Local Sandbox). A task claimed on an earlier sandbox is gone with it.')),
    retryable: true,
  };
}

/**
 * UnknownResourceFault means different things by operation and message: a
 * task token's task has closed; the domain is not registered (in this
 * region); the execution has closed or never existed; a type is unknown.
 */
function describeUnknownResource(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'UnknownResourceFault') return undefined;
  if (s.operation !== undefined && TASK_TOKEN_OPERATION.test(s.operation)) {
    const detail = s.ctx.connection !== undefined
      ? t('It was completed, failed, canceled or timed out elsewhere (on {0}); refresh to see its current state.', s.ctx.connection)
      : t('It was completed, failed, canceled or timed out elsewhere; refresh to see its current state.');
    return { ...info('taskClosed', t('The task is already closed'), detail), refreshTree: true };
  }
  if (/^Unknown domain/i.test(s.message)) {
    const name = /^Unknown domain:\s*(.+)$/i.exec(s.message)?.[1]?.trim() ?? s.ctx.domain;
    const detail = s.ctx.connection !== undefined
      ? t("Domains are registered per account and region: check the domain's name, and that {0} points at the account and region that hold it.", s.ctx.connection)
      : t("Domains are registered per account and region: check the domain's name, and that the connection points at the account and region that hold it.");
    return info('unknownDomain', unknownDomainTitle(name, s.ctx.region), detail);
  }
  if (/^Unknown execution/i.test(s.message)) {
    const detail = s.ctx.domain !== undefined
      ? t('SWF no longer knows this execution as open in domain "{0}": it closed, or its ID or run ID is wrong.', s.ctx.domain)
      : t('SWF no longer knows this execution as open: it closed, or its ID or run ID is wrong.');
    return { ...info('unknownExecution', t('The workflow execution is closed or unknown'), `${detail}${serviceSays(s)}`), refreshTree: true };
  }
  return info('unknownResource', t('SWF does not know this resource'), s.message || t('Unknown resource.'));
}

function unknownDomainTitle(name: string | undefined, region: string | undefined): string {
  if (name !== undefined) return region !== undefined ? t('Domain "{0}" is not registered in {1}', name, region) : t('Domain "{0}" is not registered', name);
  return region !== undefined ? t('Domain is not registered in {0}', region) : t('Domain is not registered');
}

function describeNotPermitted(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'OperationNotPermittedFault') return undefined;
  const action = `swf:${s.operation ?? '<Operation>'}`;
  const resource = `arn:aws:swf:${s.ctx.region ?? '<region>'}:<account-id>:/domain/${s.ctx.domain ?? '<domain>'}`;
  const detail = s.ctx.profile !== undefined
    ? t('The IAM identity of profile "{0}" may not call {1} on {2}. Ask for a policy that allows it, or choose another profile.', s.ctx.profile, action, resource)
    : t('The IAM identity of the current credentials may not call {0} on {1}. Ask for a policy that allows it, or choose another profile.', action, resource);
  return info('notPermitted', t('Not permitted: {0}', action), `${detail}${serviceSays(s)}`);
}

function describeThrottling(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'ThrottlingException' && s.httpStatus !== 429) return undefined;
  const call = s.operation ?? t('The call');
  const detail = s.ctx.region !== undefined
    ? t("{0} was refused for too many requests, even after the SDK's retries: the account's rate for this API in {1} is used up. Wait a few seconds and try again.", call, s.ctx.region)
    : t("{0} was refused for too many requests, even after the SDK's retries: the account's rate for this API is used up. Wait a few seconds and try again.", call);
  return { ...info('throttled', t('SWF is throttling requests'), detail), retryable: true };
}

/**
 * SWF's answer to a `nextPageToken` past its lifetime (page tokens expire,
 * within seconds for decision-task history pages, after 24 h for lists).
 * Listing again from the first page is the remedy.
 */
export function isExpiredPageToken(err: unknown): boolean {
  const { name, message } = readErrorFacts(err);
  return name === 'ValidationException' && /token has exceeded its maximum lifetime/i.test(message);
}

/**
 * The faults only StartWorkflowExecution raises: each says what to change
 * in the request (Retry offers the prompts again, prefilled).
 */
function describeStartRefused(s: Situation): SwfErrorInfo | undefined {
  switch (s.name) {
    case 'WorkflowExecutionAlreadyStartedFault':
      return info('validation', t('An execution with this workflow ID is already open'), t('SWF allows one open run per workflow ID: start under another ID, or once that run has closed.') + serviceSays(s));
    case 'TypeDeprecatedFault':
      return info('validation', t('The workflow type is deprecated'), t('SWF starts only registered workflow types: pick another type or version.') + serviceSays(s));
    case 'DefaultUndefinedFault':
      return info('validation', t('A value the workflow type has no default for is missing'), t('Type the task list, both timeouts and the child policy: the type registered no default for one of them.') + serviceSays(s));
    default:
      return undefined;
  }
}

function describeValidation(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'ValidationException') return undefined;
  if (/token has exceeded its maximum lifetime/i.test(s.message)) {
    const detail = t('{0} refused a page token that had outlived its lifetime, part-way through a listing. Retry to list again from the first page.', s.operation ?? t('The call'));
    return { ...info('validation', t('A page token expired mid-listing'), detail), retryable: true };
  }
  return info('validation', t('SWF rejected the request'), s.message || t('The request did not pass validation.'));
}

function describeCredentials(s: Situation): SwfErrorInfo | undefined {
  const profile = s.ctx.profile ?? profileNamedIn(s.message);
  const login = `aws sso login${profile !== undefined ? ` --profile ${profile}` : ''}`;
  // Before SSO: the token provider also reports a missing profile, and that needs a different fix.
  if (/Profile .*could not be found|Could not resolve credentials using profile/i.test(s.message)) {
    return info(
      'credentials',
      profile !== undefined ? t('AWS profile "{0}" not found', profile) : t('AWS profile not found'),
      t('Add the domain again with another profile (SWF: Add Domain...), or add this profile to ~/.aws/config or ~/.aws/credentials.'),
    );
  }
  if (s.name === 'TokenProviderError' || /\bSSO\b|aws sso login/i.test(s.message)) {
    return { ...info('credentials', t('The AWS SSO session has expired or is missing'), t('To sign in again, run "{0}" in a terminal, then retry.', login)), retryable: true };
  }
  if (EXPIRED_CREDENTIALS.has(s.name)) {
    return {
      ...info(
        'credentials',
        t('The AWS credentials have expired'),
        t('Renew them: for an SSO profile run "{0}" in a terminal; for temporary keys, refresh them in ~/.aws/credentials or the environment.', login),
      ),
      retryable: true,
    };
  }
  if (REJECTED_CREDENTIALS.has(s.name)) {
    const detail = profile !== undefined
      ? t('The access key is unknown or its secret does not match (profile "{0}"). Check ~/.aws/credentials, or pick another profile.', profile)
      : t('The access key is unknown or its secret does not match. Check ~/.aws/credentials, or pick another profile.');
    return info('credentials', t('AWS rejected the credentials'), `${detail}${serviceSays(s)}`);
  }
  if (s.name === 'CredentialsProviderError' || /could not load credentials/i.test(s.message)) {
    return info(
      'credentials',
      t('No AWS credentials found'),
      t('Add the domain again with a profile that has credentials (SWF: Add Domain...), add keys to ~/.aws/credentials, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. For an SSO profile, run "{0}" in a terminal.', login),
    );
  }
  return undefined;
}

/** Configuration that prevents any call: no region, or an endpoint URL that cannot work. */
function describeEndpointConfig(s: Situation): SwfErrorInfo | undefined {
  if (/region is missing/i.test(s.message)) {
    return info('endpoint', t('No AWS region is set'), t('Add the domain again with a region (SWF: Add Domain...), or set "region" in the profile or AWS_REGION.'));
  }
  if (/invalid region|region.*not (valid|supported)/i.test(s.message) || s.name === 'InvalidRegion') {
    const title = s.ctx.region !== undefined ? t('The region "{0}" is not valid', s.ctx.region) : t('The region is not valid');
    return info('endpoint', title, `${t('Add the domain again with another region (SWF: Add Domain...).')}${serviceSays(s)}`);
  }
  if (s.code === 'ERR_INVALID_URL') {
    const title = s.ctx.endpoint !== undefined ? t('The endpoint URL "{0}" is not valid', s.ctx.endpoint) : t('The endpoint URL is not valid');
    return info('endpoint', title, t('Use a full URL such as {0}: add the domain again (SWF: Add Domain...), or correct its endpoint in the roots setting.', 'http://127.0.0.1:4566'));
  }
  if (s.code !== undefined && /^(EPROTO|ERR_SSL_)/.test(s.code)) {
    return info(
      'endpoint',
      t('TLS failed with {0}', endpointName(s.ctx)),
      t('The endpoint does not speak HTTPS as expected. A local server (sandbox, moto, LocalStack) usually needs an http:// URL.'),
    );
  }
  return undefined;
}

function describeNetwork(s: Situation): SwfErrorInfo | undefined {
  const failure = s.name === 'TimeoutError' ? t('request timed out') : s.code !== undefined ? networkFailure(s.code) : undefined;
  if (failure === undefined) return undefined;
  const advice = s.ctx.endpoint !== undefined
    ? t('Check that the server is running and the endpoint setting is right.')
    : t('Check the network connection, proxy and VPN.');
  return { ...info('network', t('Cannot reach {0}: {1}', endpointName(s.ctx), failure), `${advice} (${s.message || s.code})`), retryable: true };
}

function describeCancelled(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'AbortError' && s.code !== 'ABORT_ERR') return undefined;
  // The service may hand a task to a poll whose client has already gone (see swf-facts.md).
  const detail = s.operation === 'PollForActivityTask'
    ? t('The request was cancelled before SWF answered. If SWF handed out a task meanwhile, it stays started, unseen, until its timeout.')
    : t('The request was cancelled before SWF answered.');
  return info('cancelled', t('Cancelled'), detail);
}

/**
 * 5xx answers. A body that is not JSON (the SDK then throws a SyntaxError
 * "Deserialization error") comes from something that is not SWF's error
 * handler: moto answers an HTML 500 for operations it does not implement;
 * a gateway or proxy answers 502-504 while the service is away.
 */
function describeServerError(s: Situation): SwfErrorInfo | undefined {
  if (s.httpStatus === undefined || s.httpStatus < 500) return undefined;
  const transient = s.httpStatus >= 502;
  const title = t('The endpoint answered HTTP {0}', s.httpStatus);
  if (isUndecodableBody(s)) {
    const where = endpointName(s.ctx);
    const detail = transient
      ? t('{0} answered with a body that is not an SWF error: a gateway or proxy reports the service unreachable; try again shortly.', where)
      : s.operation !== undefined
        ? t('{0} answered with a body that is not an SWF error: it may not implement {1} (moto, for one, lacks some operations).', where, s.operation)
        : t('{0} answered with a body that is not an SWF error: it may not implement this operation (moto, for one, lacks some operations).', where);
    return { ...info('service', title, detail), retryable: transient };
  }
  return { ...info('service', title, `${t('SWF reported an internal error; try again shortly.')}${serviceSays(s)}`), retryable: true };
}

function isUndecodableBody(s: Situation): boolean {
  return s.name === 'SyntaxError' || /Deserialization error/i.test(s.message);
}

/** A non-retryable description that leaves the tree alone: the usual case. */
function info(kind: SwfErrorKind, title: string, detail: string): SwfErrorInfo {
  return { kind, title, detail, retryable: false, refreshTree: false };
}

function serviceSays(s: Situation): string {
  return s.message ? ` (SWF: ${s.message})` : '';
}

function endpointName(ctx: SwfErrorContext): string {
  if (ctx.endpoint !== undefined) return ctx.endpoint;
  return ctx.region !== undefined ? t('SWF in {0}', ctx.region) : 'SWF';
}

function definedFields(ctx: SwfErrorContext | undefined): SwfErrorContext {
  return Object.fromEntries(Object.entries(ctx ?? {}).filter(([, value]) => value !== undefined));
}

/** The profile an SDK credential message names: `Profile x could not…`, `profile: [x]`, `profile=x`. */
function profileNamedIn(message: string): string | undefined {
  const match = /Profile '?([^'\s]+?)'? could not be found|profile: \[([^\]]+)\]|profile=([^\s.]+)/i.exec(message);
  return match?.slice(1).find((group) => group !== undefined);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}
