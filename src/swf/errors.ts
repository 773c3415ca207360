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
import { redactTokens } from './tokens';

export type SwfErrorKind =
  | 'taskClosed'
  | 'unknownResource'
  | 'notPermitted'
  | 'throttled'
  | 'validation'
  | 'credentials'
  | 'network'
  | 'endpoint'
  | 'cancelled'
  | 'service'
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
}

/** The parts of an error that classification reads, whatever threw it. */
interface ErrorFacts {
  name: string;
  message: string;
  code: string | undefined;
  httpStatus: number | undefined;
}

/** Context with the operation normalized, plus the error's facts. */
interface Situation extends ErrorFacts {
  operation: string | undefined;
  ctx: SwfErrorContext;
}

type Classifier = (s: Situation) => SwfErrorInfo | undefined;

/** Operations whose UnknownResourceFault means the task token's task has closed. */
const TASK_TOKEN_OPERATION = /^(RespondActivityTask(Completed|Failed|Canceled)|RecordActivityTaskHeartbeat)$/;

/** What a person should read for each Node network error code. */
const NETWORK_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (DNS did not answer)',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
};

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
  describeUnknownResource,
  describeNotPermitted,
  describeThrottling,
  describeValidation,
  describeCredentials,
  describeEndpointConfig,
  describeNetwork,
  describeCancelled,
  describeServerError,
];

/** Describes an error thrown by an SWF call (or while preparing it) for a person. */
/** Title and detail as one message: "The task is already closed. It was completed, …". */
export function errorMessage(info: Pick<SwfErrorInfo, 'title' | 'detail'>): string {
  if (!info.detail) return info.title;
  return `${info.title}${/[.!?:]$/.test(info.title) ? '' : '.'} ${info.detail}`;
}

export function describeSwfError(err: unknown, ctx: SwfErrorContext = {}): SwfErrorInfo {
  const situation: Situation = { ...readErrorFacts(err), operation: ctx.operation?.replace(/Command$/, ''), ctx };
  for (const classify of CLASSIFIERS) {
    const described = classify(situation);
    if (described) return described;
  }
  return info('unknown', `${situation.operation ?? 'SWF call'} failed`, situation.message || situation.name || 'No error message.');
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
  };
}

function describeUnknownResource(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'UnknownResourceFault') return undefined;
  if (s.operation !== undefined && TASK_TOKEN_OPERATION.test(s.operation)) {
    return {
      ...info('taskClosed', 'The task is already closed', 'It was completed, failed, canceled or timed out elsewhere; refresh to see its current state.'),
      refreshTree: true,
    };
  }
  const where = s.ctx.domain !== undefined ? ` Check that domain "${s.ctx.domain}" exists${inRegion(s.ctx)}: domains are registered per region.` : '';
  return info('unknownResource', 'SWF does not know this resource', `${s.message || 'Unknown resource.'}${where}`);
}

function describeNotPermitted(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'OperationNotPermittedFault') return undefined;
  const action = `swf:${s.operation ?? '<Operation>'}`;
  const resource = `arn:aws:swf:${s.ctx.region ?? '<region>'}:<account-id>:/domain/${s.ctx.domain ?? '<domain>'}`;
  const who = s.ctx.profile !== undefined ? `profile "${s.ctx.profile}"` : 'the current credentials';
  return info(
    'notPermitted',
    `Not permitted: ${action}`,
    `The IAM identity of ${who} may not call ${action} on ${resource}. Ask for a policy that allows it, or choose another profile.${serviceSays(s)}`,
  );
}

function describeThrottling(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'ThrottlingException' && s.httpStatus !== 429) return undefined;
  return {
    ...info(
      'throttled',
      'SWF is throttling requests',
      `${s.operation ?? 'The call'} was refused for too many requests, even after the SDK's retries: the account's rate for this API${inRegion(s.ctx)} is used up. Wait a few seconds and try again.`,
    ),
    retryable: true,
  };
}

function describeValidation(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'ValidationException') return undefined;
  return info('validation', 'SWF rejected the request', s.message || 'The request did not pass validation.');
}

