/** Workflow executions: start, signal, cancel, terminate, describe, list, history. */
import type {
  CountClosedWorkflowExecutionsInput,
  DescribeWorkflowExecutionInput,
  ExecutionTimeFilter,
  GetWorkflowExecutionHistoryInput,
  ListClosedWorkflowExecutionsInput,
  RequestCancelWorkflowExecutionInput,
  SignalWorkflowExecutionInput,
  StartWorkflowExecutionInput,
  TerminateWorkflowExecutionInput,
} from '@aws-sdk/client-swf';
import { scheduleDecisionTask } from '../decisionTasks';
import { SwfError } from '../errors';
import { closeExecution, executionInfo, openCounts, startExecution } from '../executions';
import type { Execution } from '../model';
import type { SandboxState } from '../state';
import { paginate } from '../tokens';
import type { Wire } from '../wire';
import { operation, type Operation } from './operation';

/** ListOpen / ListClosed / CountOpen / CountClosed share one request shape (open ones lack the close filters). */
type ListExecutionsInput = Wire<ListClosedWorkflowExecutionsInput>;

const inRange = (date: Date | undefined, filter: Wire<ExecutionTimeFilter> | undefined): boolean => {
  if (!filter) return true;
  if (!date) return false;
  const seconds = date.getTime() / 1000;
  return seconds >= (filter.oldestDate ?? 0) && (filter.latestDate === undefined || seconds <= filter.latestDate);
};

/**
 * Applies the list filters. The request shapes already require the domain (and
 * startTimeFilter for open executions); these are the rules the model cannot
 * say: SWF allows at most one of executionFilter, typeFilter, tagFilter and
 * closeStatusFilter, and closed listings need exactly one time filter.
 */
function matchingExecutions(state: SandboxState, input: ListExecutionsInput, open: boolean): Execution[] {
  if (!open && (input.startTimeFilter === undefined) === (input.closeTimeFilter === undefined)) {
    throw new SwfError('ValidationException', 'Exactly one of startTimeFilter and closeTimeFilter must be specified');
  }
  const exclusive = [input.executionFilter, input.typeFilter, input.tagFilter, input.closeStatusFilter].filter((filter) => filter !== undefined);
  if (exclusive.length > 1) throw new SwfError('ValidationException', 'executionFilter, typeFilter, tagFilter and closeStatusFilter are mutually exclusive');
  const domain = state.domain(input.domain as string);
  const { executionFilter, typeFilter, tagFilter, closeStatusFilter } = input;
  const byClose = input.closeTimeFilter !== undefined;
  const matching = [...domain.executions.values()].filter(
    (execution) =>
      execution.isOpen === open &&
      inRange(execution.startTimestamp, input.startTimeFilter) &&
      inRange(execution.closeTimestamp, input.closeTimeFilter) &&
      (!executionFilter || execution.workflowId === executionFilter.workflowId) &&
      (!typeFilter || (execution.workflowType.name === typeFilter.name && (typeFilter.version === undefined || execution.workflowType.version === typeFilter.version))) &&
      (!tagFilter || execution.tagList.includes(tagFilter.tag ?? '')) &&
      (!closeStatusFilter || execution.closeStatus === closeStatusFilter.status),
  );
  // Newest first by default, as the service orders them (by close time when filtering on it).
  const time = (execution: Execution): number => ((byClose ? execution.closeTimestamp : execution.startTimestamp) ?? execution.startTimestamp).getTime();
  // Reversed first so that executions started in the same millisecond keep newest first too: the sort is stable and the map holds them in start order.
  return matching.reverse().sort((a, b) => time(b) - time(a) || b.history.lastEventId - a.history.lastEventId);
}

function listExecutions(state: SandboxState, input: ListExecutionsInput, open: boolean): object {
  const matching = matchingExecutions(state, input, open);
  if (input.reverseOrder) matching.reverse();
  // The order and every filter are part of the scope: a token only continues the listing that issued it.
  const scope = `executions:${open ? 'open' : 'closed'}:${input.reverseOrder ? 'reverse' : 'forward'}:${input.domain as string}:${JSON.stringify([input.startTimeFilter, input.closeTimeFilter, input.executionFilter, input.typeFilter, input.tagFilter, input.closeStatusFilter])}`;
  const { page, nextPageToken } = paginate(matching, input, state.settings.pageSize, scope);
  return { executionInfos: page.map(executionInfo), ...(nextPageToken && { nextPageToken }) };
}

