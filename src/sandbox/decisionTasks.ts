/**
 * Decision task lifecycle: SWF keeps at most one decision task per execution.
 * New events while one is scheduled need nothing more (the decider will see
 * them); new events while one is started schedule another after it completes.
 */
import type { Execution } from './model';
import { queueKey, type SandboxState } from './state';
import { newTaskToken } from './tokens';

/** Makes sure the decider hears about new events: the service's "decision task scheduled" rule. */
export function scheduleDecisionTask(state: SandboxState, execution: Execution): void {
  if (!execution.isOpen) return;
  const current = execution.decisionTask;
  if (current) {
    if (current.startedEventId) execution.decisionNeededAfterCurrent = true;
    return;
  }
  const { taskList, taskStartToCloseTimeout, taskPriority } = execution.configuration;
  const scheduledEventId = execution.history.record('DecisionTaskScheduled', {
    taskList,
    startToCloseTimeout: taskStartToCloseTimeout,
    ...(taskPriority !== undefined && { taskPriority }),
  });
  execution.decisionTask = { scheduledEventId, startedEventId: 0 };
  state.decisionQueues.push(decisionQueueKey(execution), execution);
}

export function decisionQueueKey(execution: Execution): string {
  return queueKey(execution.domain.name, execution.configuration.taskList?.name ?? '');
}

/** Hands the scheduled decision task to a decider; returns its token. */
export function startDecisionTask(state: SandboxState, execution: Execution, identity: string | undefined): string {
  const task = execution.decisionTask;
  if (!task) throw new Error('Invariant: a queued execution has a scheduled decision task');
  task.startedEventId = execution.history.record('DecisionTaskStarted', { scheduledEventId: task.scheduledEventId, ...(identity !== undefined && { identity }) });
  task.token = newTaskToken();
  state.decisionTokens.set(task.token, execution);
  task.startToCloseTimer = state.timers.afterSeconds(execution.configuration.taskStartToCloseTimeout, () => {
    if (execution.decisionTask !== task) return;
    execution.history.record('DecisionTaskTimedOut', { timeoutType: 'START_TO_CLOSE', scheduledEventId: task.scheduledEventId, startedEventId: task.startedEventId });
    endDecisionTask(state, execution);
    scheduleDecisionTask(state, execution);
  });
  return task.token;
}

/** Retires the current decision task (completed, timed out, or the execution closed). */
export function endDecisionTask(state: SandboxState, execution: Execution): void {
  const task = execution.decisionTask;
  if (!task) return;
  state.timers.cancel(task.startToCloseTimer);
  if (task.token) state.decisionTokens.delete(task.token);
  if (!task.startedEventId) state.decisionQueues.remove(decisionQueueKey(execution), execution);
  execution.decisionTask = undefined;
  execution.decisionNeededAfterCurrent = false;
}
