/** Every operation the sandbox implements, by its X-Amz-Target name. */
import { activityTaskOperations } from './activityTasks';
import { decisionTaskOperations } from './decisionTasks';
import { executionOperations } from './executions';
import type { Operation } from './operation';
import { registrationOperations } from './registration';

const operations = {
  ...registrationOperations,
  ...executionOperations,
  ...decisionTaskOperations,
  ...activityTaskOperations,
};

/** The implemented operations' names: the request shape table must cover exactly these. */
export type OperationName = keyof typeof operations;

export const OPERATIONS: Readonly<Record<string, Operation>> = operations;

export type { CallContext, Operation } from './operation';
