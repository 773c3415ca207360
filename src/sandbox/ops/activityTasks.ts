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
import { LIMITS } from '../wire';
import { operation, type Operation } from './operation';
import { checkPoll, checkToken } from './taskRequests';

/** What an empty poll answers, like the service: an empty token. */
const NO_ACTIVITY_TASK = { taskToken: '', startedEventId: 0 };

export const activityTaskOperations: Record<string, Operation> = {
  PollForActivityTask: operation<PollForActivityTaskInput>(async (state, input, { signal }) => {
    const { domain, taskList } = checkPoll(input);
    state.domain(domain);
    const task = await state.activityQueues.take(
      queueKey(domain, taskList),
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

  RecordActivityTaskHeartbeat: operation<RecordActivityTaskHeartbeatInput>((state, input) => {
    checkToken(input.taskToken).length('details', input.details, 0, LIMITS.heartbeatDetails).throwIfInvalid();
    return { cancelRequested: recordHeartbeat(state, state.activityTask(input.taskToken as string), input.details) };
  }),

  RespondActivityTaskCompleted: operation<RespondActivityTaskCompletedInput>((state, input) => {
    checkToken(input.taskToken).length('result', input.result, 0, LIMITS.result).throwIfInvalid();
    completeActivityTask(state, state.activityTask(input.taskToken as string), input.result);
    return {};
  }),

  RespondActivityTaskFailed: operation<RespondActivityTaskFailedInput>((state, input) => {
    checkToken(input.taskToken).length('reason', input.reason, 0, LIMITS.reason).length('details', input.details, 0, LIMITS.details).throwIfInvalid();
    failActivityTask(state, state.activityTask(input.taskToken as string), input.reason, input.details);
    return {};
  }),

  /** Allowed on any open task, whether or not cancellation was requested, as in SWF. */
  RespondActivityTaskCanceled: operation<RespondActivityTaskCanceledInput>((state, input) => {
    checkToken(input.taskToken).length('details', input.details, 0, LIMITS.details).throwIfInvalid();
    cancelActivityTask(state, state.activityTask(input.taskToken as string), input.details);
    return {};
  }),

  CountPendingActivityTasks: operation<CountPendingActivityTasksInput>((state, input) => {
    const { domain, taskList } = checkPoll(input);
    state.domain(domain);
    return { count: state.activityQueues.count(queueKey(domain, taskList)), truncated: false };
  }),
};
