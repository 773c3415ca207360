/** Decider-facing operations: PollForDecisionTask, RespondDecisionTaskCompleted, CountPendingDecisionTasks. */
import type { CountPendingDecisionTasksInput, PollForDecisionTaskInput, RespondDecisionTaskCompletedInput } from '@aws-sdk/client-swf';
import { completeDecisionTask } from '../decisions';
import { startDecisionTask } from '../decisionTasks';
import { SwfError } from '../errors';
import type { Execution } from '../model';
import { queueKey, type SandboxState } from '../state';
import { pageTokenScope, paginate } from '../tokens';
import type { Wire } from '../wire';
import { operation, type Operation } from './operation';

/** What an empty poll answers, like the service: an empty token. */
const NO_DECISION_TASK = { taskToken: '', startedEventId: 0, previousStartedEventId: 0 };

/**
 * A decision task carries the history up to its DecisionTaskStarted event, in
 * pages. Later pages are fetched by polling again with nextPageToken; the
 * page scope names the run and the started event, so it keeps working after
 * the history grows.
 */
function decisionTaskPage(state: SandboxState, execution: Execution, startedEventId: number, input: Wire<PollForDecisionTaskInput>, taskToken: string): object {
  const events = execution.history.events.slice(0, startedEventId);
  if (input.reverseOrder) events.reverse();
  const scope = `decision:${input.reverseOrder ? 'reverse' : 'forward'}:${startedEventId}:${execution.runId}`;
  const { page, nextPageToken } = paginate(events, input, state.settings.pageSize, scope);
  return {
    taskToken,
    startedEventId,
    workflowExecution: execution.workflowExecution,
    workflowType: execution.workflowType,
    events: page,
    previousStartedEventId: execution.previousStartedEventId,
    ...(nextPageToken && { nextPageToken }),
  };
}

/** Serves a later page of a decision task already handed out. */
function nextDecisionTaskPage(state: SandboxState, input: Wire<PollForDecisionTaskInput>, domain: string): object {
  const [kind, , startedEventId, runId] = pageTokenScope(input.nextPageToken ?? '')?.split(':') ?? [];
  const execution = state.domain(domain).executions.get(runId ?? '');
  if (kind !== 'decision' || !execution) throw new SwfError('ValidationException', 'Invalid nextPageToken');
  // The token is not repeated on later pages' lookups: the decider already holds it from the first page.
  const token = execution.decisionTask?.startedEventId === Number(startedEventId) ? (execution.decisionTask.token ?? '') : '';
  return decisionTaskPage(state, execution, Number(startedEventId), input, token);
}

export const decisionTaskOperations = {
  PollForDecisionTask: operation<PollForDecisionTaskInput>(async (state, input, { signal }) => {
    const domain = state.domain(input.domain as string).name;
    if (input.nextPageToken) return nextDecisionTaskPage(state, input, domain);
    const task = await state.decisionQueues.take(
      queueKey(domain, input.taskList?.name as string),
      (execution) => {
        const token = startDecisionTask(state, execution, input.identity);
        return decisionTaskPage(state, execution, execution.history.lastEventId, input, token);
      },
      state.settings.maxPollWaitMs,
      signal,
    );
    return task ?? NO_DECISION_TASK;
  }),

  RespondDecisionTaskCompleted: operation<RespondDecisionTaskCompletedInput>((state, input) => {
    const execution = state.decisionExecution(input.taskToken as string);
    completeDecisionTask(state, execution, input.decisions ?? [], input.executionContext);
    return {};
  }),

  CountPendingDecisionTasks: operation<CountPendingDecisionTasksInput>((state, input) => {
    const domain = state.domain(input.domain as string);
    return { count: state.decisionQueues.count(queueKey(domain.name, input.taskList?.name as string)), truncated: false };
  }),
} satisfies Record<string, Operation>;
