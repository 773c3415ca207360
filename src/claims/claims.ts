/**
 * Tasks this extension claimed with PollForActivityTask, with their tokens.
 *
 * A task token is a credential and a promise to the workflow: whoever holds
 * it can answer the task, and nobody else can. It is kept only in a secret
 * store (VS Code's SecretStorage: the OS keychain on desktop), so a window
 * reload does not lose a claim, and never in settings, state files or logs.
 *
 * A claim records the connection that issued its token (profile, region and
 * endpoint, or the sandbox) and its domain. It is answered, heartbeated and
 * read through that connection only, and dropped only on evidence from it:
 * see `prune` and `remove`'s callers.
 */
import type { ActivityTask } from '@aws-sdk/client-swf';
import { type Connection, connectionId } from '../connection/connection';
import { SecretKeys } from '../ids';

/** The subset of VS Code's SecretStorage this module needs. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The timeouts of the claimed task, as SWF gives them: seconds as a string, or "NONE". */
export interface ClaimTimeouts {
  heartbeat?: string;
  startToClose?: string;
  scheduleToClose?: string;
}

export interface ClaimedTask {
  /** The connection that issued the token: the only one it is ever sent to. */
  connection: Connection;
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
  /** Read from the task's ActivityTaskScheduled event after the claim; absent until then. */
  timeouts?: ClaimTimeouts;
}

/** Claims of versions before connections were values: no connection recorded. */
type LegacyClaim = Omit<ClaimedTask, 'connection' | 'timeouts'>;

const SECRET_KEY = SecretKeys.claims;
const LEGACY_SECRET_KEY = SecretKeys.legacyClaims;

export interface ClaimStoreOptions {
  /**
   * The connection that claims stored by the previous version (which had a
   * single connection) were made with: that version's settings.
   */
  legacyConnection?: () => Promise<Connection>;
}

export class ClaimStore {
  private claims: ClaimedTask[] | undefined;
  private loading: Promise<ClaimedTask[]> | undefined;
  /** Changes run one after another: two quick claims must not both start from the same list. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(claims: readonly ClaimedTask[]) => void>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly options: ClaimStoreOptions = {},
  ) {}

  /** Called after every change, with the claims as they now are. */
  onDidChange(listener: (claims: readonly ClaimedTask[]) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async all(): Promise<readonly ClaimedTask[]> {
    if (this.claims) return this.claims;
    this.loading ??= this.load();
    this.claims = await this.loading;
    return this.claims;
  }

  /** The claims held on one connection (and domain). */
  async on(connection: Connection, domain?: string): Promise<ClaimedTask[]> {
    const id = connectionId(connection);
    return (await this.all()).filter((c) => connectionId(c.connection) === id && (domain === undefined || c.domain === domain));
  }

  add(claim: ClaimedTask): Promise<void> {
    return this.change((claims) => [...claims.filter((c) => c.taskToken !== claim.taskToken), claim]);
  }

  /** Forgets one claim. Callers hold evidence from the claim's own connection that its task is closed, or the person chose to. */
  remove(taskToken: string): Promise<void> {
    return this.change((claims) => claims.filter((c) => c.taskToken !== taskToken));
  }

  /** Records what was learnt about a claim (its timeouts). */
  update(taskToken: string, patch: Pick<ClaimedTask, 'timeouts'>): Promise<void> {
    return this.change((claims) => claims.map((c) => (c.taskToken === taskToken ? { ...c, ...patch } : c)));
  }

  /**
   * Drops the claims of `connection` and `domain` that a read of that same
   * connection shows closed (`isStillOpen` false); `undefined` means the read
   * said nothing about the claim, which is then kept. Returns the dropped ones.
   */
  async prune(connection: Connection, domain: string, isStillOpen: (claim: ClaimedTask) => boolean | undefined): Promise<ClaimedTask[]> {
    const id = connectionId(connection);
    let gone: ClaimedTask[] = [];
    await this.change((claims) => {
      gone = claims.filter((c) => connectionId(c.connection) === id && c.domain === domain && isStillOpen(c) === false);
      return claims.filter((c) => !gone.includes(c));
    });
    return gone;
  }

  /** Applies `update` to the current list and stores the result, after every earlier change. */
  private change(update: (claims: readonly ClaimedTask[]) => ClaimedTask[]): Promise<void> {
    const next = this.queue.then(async () => {
      const before = await this.all();
      const after = update(before);
      if (after.length === before.length && after.every((c, i) => c === before[i])) return;
      this.claims = after;
      await this.secrets.store(SECRET_KEY, JSON.stringify(after));
      for (const listener of this.listeners) listener(after);
    });
    this.queue = next.catch(() => undefined); // one failed write must not block the next
    return next;
  }

  /** Reads the stored claims; on first start after an upgrade, moves the previous version's claims over. */
  private async load(): Promise<ClaimedTask[]> {
    const raw = await this.secrets.get(SECRET_KEY);
    if (raw !== undefined) return parseClaims(raw);
    const legacy = parseLegacyClaims(await this.secrets.get(LEGACY_SECRET_KEY));
    if (legacy.length === 0 || !this.options.legacyConnection) return [];
    const connection = await this.options.legacyConnection();
    const migrated = legacy.map((claim): ClaimedTask => ({ ...claim, connection }));
    // Written before the old key goes: a crash in between leaves both, never neither.
    await this.secrets.store(SECRET_KEY, JSON.stringify(migrated));
    await this.secrets.delete(LEGACY_SECRET_KEY);
    return migrated;
  }
}

/**
 * Whether a claim's token can never be answered again, on evidence alone. The
 * local sandbox runs inside this extension host and keeps everything in
 * memory, so what it issued is gone once no sandbox runs here: stopped, or a
 * window reload ended the host that ran it (a sandbox started later is a new
 * one, with new executions and tokens). A claim on any other endpoint is never
 * judged gone here: only its own connection's answers say its task closed.
 */
export function claimIsGone(claim: Pick<ClaimedTask, 'connection'>, sandboxRunning: boolean): boolean {
  return claim.connection.kind === 'sandbox' && !sandboxRunning;
}

export function claimFromActivityTask(connection: Connection, domain: string, taskList: string, identity: string, task: ActivityTask, now = new Date()): ClaimedTask {
  return {
    connection,
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

function parseJsonArray(raw: string | undefined): unknown[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function parseClaims(raw: string | undefined): ClaimedTask[] {
  return parseJsonArray(raw).filter((c): c is ClaimedTask => isLegacyClaim(c) && isConnection((c as Partial<ClaimedTask>).connection));
}

function parseLegacyClaims(raw: string | undefined): LegacyClaim[] {
  return parseJsonArray(raw).filter(isLegacyClaim);
}

function isLegacyClaim(value: unknown): value is LegacyClaim {
  const c = value as Partial<LegacyClaim> | null;
  return typeof c?.taskToken === 'string' && typeof c.domain === 'string' && typeof c.workflowId === 'string' && typeof c.activityId === 'string';
}

function isConnection(value: unknown): value is Connection {
  const c = value as { kind?: unknown; profile?: unknown; region?: unknown; endpoint?: unknown } | null;
  if (c?.kind === 'sandbox') return true;
  return c?.kind === 'aws' && typeof c.profile === 'string' && typeof c.region === 'string' && typeof c.endpoint === 'string';
}

/** `vscode:<user>@<host>`, cut to SWF's 256-character identity limit. */
export function defaultIdentity(user: string, host: string): string {
  return `vscode:${user}@${host}`.slice(0, 256);
}
