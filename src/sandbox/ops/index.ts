/** Every operation the sandbox implements, by its X-Amz-Target name. */
import { activityTaskOperations } from './activityTasks';
import { decisionTaskOperations } from './decisionTasks';
import { executionOperations } from './executions';
import type { Operation } from './operation';
import { registrationOperations } from './registration';

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  ...registrationOperations,
  ...executionOperations,
  ...decisionTaskOperations,
  ...activityTaskOperations,
};

export type { CallContext, Operation } from './operation';
