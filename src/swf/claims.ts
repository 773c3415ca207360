/**
 * Tasks this extension claimed with PollForActivityTask, with their tokens.
 *
 * A task token is a credential: whoever holds it can answer the task. It is
 * kept only in a secret store (VS Code's SecretStorage: the OS keychain on
 * desktop), so a window reload does not lose a claim, and never in settings,
 * state files or logs.
 */
import type { ActivityTask } from '@aws-sdk/client-swf';
import { executionKey } from './taskLister';

/** The subset of VS Code's SecretStorage this module needs. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export interface ClaimedTask {
  domain: string;
  taskList: string;
  workflowId: string;
  runId: string;
  activityId: string;
  activityType: { name: string; version: string };
  startedEventId: number;
  input?: string;
  /** ISO time of the claim. */
  claimedAt: string;
  identity: string;
  taskToken: string;
}

const SECRET_KEY = 'swfTasks.claimedTasks.v1';

export class ClaimStore {
  private claims: ClaimedTask[] | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly secrets: SecretStore) {}

  async all(): Promise<readonly ClaimedTask[]> {
    if (!this.claims) {
      const raw = await this.secrets.get(SECRET_KEY);
      this.claims = parseClaims(raw);
    }
    return this.claims;
  }

  async add(claim: ClaimedTask): Promise<void> {
    const claims = await this.all();
    await this.save([...claims.filter((c) => c.taskToken !== claim.taskToken), claim]);
  }

  async remove(taskToken: string): Promise<void> {
    const claims = await this.all();
    if (claims.some((c) => c.taskToken === taskToken)) await this.save(claims.filter((c) => c.taskToken !== taskToken));
  }

  /** Drops claims of `domain` whose execution was read and no longer has the task open. */
  async prune(domain: string, isStillOpen: (claim: ClaimedTask) => boolean | undefined): Promise<ClaimedTask[]> {
    const claims = await this.all();
    const gone = claims.filter((c) => c.domain === domain && isStillOpen(c) === false);
    if (gone.length > 0) await this.save(claims.filter((c) => !gone.includes(c)));
    return gone;
  }

  /** The claim on the task scheduled as `scheduledEventId`'s started event, matched by execution and activityId. */
  async find(domain: string, workflowId: string, runId: string, activityId: string): Promise<ClaimedTask | undefined> {
    const key = executionKey({ workflowId, runId });
    return (await this.all()).find((c) => c.domain === domain && executionKey(c) === key && c.activityId === activityId);
  }

  private async save(claims: ClaimedTask[]): Promise<void> {
    this.claims = claims;
    // Serialise writes: two quick claims must not overwrite each other.
    this.writing = this.writing.then(() => this.secrets.store(SECRET_KEY, JSON.stringify(claims)));
    await this.writing;
  }
}

export function claimFromActivityTask(domain: string, taskList: string, identity: string, task: ActivityTask, now = new Date()): ClaimedTask {
  return {
    domain,
    taskList,
    workflowId: task.workflowExecution?.workflowId ?? '',
    runId: task.workflowExecution?.runId ?? '',
    activityId: task.activityId ?? '',
    activityType: { name: task.activityType?.name ?? '', version: task.activityType?.version ?? '' },
    startedEventId: task.startedEventId ?? 0,
    input: task.input,
    claimedAt: now.toISOString(),
    identity,
    taskToken: task.taskToken ?? '',
  };
}

function parseClaims(raw: string | undefined): ClaimedTask[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isClaim) : [];
  } catch {
    return [];
  }
}

function isClaim(value: unknown): value is ClaimedTask {
  const c = value as Partial<ClaimedTask> | null;
  return typeof c?.taskToken === 'string' && typeof c.domain === 'string' && typeof c.workflowId === 'string' && typeof c.activityId === 'string';
}

/** `vscode:<user>@<host>`, cut to SWF's 256-character identity limit. */
export function defaultIdentity(user: string, host: string): string {
  return `vscode:${user}@${host}`.slice(0, 256);
}
