/** Everything one sandbox holds in memory, and the lookups every operation shares. */
import { unknownResource } from './errors';
import type { ActivityTask, Domain, Execution } from './model';
import { TaskQueues } from './taskQueues';
import { TimerSet } from './timers';

export interface EngineSettings {
  /** Largest page any list operation returns; a smaller maximumPageSize wins. */
  pageSize: number;
  /** How long PollForActivityTask / PollForDecisionTask wait for a task. */
  maxPollWaitMs: number;
}

/** Queue key of a task list: task lists are scoped to their domain. */
export const queueKey = (domain: string, taskList: string): string => `${domain}\u0000${taskList}`;

export class SandboxState {
  readonly domains = new Map<string, Domain>();
  readonly activityQueues = new TaskQueues<ActivityTask>();
  readonly decisionQueues = new TaskQueues<Execution>();
  /** Tokens of started tasks; a token leaves when its task closes, so later use is UnknownResourceFault. */
  readonly activityTokens = new Map<string, ActivityTask>();
  readonly decisionTokens = new Map<string, Execution>();
  readonly timers = new TimerSet();

  constructor(
    private readonly clock: () => number,
    readonly settings: EngineSettings,
  ) {}

  now(): Date {
    return new Date(this.clock());
  }

  domain(name: string): Domain {
    const domain = this.domains.get(name);
    if (!domain) throw unknownResource(`Unknown domain: ${name}`);
    return domain;
  }

  execution(domainName: string, workflowId: string, runId?: string): Execution {
    const domain = this.domain(domainName);
    const execution = runId ? domain.executions.get(runId) : domain.openByWorkflowId.get(workflowId);
    if (!execution || execution.workflowId !== workflowId) {
      throw unknownResource(`Unknown execution: WorkflowExecution=[workflowId=${workflowId}, runId=${runId ?? ''}]`);
    }
    return execution;
  }

  activityTask(token: string): ActivityTask {
    const task = this.activityTokens.get(token);
    if (!task) throw unknownResource('Unknown activity task token');
    return task;
  }

  decisionExecution(token: string): Execution {
    const execution = this.decisionTokens.get(token);
    if (!execution) throw unknownResource('Unknown decision task token');
    return execution;
  }

  /** Drops all state, ends waiting polls empty and clears every timer. */
  clear(): void {
    this.timers.cancelAll();
    this.activityQueues.closeAll();
    this.decisionQueues.closeAll();
    this.activityTokens.clear();
    this.decisionTokens.clear();
    this.domains.clear();
  }
}
