/**
 * The only module that talks to SWF. Everything above it sees `SwfGateway`,
 * an interface small enough to fake, and never the SDK itself.
 *
 * The SDK is imported lazily (`createSwfGateway` is async), through ./sdk,
 * which is bundled apart: it is the biggest part of the extension and is not
 * needed until the first call, so activating the extension stays cheap.
 */
import type {
  ActivityTask,
  ChildPolicy,
  HistoryEvent,
  RespondActivityTaskCanceledInput,
  RespondActivityTaskCompletedInput,
  RespondActivityTaskFailedInput,
  SWFClient,
  WorkflowExecution,
  WorkflowExecutionInfo,
} from '@aws-sdk/client-swf';
import type { CallTarget } from '../connection/connection';
import { closedListRequest, type ExecutionQuery, openListRequest, type WatchFilter } from '../executions/executionQuery';
import { type SwfErrorContext, tagSwfError } from './errors';
import { accountOfDomainArn, type ReadBudget } from './readBudget';
import { boundResponseBody, MAX_DOMAIN_PAGES, MAX_HISTORY_PAGES, pageBound } from './readBounds';
import { type RegisteredTypeSummary, type RegistryGateway, registryMethods, type TypeDefaults } from './registryGateway';

/** StartWorkflowExecution's typed parts (the domain comes from the root), as validateStart builds them once they meet SWF's limits. */
export interface StartRequest {
  workflowId: string;
  workflowType: { name: string; version: string };
  taskList?: { name: string };
  input?: string;
  tagList?: string[];
  executionStartToCloseTimeout?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: ChildPolicy;
}

/** What DescribeWorkflowExecution tells of one run that a re-run repeats, and whether it is still open. */
export interface ExecutionDescription {
  status: 'OPEN' | 'CLOSED';
  closeStatus?: string;
  workflowType?: { name: string; version: string };
  tags: string[];
  taskList?: string;
  executionStartToCloseTimeout?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: string;
}

export interface DomainSummary {
  name: string;
  description?: string;
}

export interface ExecutionSummary {
  workflowId: string;
  runId: string;
  workflowType?: { name: string; version: string };
  startedAt?: Date;
  cancelRequested?: boolean;
}

export interface ExecutionPage {
  executions: ExecutionSummary[];
  nextPageToken?: string;
}

/** One row of an executions search: what ListOpen/ListClosedWorkflowExecutions tell of a run. */
export interface ExecutionRow extends ExecutionSummary {
  status: 'OPEN' | 'CLOSED';
  closeStatus?: string;
  closedAt?: Date;
  tags: string[];
  parent?: WorkflowExecution;
}

export interface ExecutionRowPage {
  executions: ExecutionRow[];
  nextPageToken?: string;
}

/** A workflow type as ListWorkflowTypes lists it, and its defaults: the registry's one read of each (registryGateway.ts). */
export type WorkflowTypeSummary = RegisteredTypeSummary;
export type WorkflowTypeDefaults = TypeDefaults;

