/**
 * Activity task lifecycle: scheduled -> started -> closed (completed, failed,
 * canceled, timed out), with the four timeouts firing on time from timers.
 */
import type { ActivityTaskTimeoutType, ActivityType, TaskList } from '@aws-sdk/client-swf';
import { scheduleDecisionTask } from './decisionTasks';
import type { AttributesOf } from './history';
import type { ActivityTask, ActivityTimeouts, Execution } from './model';
import { queueKey, type SandboxState } from './state';
import { newTaskToken } from './tokens';

export interface ActivitySchedule {
  activityType: ActivityType;
  activityId: string;
  input?: string;
  control?: string;
  taskList: TaskList;
  taskPriority?: string;
  timeouts: ActivityTimeouts;
  decisionTaskCompletedEventId: number;
}

const activityQueueKey = (task: ActivityTask): string => queueKey(task.execution.domain.name, task.taskList.name ?? '');

export function scheduleActivityTask(state: SandboxState, execution: Execution, schedule: ActivitySchedule): ActivityTask {
  const { timeouts, ...attributes } = schedule;
  const scheduledEventId = execution.history.record('ActivityTaskScheduled', { ...attributes, ...timeouts });
  const task: ActivityTask = {
    execution,
    activityId: schedule.activityId,
    activityType: schedule.activityType,
    input: schedule.input,
    taskList: schedule.taskList,
    timeouts,
    scheduledEventId,
    startedEventId: 0,
    timers: {
      scheduleToStart: state.timers.afterSeconds(timeouts.scheduleToStartTimeout, () => timeOutActivityTask(state, task, 'SCHEDULE_TO_START')),
      scheduleToClose: state.timers.afterSeconds(timeouts.scheduleToCloseTimeout, () => timeOutActivityTask(state, task, 'SCHEDULE_TO_CLOSE')),
    },
  };
  execution.activities.set(task.activityId, task);
  // The service's "time the last activity task was scheduled" (DescribeWorkflowExecution).
  execution.latestActivityTaskTimestamp = state.now();
  state.activityQueues.push(activityQueueKey(task), task);
  return task;
}

/** A worker's poll got the task: records ActivityTaskStarted and starts its start-to-close and heartbeat clocks. */
export function startActivityTask(state: SandboxState, task: ActivityTask, identity: string | undefined): string {
  const { execution } = task;
  task.startedEventId = execution.history.record('ActivityTaskStarted', { scheduledEventId: task.scheduledEventId, ...(identity !== undefined && { identity }) });
  task.token = newTaskToken();
  state.activityTokens.set(task.token, task);
  state.timers.cancel(task.timers.scheduleToStart);
  task.timers.startToClose = state.timers.afterSeconds(task.timeouts.startToCloseTimeout, () => timeOutActivityTask(state, task, 'START_TO_CLOSE'));
  armHeartbeatTimer(state, task);
  return task.token;
}

function armHeartbeatTimer(state: SandboxState, task: ActivityTask): void {
  state.timers.cancel(task.timers.heartbeat);
  task.timers.heartbeat = state.timers.afterSeconds(task.timeouts.heartbeatTimeout, () => timeOutActivityTask(state, task, 'HEARTBEAT'));
}

/** Records a heartbeat (restarting the heartbeat clock); answers whether cancellation was requested. */
export function recordHeartbeat(state: SandboxState, task: ActivityTask, details: string | undefined): boolean {
  if (details !== undefined) task.latestHeartbeatDetails = details;
  armHeartbeatTimer(state, task);
  return task.latestCancelRequestedEventId !== undefined;
}

export function completeActivityTask(state: SandboxState, task: ActivityTask, result: string | undefined): void {
  closeActivityTask(state, task, (ids) => task.execution.history.record('ActivityTaskCompleted', { ...ids, ...(result !== undefined && { result }) }));
}

export function failActivityTask(state: SandboxState, task: ActivityTask, reason: string | undefined, details: string | undefined): void {
  closeActivityTask(state, task, (ids) =>
    task.execution.history.record('ActivityTaskFailed', { ...ids, ...(reason !== undefined && { reason }), ...(details !== undefined && { details }) }),
  );
}

export function cancelActivityTask(state: SandboxState, task: ActivityTask, details: string | undefined): void {
  const { latestCancelRequestedEventId } = task;
  closeActivityTask(state, task, (ids) =>
    task.execution.history.record('ActivityTaskCanceled', {
      ...ids,
      ...(details !== undefined && { details }),
      ...(latestCancelRequestedEventId !== undefined && { latestCancelRequestedEventId }),
    }),
  );
}

function timeOutActivityTask(state: SandboxState, task: ActivityTask, timeoutType: ActivityTaskTimeoutType): void {
  const details = task.latestHeartbeatDetails;
  closeActivityTask(state, task, (ids) => task.execution.history.record('ActivityTaskTimedOut', { ...ids, timeoutType, ...(details !== undefined && { details }) }));
}

type ClosingIds = Pick<AttributesOf<'ActivityTaskCompleted'>, 'scheduledEventId' | 'startedEventId'>;

/** Records the closing event (unless the execution closed first) and lets the decider know. */
function closeActivityTask(state: SandboxState, task: ActivityTask, recordClose: (ids: ClosingIds) => void): void {
  if (task.execution.activities.get(task.activityId) !== task) return;
  retireActivityTask(state, task);
  recordClose({ scheduledEventId: task.scheduledEventId, startedEventId: task.startedEventId });
  scheduleDecisionTask(state, task.execution);
}

/**
 * The RequestCancelActivityTask decision. A task nobody has started is
 * canceled at once; a started one only gets the request, which its worker
 * learns from its next heartbeat.
 */
export function requestCancelActivityTask(state: SandboxState, execution: Execution, activityId: string, decisionTaskCompletedEventId: number): void {
  const task = execution.activities.get(activityId);
  if (!task) {
    execution.history.record('RequestCancelActivityTaskFailed', { activityId, cause: 'ACTIVITY_ID_UNKNOWN', decisionTaskCompletedEventId });
    scheduleDecisionTask(state, execution);
    return;
  }
  task.latestCancelRequestedEventId = execution.history.record('ActivityTaskCancelRequested', { activityId, decisionTaskCompletedEventId });
  if (!task.startedEventId) cancelActivityTask(state, task, undefined);
}

/** Forgets a task's timers, queue entry and token; its execution no longer counts it as open. */
export function retireActivityTask(state: SandboxState, task: ActivityTask): void {
  const { timers } = task;
  for (const handle of [timers.scheduleToStart, timers.scheduleToClose, timers.startToClose, timers.heartbeat]) state.timers.cancel(handle);
  if (task.token) state.activityTokens.delete(task.token);
  else state.activityQueues.remove(activityQueueKey(task), task);
  task.execution.activities.delete(task.activityId);
}
