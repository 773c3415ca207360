/**
 * Every deliberate difference between the sandbox and moto_server, with the
 * reason. Each is asserted as a difference, so the suite notices when moto
 * changes (then the entry should go). Mirrored in DIFFERENCES.md.
 */
import * as assert from 'node:assert/strict';

type Json = Record<string, unknown>;

/** Fields the sandbox sends (as the real service does) that moto leaves out, by the object that holds them; stripped before comparing. */
export const FIELD_DIFFERENCES: { field: string; in: string; reason: string; onlyWhen?: unknown }[] = [
  { field: 'parentInitiatedEventId', in: 'workflowExecutionStartedEventAttributes', reason: 'The service writes parentInitiatedEventId: 0 for a top-level execution; moto omits it.' },
  { field: 'tagList', in: 'workflowExecutionStartedEventAttributes', reason: 'The service repeats the execution\'s tags in WorkflowExecutionStarted; moto omits them.' },
  { field: 'previousStartedEventId', in: 'decisionTask', onlyWhen: 0, reason: 'The service returns previousStartedEventId: 0 for the first decision task; moto omits it while it is 0.' },
  ...['scheduleToStartTimeout', 'scheduleToCloseTimeout', 'startToCloseTimeout', 'heartbeatTimeout'].map((field) => ({
    field,
    in: 'activityTaskScheduledEventAttributes',
    reason: 'ActivityTaskScheduled records the timeouts resolved from the type defaults; moto records only those given in the decision.',
  })),
];

/** `field@container`, the key stripFields reports. */
export const fieldKey = (field: string, container: string): string => `${field}@${container}`;

const eventTypes = (answer: unknown): string[] => ((answer as { events?: { eventType: string }[] }).events ?? []).map((event) => event.eventType);

/** DecisionTaskScheduled while another decision task is still scheduled: SWF never has two. */
function hasDoubleScheduledDecision(types: string[]): boolean {
  let scheduled = false;
  for (const type of types) {
    if (type === 'DecisionTaskScheduled') {
      if (scheduled) return true;
      scheduled = true;
    }
    if (type === 'DecisionTaskStarted' || type.startsWith('WorkflowExecution') && type !== 'WorkflowExecutionSignaled' && type !== 'WorkflowExecutionStarted') scheduled = false;
  }
  return false;
}

function assertMotoDoublesDecisionTasks(sandbox: unknown, moto: unknown): void {
  assert.equal(hasDoubleScheduledDecision(eventTypes(sandbox)), false);
  assert.equal(hasDoubleScheduledDecision(eventTypes(moto)), true);
}

const DOUBLE_DECISION = 'moto schedules a new decision task for every new event, even while one is already scheduled; SWF keeps at most one.';

const MOTO_SKIPS_VALIDATION = 'moto does not check enum values or ranges; SWF rejects the request with ValidationException (registrationStatus must be REGISTERED or DEPRECATED, maximumPageSize 0..1000).';

function assertOnlySandboxRejects(sandbox: unknown, moto: unknown): void {
  assert.deepEqual(sandbox, { error: 'ValidationException', status: 400 });
  assert.ok(Array.isArray((moto as Json).domainInfos), JSON.stringify(moto));
}

const listed = (answer: unknown): number => ((answer as { executionInfos?: unknown[] }).executionInfos ?? []).length;

export interface StepDifference {
  reason: string;
  /** Asserts the difference itself (what each side answers). */
  check(sandbox: unknown, moto: unknown): void;
}