function describeCredentials(s: Situation): SwfErrorInfo | undefined {
  const profile = s.ctx.profile ?? profileNamedIn(s.message);
  const login = `run \`aws sso login${profile !== undefined ? ` --profile ${profile}` : ''}\` in a terminal`;
  // Before SSO: the token provider also reports a missing profile, and that needs a different fix.
  if (/Profile .*could not be found|Could not resolve credentials using profile/i.test(s.message)) {
    const name = profile !== undefined ? `"${profile}" ` : '';
    return info(
      'credentials',
      `AWS profile ${name}not found`,
      'Pick another profile (SWF: Select AWS Profile...), or add it to ~/.aws/config or ~/.aws/credentials.',
    );
  }
  if (s.name === 'TokenProviderError' || /\bSSO\b|aws sso login/i.test(s.message)) {
    return { ...info('credentials', 'The AWS SSO session has expired or is missing', `To sign in again, ${login}, then retry.`), retryable: true };
  }
  if (EXPIRED_CREDENTIALS.has(s.name)) {
    return {
      ...info('credentials', 'The AWS credentials have expired', `Renew them: for an SSO profile ${login}; for temporary keys, refresh them in ~/.aws/credentials or the environment.`),
      retryable: true,
    };
  }
  if (REJECTED_CREDENTIALS.has(s.name)) {
    return info(
      'credentials',
      'AWS rejected the credentials',
      `The access key is unknown or its secret does not match${profile !== undefined ? ` (profile "${profile}")` : ''}. Check ~/.aws/credentials, or pick another profile.${serviceSays(s)}`,
    );
  }
  if (s.name === 'CredentialsProviderError' || /could not load credentials/i.test(s.message)) {
    return info(
      'credentials',
      'No AWS credentials found',
      `Pick a profile (SWF: Select AWS Profile...), add keys to ~/.aws/credentials, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. For an SSO profile, ${login}.`,
    );
  }
  return undefined;
}

/** Configuration that prevents any call: no region, or an endpoint URL that cannot work. */
function describeEndpointConfig(s: Situation): SwfErrorInfo | undefined {
  if (/region is missing/i.test(s.message)) {
    return info('endpoint', 'No AWS region is set', 'Choose a region (SWF: Select Region...), or set `region` in the profile or AWS_REGION.');
  }
  if (/invalid region|region.*not (valid|supported)/i.test(s.message) || s.name === 'InvalidRegion') {
    return info('endpoint', `The region ${quoted(s.ctx.region)}is not valid`, `Choose another region (SWF: Select Region...).${serviceSays(s)}`);
  }
  if (s.code === 'ERR_INVALID_URL') {
    return info('endpoint', `The endpoint URL ${quoted(s.ctx.endpoint)}is not valid`, 'Set a full URL such as http://127.0.0.1:4566 (SWF: Set Endpoint URL...).');
  }
  if (s.code !== undefined && /^(EPROTO|ERR_SSL_)/.test(s.code)) {
    return info(
      'endpoint',
      `TLS failed with ${endpointName(s.ctx)}`,
      'The endpoint does not speak HTTPS as expected. A local server (sandbox, moto, LocalStack) usually needs an http:// URL.',
    );
  }
  return undefined;
}

function describeNetwork(s: Situation): SwfErrorInfo | undefined {
  const failure = s.name === 'TimeoutError' ? 'request timed out' : s.code !== undefined ? NETWORK_FAILURES[s.code] : undefined;
  if (failure === undefined) return undefined;
  const advice = s.ctx.endpoint !== undefined
    ? 'Check that the server is running and the endpoint setting is right.'
    : 'Check the network connection, proxy and VPN.';
  return { ...info('network', `Cannot reach ${endpointName(s.ctx)}: ${failure}`, `${advice} (${s.message || s.code})`), retryable: true };
}

function describeCancelled(s: Situation): SwfErrorInfo | undefined {
  if (s.name !== 'AbortError' && s.code !== 'ABORT_ERR') return undefined;
  // The service may hand a task to a poll whose client has already gone (see swf-facts.md).
  const lostTask = s.operation === 'PollForActivityTask'
    ? ' If SWF handed out a task meanwhile, it stays started, unseen, until its timeout.'
    : '';
  return info('cancelled', 'Cancelled', `The request was cancelled before SWF answered.${lostTask}`);
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
  const title = `The endpoint answered HTTP ${s.httpStatus}`;
  if (isUndecodableBody(s)) {
    const cause = transient
      ? 'a gateway or proxy reports the service unreachable; try again shortly.'
      : `it may not implement ${s.operation ?? 'this operation'} (moto, for one, lacks some operations).`;
    return { ...info('service', title, `${endpointName(s.ctx)} answered with a body that is not an SWF error: ${cause}`), retryable: transient };
  }
  return { ...info('service', title, `SWF reported an internal error; try again shortly.${serviceSays(s)}`), retryable: true };
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
  return ctx.region !== undefined ? `SWF in ${ctx.region}` : 'SWF';
}

function inRegion(ctx: SwfErrorContext): string {
  return ctx.region !== undefined ? ` in ${ctx.region}` : '';
}

/** `"value" ` for a known value, nothing otherwise: fits between two words of a title. */
function quoted(value: string | undefined): string {
  return value !== undefined ? `"${value}" ` : '';
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