function countExecutions(state: SandboxState, input: ListExecutionsInput, open: boolean): object {
  return { count: matchingExecutions(state, input, open).length, truncated: false };
}

/** Finds an open execution for a write operation; closed ones are unknown to writes, as in SWF. */
function openExecution(state: SandboxState, input: { domain?: string; workflowId?: string; runId?: string }): Execution {
  const execution = state.execution(input.domain as string, input.workflowId as string, input.runId || undefined);
  if (!execution.isOpen) throw new SwfError('UnknownResourceFault', `Unknown execution: WorkflowExecution=[workflowId=${execution.workflowId}, runId=${execution.runId}]`);
  return execution;
}

export const executionOperations = {
  StartWorkflowExecution: operation<StartWorkflowExecutionInput>((state, input) => {
    const execution = startExecution(state, state.domain(input.domain as string), {
      ...input,
      workflowId: input.workflowId as string,
      workflowType: input.workflowType ?? {},
    });
    return { runId: execution.runId };
  }),

  SignalWorkflowExecution: operation<SignalWorkflowExecutionInput>((state, input) => {
    const execution = openExecution(state, input);
    execution.history.record('WorkflowExecutionSignaled', { signalName: input.signalName, ...(input.input !== undefined && { input: input.input }) });
    scheduleDecisionTask(state, execution);
    return {};
  }),

  RequestCancelWorkflowExecution: operation<RequestCancelWorkflowExecutionInput>((state, input) => {
    const execution = openExecution(state, input);
    // A second request while one is pending is accepted and changes nothing, like the service.
    if (execution.cancelRequested) return {};
    execution.cancelRequested = true;
    execution.history.record('WorkflowExecutionCancelRequested', {});
    scheduleDecisionTask(state, execution);
    return {};
  }),

  TerminateWorkflowExecution: operation<TerminateWorkflowExecutionInput>((state, input) => {
    const execution = openExecution(state, input);
    closeExecution(state, execution, 'WorkflowExecutionTerminated', {
      ...(input.reason !== undefined && { reason: input.reason }),
      ...(input.details !== undefined && { details: input.details }),
      childPolicy: input.childPolicy ?? execution.configuration.childPolicy,
      cause: 'OPERATOR_INITIATED',
    });
    return {};
  }),

  DescribeWorkflowExecution: operation<DescribeWorkflowExecutionInput>((state, input) => {
    const execution = state.execution(input.domain as string, input.execution?.workflowId ?? '', input.execution?.runId ?? '');
    return {
      executionInfo: executionInfo(execution),
      executionConfiguration: execution.configuration,
      openCounts: openCounts(execution),
      ...(execution.latestActivityTaskTimestamp && { latestActivityTaskTimestamp: execution.latestActivityTaskTimestamp }),
      ...(execution.latestExecutionContext !== undefined && { latestExecutionContext: execution.latestExecutionContext }),
    };
  }),

  GetWorkflowExecutionHistory: operation<GetWorkflowExecutionHistoryInput>((state, input) => {
    const execution = state.execution(input.domain as string, input.execution?.workflowId ?? '', input.execution?.runId ?? '');
    const events = input.reverseOrder ? [...execution.history.events].reverse() : execution.history.events;
    const scope = `history:${execution.runId}:${input.reverseOrder ? 'reverse' : 'forward'}`;
    const { page, nextPageToken } = paginate(events, input, state.settings.pageSize, scope);
    return { events: page, ...(nextPageToken && { nextPageToken }) };
  }),

  ListOpenWorkflowExecutions: operation<ListClosedWorkflowExecutionsInput>((state, input) => listExecutions(state, input, true)),
  ListClosedWorkflowExecutions: operation<ListClosedWorkflowExecutionsInput>((state, input) => listExecutions(state, input, false)),
  CountOpenWorkflowExecutions: operation<CountClosedWorkflowExecutionsInput>((state, input) => countExecutions(state, input, true)),
  CountClosedWorkflowExecutions: operation<CountClosedWorkflowExecutionsInput>((state, input) => countExecutions(state, input, false)),
} satisfies Record<string, Operation>;

