/** Checks shared by the task operations: poll requests and task tokens. */
import type { TaskList } from '@aws-sdk/client-swf';
import { InputCheck, LIMITS } from '../wire';

export interface PollRequest {
  domain?: string;
  taskList?: TaskList;
  identity?: string;
}

/** Validates a poll and returns its domain and task list name. */
export function checkPoll(input: PollRequest): { domain: string; taskList: string } {
  new InputCheck()
    .required('domain', input.domain)
    .required('taskList', input.taskList)
    .required('taskList.name', input.taskList?.name)
    .length('taskList.name', input.taskList?.name, 1, LIMITS.name)
    .length('identity', input.identity, 0, LIMITS.identity)
    .throwIfInvalid();
  return { domain: input.domain as string, taskList: input.taskList?.name as string };
}

/** Starts a check of a request that carries a task token (1..1024 characters). */
export function checkToken(taskToken: string | undefined): InputCheck {
  return new InputCheck().required('taskToken', taskToken).length('taskToken', taskToken, 1, LIMITS.taskToken);
}
