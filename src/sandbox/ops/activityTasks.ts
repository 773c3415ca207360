/** Worker-facing operations: poll, heartbeat, respond completed / failed / canceled, count. */
import type {
  CountPendingActivityTasksInput,
  PollForActivityTaskInput,
  RecordActivityTaskHeartbeatInput,
  RespondActivityTaskCanceledInput,
  RespondActivityTaskCompletedInput,
  RespondActivityTaskFailedInput,
} from '@aws-sdk/client-swf';
import { cancelActivityTask, completeActivityTask, failActivityTask, recordHeartbeat, startActivityTask } from '../activities';
import { queueKey } from '../state';
import { operation, type Operation } from './operation';

/** What an empty poll answers, like the service: an empty token. */
const NO_ACTIVITY_TASK = { taskToken: '', startedEventId: 0 };

export const activityTaskOperations = {
  PollForActivityTask: operation<PollForActivityTaskInput>(async (state, input, { signal }) => {
    const domain = state.domain(input.domain as string);
    const task = await state.activityQueues.take(
      queueKey(domain.name, input.taskList?.name as string),
      (activity) => ({
        taskToken: startActivityTask(state, activity, input.identity),
        activityId: activity.activityId,
        startedEventId: activity.startedEventId,
        workflowExecution: activity.execution.workflowExecution,
        activityType: activity.activityType,
        ...(activity.input !== undefined && { input: activity.input }),
      }),
      state.settings.maxPollWaitMs,
      signal,
    );
    return task ?? NO_ACTIVITY_TASK;
  }),

  RecordActivityTaskHeartbeat: operation<RecordActivityTaskHeartbeatInput>((state, input) => ({
    cancelRequested: recordHeartbeat(state, state.activityTask(input.taskToken as string), input.details),
  })),

  RespondActivityTaskCompleted: operation<RespondActivityTaskCompletedInput>((state, input) => {
    completeActivityTask(state, state.activityTask(input.taskToken as string), input.result);
    return {};
  }),

  RespondActivityTaskFailed: operation<RespondActivityTaskFailedInput>((state, input) => {
    failActivityTask(state, state.activityTask(input.taskToken as string), input.reason, input.details);
    return {};
  }),

  /** Allowed on any open task, whether or not cancellation was requested, as in SWF. */
  RespondActivityTaskCanceled: operation<RespondActivityTaskCanceledInput>((state, input) => {
    cancelActivityTask(state, state.activityTask(input.taskToken as string), input.details);
    return {};
  }),

  CountPendingActivityTasks: operation<CountPendingActivityTasksInput>((state, input) => {
    const domain = state.domain(input.domain as string);
    return { count: state.activityQueues.count(queueKey(domain.name, input.taskList?.name as string)), truncated: false };
  }),
} satisfies Record<string, Operation>;
