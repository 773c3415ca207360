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
  /** Changes run one after another: two quick claims must not both start from the same list. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly secrets: SecretStore) {}

  async all(): Promise<readonly ClaimedTask[]> {
    if (!this.claims) {
      const raw = await this.secrets.get(SECRET_KEY);
      this.claims = parseClaims(raw);
    }
    return this.claims;
  }

  add(claim: ClaimedTask): Promise<void> {
    return this.change((claims) => [...claims.filter((c) => c.taskToken !== claim.taskToken), claim]);
  }

  remove(taskToken: string): Promise<void> {
    return this.change((claims) => claims.filter((c) => c.taskToken !== taskToken));
  }

  /** Drops claims of `domain` whose execution was read and no longer has the task open; returns them. */
  async prune(domain: string, isStillOpen: (claim: ClaimedTask) => boolean | undefined): Promise<ClaimedTask[]> {
    let gone: ClaimedTask[] = [];
    await this.change((claims) => {
      gone = claims.filter((c) => c.domain === domain && isStillOpen(c) === false);
      return claims.filter((c) => !gone.includes(c));
    });
    return gone;
  }

  /** The claim on an execution's activity, if this extension holds one. */
  async find(domain: string, workflowId: string, runId: string, activityId: string): Promise<ClaimedTask | undefined> {
    const key = executionKey({ workflowId, runId });
    return (await this.all()).find((c) => c.domain === domain && executionKey(c) === key && c.activityId === activityId);
  }

  /** Applies `update` to the current list and stores the result, after every earlier change. */
  private change(update: (claims: readonly ClaimedTask[]) => ClaimedTask[]): Promise<void> {
    const next = this.queue.then(async () => {
      const before = await this.all();
      const after = update(before);
      if (after.length === before.length && after.every((c, i) => c === before[i])) return;
      this.claims = after;
      await this.secrets.store(SECRET_KEY, JSON.stringify(after));
    });
    this.queue = next.catch(() => undefined); // one failed write must not block the next
    return next;
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