export interface HistoryReadOptions {
  /** Newest first: lets an incremental read stop at the first event it already has. */
  reverseOrder: boolean;
  /** Size of the first page; an incremental read asks for a few events first, since usually nothing changed. */
  firstPageSize?: number;
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * Every SWF call the extension makes, one method each. A failure is thrown
 * tagged with the operation, domain and connection it came from (see
 * `tagSwfError`), so every message names `swf:<Operation>`.
 */
export interface SwfGateway extends RegistryGateway {
  /** The connection's label, `prod (eu-west-1)`. */
  readonly description: string;
  listDomains(signal?: AbortSignal): Promise<DomainSummary[]>;
  /** The account of these credentials, read from a domain's ARN (one ListDomains page of one, per status until found); undefined when no domain names one. */
  accountId(signal?: AbortSignal): Promise<string | undefined>;
  /** Every open execution, or with a watched root's filter only those SWF finds by it. */
  listOpenExecutions(domain: string, nextPageToken?: string, signal?: AbortSignal, filter?: WatchFilter): Promise<ExecutionPage>;
  historyPages(domain: string, execution: WorkflowExecution, options: HistoryReadOptions): AsyncIterable<HistoryEvent[]>;
  /** Resolves `undefined` when the long poll ends with no task. */
  pollForActivityTask(domain: string, taskList: string, identity: string, signal?: AbortSignal): Promise<ActivityTask | undefined>;
  respondCompleted(input: RespondActivityTaskCompletedInput): Promise<void>;
  respondFailed(input: RespondActivityTaskFailedInput): Promise<void>;
  respondCanceled(input: RespondActivityTaskCanceledInput): Promise<void>;
  recordHeartbeat(taskToken: string, details?: string): Promise<{ cancelRequested: boolean }>;
  /** Signals that one run (the execution's runId, not whatever run is current). An empty `input` is left out. */
  signalWorkflow(domain: string, execution: WorkflowExecution, signalName: string, input?: string): Promise<void>;
  /** Records WorkflowExecutionCancelRequested; the decider decides whether to cancel. */
  requestCancelWorkflow(domain: string, execution: WorkflowExecution): Promise<void>;
  /** Closes the execution at once; no child policy leaves the execution's default. */
  terminateWorkflow(domain: string, execution: WorkflowExecution, options: TerminateOptions): Promise<void>;
  /**
   * The run of `workflowId` a person means when they give no run ID: the open
   * one (SWF allows one open run per workflow ID), or else the closed run that
   * started last. `undefined` when the domain has none (or none retained).
   */
  latestRun(domain: string, workflowId: string, signal?: AbortSignal): Promise<{ runId: string; open: boolean } | undefined>;
  /** One page of an executions search (List{Open,Closed}WorkflowExecutions by the query's status). */
  searchExecutions(domain: string, query: ExecutionQuery, options?: { nextPageToken?: string; pageSize?: number; signal?: AbortSignal }): Promise<ExecutionRowPage>;
  /** Count{Open,Closed}WorkflowExecutions with the query's filters; `truncated` when SWF stopped counting. */
  countExecutions(domain: string, query: ExecutionQuery, signal?: AbortSignal): Promise<{ count: number; truncated: boolean }>;
  /** StartWorkflowExecution with a request already checked (validateStart); resolves the new run's ID. */
  startWorkflowExecution(domain: string, request: StartRequest): Promise<{ runId: string }>;
  /** DescribeWorkflowExecution of one run: its status, type, tags and configuration (open counts are not kept). */
  describeExecution(domain: string, execution: WorkflowExecution, signal?: AbortSignal): Promise<ExecutionDescription>;
  /** Calls made so far, by operation name: for the log and the benchmark. */
  callCounts(): Record<string, number>;
  /** Attempts the service answered with ThrottlingException (each retried by the SDK), by operation. */
  throttledCounts?(): Record<string, number>;
  dispose(): void;
}

export interface TerminateOptions {
  reason?: string;
  details?: string;
  childPolicy?: 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON';
}

export interface GatewayOptions {
  /** Timeout of PollForActivityTask; SWF holds a poll up to 60 s, so keep it above 70 s. */
  pollTimeoutMs: number;
  /** Timeout of every other call. */
  requestTimeoutMs?: number;
  /** Total attempts of a call, retries included (the SDK's adaptive retry strategy). */
  maxAttempts?: number;
  /**
   * The read budget of this account and region (readBudget.ts): every
   * GetWorkflowExecutionHistory page waits for a token, shared with every
   * other connection on the same account and region.
   */
  historyBudget?: ReadBudget;
}

/** Loopback endpoints (the sandbox, moto, LocalStack) accept any credentials; the real service never sees these. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
/** ListOpenWorkflowExecutions needs a start-time filter: the epoch is wide enough for any open execution. */
const EPOCH = new Date(0);
const MAX_PAGE_SIZE = 1000;

export async function createSwfGateway(target: CallTarget, options: GatewayOptions): Promise<SwfGateway> {
  // A bundle of its own (dist/swfClient.js, see scripts/esbuild.mjs): loaded here, at the first call.
  const sdk = await import('../aws/sdk');
  const { NodeHttpHandler } = sdk;
  const counts: Record<string, number> = {};
  const throttled: Record<string, number> = {};
  const where: SwfErrorContext = {
    connection: target.label,
    region: target.region,
    profile: target.profile || undefined,
    endpoint: target.endpoint || undefined,
  };

  const makeClient = (requestTimeout: number): SWFClient => {
    const client = new sdk.SWFClient({
      region: target.region,
      endpoint: target.endpoint || undefined,
      profile: target.profile || undefined,
      credentials: target.localCredentials ? LOCAL_CREDENTIALS : undefined,
      maxAttempts: options.maxAttempts ?? 3,
      // Adaptive: backoff with jitter as in standard mode, and on throttling the client also slows its own sending rate, so what the read budget lets through and SWF still throttles is absorbed, not shown.
      retryMode: 'adaptive',
      requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout, throwOnRequestTimeout: true }),
    });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = context.commandName?.replace(/Command$/, '') ?? 'unknown';
        counts[operation] = (counts[operation] ?? 0) + 1;
        try {
          return await next(args);
        } catch (error) {
          throw tagSwfError(error, { ...where, operation, domain: domainOf(args.input, operation) });
        }
      },
      { step: 'initialize', name: 'swfTasksCallContext' },
    );
    // Inside the retry middleware (finalizeRequest, high) and outside the deserializer: sees each attempt's parsed error, so it counts the throttled ones the SDK then retried.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          if ((error as { name?: unknown } | null)?.name === 'ThrottlingException') {
            const operation = context.commandName?.replace(/Command$/, '') ?? 'unknown';
            throttled[operation] = (throttled[operation] ?? 0) + 1;
          }
          throw error;
        }
      },
      { step: 'finalizeRequest', priority: 'low', name: 'swfTasksThrottleCount' },
    );
    // VS Code's proxy support wraps every request's agent in a new proxy agent without keepAlive, so Node sends
    // `Connection: close` and each call opens a new TCP (against AWS, TLS) connection (microsoft/vscode#173861).
    // Asking for keep-alive in the request itself lets the SDK's own pooled agent, which VS Code still hands the
    // socket to where it connects directly, keep the connection. Not signed (SigV4 never signs Connection).
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers) request.headers.connection = 'keep-alive';
        return next(args);
      },
      { step: 'build', name: 'swfTasksKeepAlive' },
    );
    // Innermost (deserialize, low): sees the raw response before the deserializer reads it, so a huge body is refused, not held (readBounds.ts).
    client.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        boundResponseBody(out.response);
        return out;
      },
      { step: 'deserialize', priority: 'low', name: 'swfTasksResponseBound' },
    );
    return client;
  };
  const client = makeClient(options.requestTimeoutMs ?? 30_000);
  const pollClient = makeClient(options.pollTimeoutMs);

  return {
    description: target.label,

    async listDomains(signal) {
      const domains: DomainSummary[] = [];
      const pages = sdk.paginateListDomains({ client, pageSize: MAX_PAGE_SIZE }, { registrationStatus: 'REGISTERED' });
      const bound = pageBound('domains', MAX_DOMAIN_PAGES);
      for await (const page of pages) {
        signal?.throwIfAborted();
        bound.next(page.nextPageToken || undefined);
        for (const info of page.domainInfos ?? []) domains.push({ name: info.name ?? '', description: info.description });
      }
      return domains.sort((a, b) => a.name.localeCompare(b.name));
    },

    async accountId(signal) {
      for (const registrationStatus of ['REGISTERED', 'DEPRECATED'] as const) {
        const page = await client.send(new sdk.ListDomainsCommand({ registrationStatus, maximumPageSize: 1 }), { abortSignal: signal });
        const account = accountOfDomainArn(page.domainInfos?.[0]?.arn);
        if (account || page.domainInfos?.length) return account;
      }
      return undefined;
    },

    async listOpenExecutions(domain, nextPageToken, signal, filter) {
      const page = await client.send(
        new sdk.ListOpenWorkflowExecutionsCommand({ ...openListRequest(domain, { status: 'open', oldest: EPOCH, filter }), maximumPageSize: MAX_PAGE_SIZE, nextPageToken }),
        { abortSignal: signal },
      );
      return {
        executions: (page.executionInfos ?? []).map((info) => ({
          workflowId: info.execution?.workflowId ?? '',
          runId: info.execution?.runId ?? '',
          workflowType: info.workflowType && { name: info.workflowType.name ?? '', version: info.workflowType.version ?? '' },
          startedAt: info.startTimestamp,
          cancelRequested: info.cancelRequested,
        })),
        nextPageToken: page.nextPageToken || undefined,
      };
    },

    // Not the SDK paginator: it keeps one page size, and an incremental read wants a small first page.
    async *historyPages(domain, execution, { reverseOrder, firstPageSize, pageSize = MAX_PAGE_SIZE, signal }) {
      let nextPageToken: string | undefined;
      let size = firstPageSize ?? pageSize;
      const bound = pageBound('history', MAX_HISTORY_PAGES);
      do {
        await options.historyBudget?.take(signal);
        const page = await client.send(
          new sdk.GetWorkflowExecutionHistoryCommand({ domain, execution, reverseOrder, maximumPageSize: size, nextPageToken }),
          { abortSignal: signal },
        );
        yield page.events ?? [];
        nextPageToken = page.nextPageToken || undefined;
        bound.next(nextPageToken);
        size = pageSize;
      } while (nextPageToken);
    },

    async pollForActivityTask(domain, taskList, identity, signal) {
      const task = await pollClient.send(new sdk.PollForActivityTaskCommand({ domain, taskList: { name: taskList }, identity }), { abortSignal: signal });
      // The service answers an empty poll with taskToken ""; moto leaves the key out.
      return task.taskToken ? task : undefined;
    },

    async respondCompleted(input) {
      await client.send(new sdk.RespondActivityTaskCompletedCommand(input));
    },
    async respondFailed(input) {
      await client.send(new sdk.RespondActivityTaskFailedCommand(input));
    },
    async respondCanceled(input) {
      await client.send(new sdk.RespondActivityTaskCanceledCommand(input));
    },
    async recordHeartbeat(taskToken, details) {
      const status = await client.send(new sdk.RecordActivityTaskHeartbeatCommand({ taskToken, details }));
      return { cancelRequested: status.cancelRequested === true };
    },

    // These name an execution by workflowId + optional runId, not by an `execution` structure; the runId is always sent, so the call acts on the run the person saw.
    async signalWorkflow(domain, execution, signalName, input) {
      await client.send(new sdk.SignalWorkflowExecutionCommand({ domain, workflowId: execution.workflowId, runId: execution.runId, signalName, ...(input ? { input } : {}) }));
    },
    async requestCancelWorkflow(domain, execution) {
      await client.send(new sdk.RequestCancelWorkflowExecutionCommand({ domain, workflowId: execution.workflowId, runId: execution.runId }));
    },
    async terminateWorkflow(domain, execution, { reason, details, childPolicy }) {
      await client.send(
        new sdk.TerminateWorkflowExecutionCommand({
          domain,
          workflowId: execution.workflowId,
          runId: execution.runId,
          ...(reason !== undefined && { reason }),
          ...(details !== undefined && { details }),
          ...(childPolicy !== undefined && { childPolicy }),
        }),
      );
    },

    async latestRun(domain, workflowId, signal) {
      // The service lists newest start first, so the first page holds the latest run. The newest run of that
      // workflow ID is picked anyway, whatever the order and even from a peer that ignores the filter (moto does).
      const query = { domain, executionFilter: { workflowId }, startTimeFilter: { oldestDate: EPOCH }, maximumPageSize: 100 };
      const newest = (infos: WorkflowExecutionInfo[] | undefined) =>
        infos?.filter((info) => info.execution?.workflowId === workflowId).reduce<WorkflowExecutionInfo | undefined>((a, b) => ((a?.startTimestamp?.getTime() ?? -1) >= (b.startTimestamp?.getTime() ?? -1) ? a : b), undefined)?.execution?.runId;
      const openRun = newest((await client.send(new sdk.ListOpenWorkflowExecutionsCommand(query), { abortSignal: signal })).executionInfos);
      if (openRun) return { runId: openRun, open: true };
      const closedRun = newest((await client.send(new sdk.ListClosedWorkflowExecutionsCommand(query), { abortSignal: signal })).executionInfos);
      return closedRun ? { runId: closedRun, open: false } : undefined;
    },

    async searchExecutions(domain, query, { nextPageToken, pageSize = 100, signal } = {}) {
      const paging = { maximumPageSize: pageSize, nextPageToken };
      const page =
        query.status === 'open'
          ? await client.send(new sdk.ListOpenWorkflowExecutionsCommand({ ...openListRequest(domain, query), ...paging }), { abortSignal: signal })
          : await client.send(new sdk.ListClosedWorkflowExecutionsCommand({ ...closedListRequest(domain, query), ...paging }), { abortSignal: signal });
      return { executions: (page.executionInfos ?? []).map(executionRow), nextPageToken: page.nextPageToken || undefined };
    },

    async countExecutions(domain, query, signal) {
      // Count takes no paging or order.
      const answer =
        query.status === 'open'
          ? await client.send(new sdk.CountOpenWorkflowExecutionsCommand(openListRequest(domain, query, false)), { abortSignal: signal })
          : await client.send(new sdk.CountClosedWorkflowExecutionsCommand(closedListRequest(domain, query, false)), { abortSignal: signal });
      return { count: answer.count ?? 0, truncated: answer.truncated === true };
    },

    async startWorkflowExecution(domain, request) {
      const answer = await client.send(new sdk.StartWorkflowExecutionCommand({ domain, ...request }));
      return { runId: answer.runId ?? '' };
    },

    async describeExecution(domain, execution, signal) {
      const answer = await client.send(new sdk.DescribeWorkflowExecutionCommand({ domain, execution }), { abortSignal: signal });
      const info = answer.executionInfo;
      const c = answer.executionConfiguration;
      // A peer's answer: only strings are kept, and what it leaves out stays out.
      const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
      const name = str(info?.workflowType?.name);
      const version = str(info?.workflowType?.version);
      const fields: ExecutionDescription = {
        status: info?.executionStatus === 'CLOSED' ? 'CLOSED' : 'OPEN',
        closeStatus: str(info?.closeStatus),
        workflowType: name !== undefined && version !== undefined ? { name, version } : undefined,
        tags: (info?.tagList ?? []).filter((tag): tag is string => typeof tag === 'string'),
        taskList: str(c?.taskList?.name),
        executionStartToCloseTimeout: str(c?.executionStartToCloseTimeout),
        taskStartToCloseTimeout: str(c?.taskStartToCloseTimeout),
        childPolicy: str(c?.childPolicy),
      };
      return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as unknown as ExecutionDescription;
    },
    // Domains, types and domain tags (issue 18): registryGateway.ts.
    ...registryMethods(sdk, client),

    callCounts: () => ({ ...counts }),
    throttledCounts: () => ({ ...throttled }),
    dispose() {
      client.destroy();
      pollClient.destroy();
    },
  };
}