export const STEP_DIFFERENCES: Record<string, StepDifference> = {
  'activity failed and workflow failed / Fail: poll': { reason: DOUBLE_DECISION, check: assertMotoDoublesDecisionTasks },
  'activity failed and workflow failed / History': { reason: DOUBLE_DECISION, check: assertMotoDoublesDecisionTasks },
  'signal, terminate and listing / History': { reason: DOUBLE_DECISION, check: assertMotoDoublesDecisionTasks },
  'signal, terminate and listing / Describe terminated': {
    reason: 'moto leaves closeTimestamp out of a terminated execution and still counts its (doubled) decision tasks as open.',
    check: (sandbox, moto) => {
      const ours = sandbox as { executionInfo: Json; openCounts: Json };
      const theirs = moto as { executionInfo: Json; openCounts: Json };
      assert.equal(ours.executionInfo.closeTimestamp, '<date>');
      assert.equal(theirs.executionInfo.closeTimestamp, undefined);
      assert.equal(ours.openCounts.openDecisionTasks, 0);
      assert.equal(theirs.openCounts.openDecisionTasks, 2);
    },
  },
  'signal, terminate and listing / ListOpenWorkflowExecutions': {
    reason: 'moto ignores executionFilter in ListOpenWorkflowExecutions.',
    check: (sandbox, moto) => {
      assert.equal((sandbox as { executionInfos: unknown[] }).executionInfos.length, 1);
      assert.equal((moto as { executionInfos: unknown[] }).executionInfos.length, 2);
    },
  },
  'signal, terminate and listing / ListOpen page of 1': {
    reason: 'moto has no pagination (no nextPageToken) and lists oldest first; SWF lists newest first and pages.',
    check: (sandbox, moto) => {
      assert.equal((sandbox as Json).nextPageToken, '<nextPageToken>');
      assert.equal((moto as Json).nextPageToken, undefined);
    },
  },
  'signal, terminate and listing / ListOpen reverseOrder': {
    reason: 'moto crashes (HTTP 500, HTML body) on ListOpenWorkflowExecutions with reverseOrder.',
    check: (sandbox, moto) => {
      assert.equal(((sandbox as { executionInfos: unknown[] }).executionInfos ?? []).length, 2);
      assert.equal((moto as Json).status, 500);
    },
  },
  'cancellation and limits / Poll empty': {
    reason: 'An empty PollForActivityTask answer has taskToken "" in SWF; moto leaves the key out.',
    check: (sandbox, moto) => {
      assert.equal((sandbox as Json).taskToken, '');
      assert.equal('taskToken' in (moto as Json), false);
    },
  },
  'cancellation and limits / Failed with long reason': {
    reason: 'moto does not check lengths; SWF rejects a reason over 256 characters with ValidationException.',
    check: (sandbox, moto) => {
      assert.deepEqual(sandbox, { error: 'ValidationException', status: 400 });
      assert.deepEqual(moto, {});
    },
  },
  'cancellation and limits / RespondActivityTaskCanceled': {
    reason: 'moto does not implement RespondActivityTaskCanceled (HTTP 500, HTML body).',
    check: (sandbox, moto) => {
      assert.deepEqual(sandbox, {});
      assert.equal((moto as Json).status, 500);
    },
  },
  'cancellation and limits / Heartbeat after close': {
    reason: 'Follows from the missing RespondActivityTaskCanceled: in moto the task is still open.',
    check: (sandbox, moto) => {
      assert.deepEqual(sandbox, { error: 'UnknownResourceFault', status: 400 });
      assert.deepEqual(moto, { cancelRequested: false });
    },
  },
  'listing filters / ListClosed tagFilter': {
    reason: 'moto leaves closeTimestamp out of a terminated execution (as in Describe); the tag filter itself gives the same run on both.',
    check: (sandbox, moto) => {
      const ours = (sandbox as { executionInfos: Json[] }).executionInfos;
      const theirs = (moto as { executionInfos: Json[] }).executionInfos;
      assert.deepEqual([ours.length, theirs.length], [1, 1]);
      assert.equal(ours[0].closeTimestamp, '<date>');
      assert.equal(theirs[0].closeTimestamp, undefined);
      assert.deepEqual({ ...ours[0], closeTimestamp: undefined }, { ...theirs[0], closeTimestamp: undefined });
    },
  },
  'listing filters / ListOpen typeFilter other version': {
    reason: 'moto ignores typeFilter; SWF lists only executions of that name and version.',
    check: (sandbox, moto) => assert.deepEqual([listed(sandbox), listed(moto)], [0, 2]),
  },
  'listing filters / ListOpen startTimeFilter in the future': {
    reason: 'moto ignores the time filters; SWF lists only executions started in the range.',
    check: (sandbox, moto) => assert.deepEqual([listed(sandbox), listed(moto)], [0, 2]),
  },
  'listing filters / ListClosed closeStatusFilter': {
    reason: 'moto compares the closeStatusFilter structure with the status string, so it never matches; SWF lists the runs closed with that status.',
    check: (sandbox, moto) => assert.deepEqual([listed(sandbox), listed(moto)], [1, 0]),
  },
  'listing filters / CountOpenWorkflowExecutions tagFilter': {
    reason: 'moto does not implement CountOpenWorkflowExecutions.',
    check: (sandbox, moto) => {
      assert.deepEqual(sandbox, { count: 1, truncated: false });
      assert.ok((moto as Json).error !== undefined || (moto as Json).status !== undefined, JSON.stringify(moto));
    },
  },
  'malformed requests / ListDomains registrationStatus MAYBE': { reason: MOTO_SKIPS_VALIDATION, check: assertOnlySandboxRejects },
  'malformed requests / ListDomains maximumPageSize -5': { reason: MOTO_SKIPS_VALIDATION, check: assertOnlySandboxRejects },
  'malformed requests / ListDomains maximumPageSize 100000000': { reason: MOTO_SKIPS_VALIDATION, check: assertOnlySandboxRejects },
  'malformed requests / ListOpenWorkflowExecutions oldestDate yesterday': {
    reason: 'A timestamp that does not parse: the sandbox answers ValidationException, failing the constraint check as SWF does; moto answers SerializationException.',
    check: (sandbox, moto) => {
      assert.deepEqual(sandbox, { error: 'ValidationException', status: 400 });
      assert.deepEqual(moto, { error: 'SerializationException', status: 400 });
    },
  },
};

/**
 * Removes the FIELD_DIFFERENCES fields (fieldKey -> onlyWhen value) and records which
 * it found. `container` is the key of the object being walked; a decision
 * task (the top level of a PollForDecisionTask answer) is 'decisionTask'.
 */
export function stripFields(value: unknown, found: Set<string>, fields: ReadonlyMap<string, unknown>, container: string): unknown {
  if (Array.isArray(value)) return value.map((item) => stripFields(item, found, fields, container));
  if (value && typeof value === 'object') {
    const kept: Json = {};
    for (const [name, item] of Object.entries(value)) {
      const key = fieldKey(name, container);
      const onlyWhen = fields.get(key);
      if (fields.has(key) && (onlyWhen === undefined || onlyWhen === item)) found.add(key);
      else kept[name] = stripFields(item, found, fields, name);
    }
    return kept;
  }
  return value;
}