/** A listed execution as a row; what the peer leaves out stays out (its data is untrusted, and never guessed). */
function executionRow(info: WorkflowExecutionInfo): ExecutionRow {
  return {
    workflowId: info.execution?.workflowId ?? '',
    runId: info.execution?.runId ?? '',
    workflowType: info.workflowType && { name: info.workflowType.name ?? '', version: info.workflowType.version ?? '' },
    startedAt: info.startTimestamp,
    cancelRequested: info.cancelRequested,
    status: info.executionStatus === 'CLOSED' ? 'CLOSED' : 'OPEN',
    ...(info.closeStatus && { closeStatus: info.closeStatus }),
    ...(info.closeTimestamp && { closedAt: info.closeTimestamp }),
    tags: (info.tagList ?? []).filter((tag): tag is string => typeof tag === 'string'),
    ...(info.parent?.workflowId && { parent: { workflowId: info.parent.workflowId, runId: info.parent.runId } }),
  };
}

/** The domain a request names, for error messages: `domain`, or `name` in the domain operations (RegisterDomain, DescribeDomain...). */
function domainOf(input: unknown, operation?: string): string | undefined {
  const record = input as { domain?: unknown; name?: unknown } | null;
  const domain = operation !== undefined && /Domain$/.test(operation) && operation !== 'ListDomains' ? record?.name : record?.domain;
  return typeof domain === 'string' ? domain : undefined;
}
