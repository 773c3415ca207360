/**
 * Keeps the tasks this extension claimed alive while a person works on them.
 *
 * A task scheduled with a heartbeat timeout times out if its worker stays
 * silent that long, and a person writing an answer is a silent worker. The
 * keeper sends RecordActivityTaskHeartbeat well within the timeout, and
 * passes on what a heartbeat learns: that the decider asked for cancellation,
 * or that the task is already closed. It cannot extend a start-to-close
 * timeout: nothing can.
 */
import { parseTimeoutSeconds } from '../common/durations';
import type { SwfGateway } from '../swf/gateway';

export interface HeartbeatTarget {
  taskToken: string;
  /** The task's heartbeat timeout as SWF gives it: seconds as a string, or "NONE". */
  heartbeatTimeout: string | undefined;
}

export interface HeartbeatListener {
  /** The first heartbeat that sees a cancel request; told once per task. */
  cancelRequested(taskToken: string): void;
  /** SWF no longer knows the task: answered, timed out or canceled elsewhere. The keeper stops beating it. */
  closed(taskToken: string, error: unknown): void;
  /** Any other failure; the keeper tries again at the next beat. */
  failed(taskToken: string, error: unknown): void;
  /** A heartbeat succeeded; `sentAt` is when it was sent, which the task's heartbeat timeout now runs from (at the latest). */
  beaten?(taskToken: string, sentAt: Date): void;
}

/** Beat three times per timeout, so one slow or lost call does not time the task out. */
const BEATS_PER_TIMEOUT = 3;
const MIN_INTERVAL_MS = 1_000;
const MAX_INTERVAL_MS = 5 * 60_000;

/** How often to beat a task with this heartbeat timeout; undefined when it has none. */
export function heartbeatIntervalMs(heartbeatTimeout: string | undefined): number | undefined {
  const seconds = parseTimeoutSeconds(heartbeatTimeout);
  if (seconds === undefined || seconds <= 0) return undefined;
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.floor((seconds * 1000) / BEATS_PER_TIMEOUT)));
}

/**
 * The heartbeat timeout a claim is kept at until its real one is read from
 * its history (PollForActivityTask does not give it): a beat every 20 s keeps
 * alive any task whose timeout is a minute or more, and costs little against
 * RecordActivityTaskHeartbeat's quota (160 calls a second).
 */
export const ASSUMED_HEARTBEAT_TIMEOUT = '60';

/** What to keep alive for these claims: each at its own heartbeat timeout, or the assumed one while that is unknown. */
export function heartbeatTargets(claims: readonly { taskToken: string; timeouts?: { heartbeat?: string } }[]): HeartbeatTarget[] {
  return claims.map((c) => ({ taskToken: c.taskToken, heartbeatTimeout: c.timeouts ? c.timeouts.heartbeat : ASSUMED_HEARTBEAT_TIMEOUT }));
}

export class HeartbeatKeeper {
  private readonly timers = new Map<string, { timer: ReturnType<typeof setInterval>; intervalMs: number }>();
  private readonly cancelSeen = new Set<string>();
  /** When the last successful beat of each kept task was sent; in memory only, forgotten with the task. */
  private readonly lastBeats = new Map<string, Date>();

  constructor(
    /** The gateway of the connection that issued a token: a token is only ever sent there. */
    private readonly gatewayFor: (taskToken: string) => Promise<SwfGateway>,
    private readonly listener: HeartbeatListener,
    /**
     * How often to beat a task that has no heartbeat timeout, only to learn
     * whether it is still open (or asked to cancel); undefined: never.
     */
    private readonly livenessIntervalMs?: number,
  ) {}

  /** The tasks being kept alive, by token. */
  get tracked(): ReadonlySet<string> {
    return new Set(this.timers.keys());
  }

  /** When the last successful heartbeat of a kept task was sent (this session), if any. */
  lastBeatAt(taskToken: string): Date | undefined {
    return this.lastBeats.get(taskToken);
  }

  /** Makes the kept tasks exactly `targets` (those with a heartbeat timeout, or all with a liveness interval): starts new ones, stops the rest. */
  track(targets: readonly HeartbeatTarget[]): void {
    const wanted = new Map<string, number>();
    for (const target of targets) {
      const interval = heartbeatIntervalMs(target.heartbeatTimeout) ?? this.livenessIntervalMs;
      if (interval !== undefined) wanted.set(target.taskToken, interval);
    }
    for (const token of [...this.timers.keys()]) if (!wanted.has(token)) this.stop(token);
    for (const [token, intervalMs] of wanted) {
      // A task's timeout learnt later (a liveness beat until then) changes its pace.
      const current = this.timers.get(token);
      if (current?.intervalMs === intervalMs) continue;
      clearInterval(current?.timer);
      const timer = setInterval(() => void this.beat(token), intervalMs);
      timer.unref?.();
      this.timers.set(token, { timer, intervalMs });
      // A task seen for the first time may have gone unbeaten for a while (a claim restored after a window
      // reload, whose last beat came from the old extension host): beat it now, not an interval from now.
      if (!current) void this.beat(token);
    }
  }

  /** One heartbeat now; resolves when its outcome has been passed on. */
  async beat(taskToken: string): Promise<void> {
    try {
      const gateway = await this.gatewayFor(taskToken);
      // The service resets the timeout when the call arrives, after it was sent: timing from the send errs early, never late.
      const sentAt = new Date();
      const { cancelRequested } = await gateway.recordHeartbeat(taskToken);
      if (this.timers.has(taskToken)) {
        this.lastBeats.set(taskToken, sentAt);
        this.listener.beaten?.(taskToken, sentAt);
      }
      if (cancelRequested && !this.cancelSeen.has(taskToken)) {
        this.cancelSeen.add(taskToken);
        this.listener.cancelRequested(taskToken);
      }
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name === 'UnknownResourceFault') {
        this.stop(taskToken);
        this.listener.closed(taskToken, error);
      } else {
        this.listener.failed(taskToken, error);
      }
    }
  }

  private stop(taskToken: string): void {
    clearInterval(this.timers.get(taskToken)?.timer);
    this.timers.delete(taskToken);
    this.cancelSeen.delete(taskToken);
    this.lastBeats.delete(taskToken);
  }

  dispose(): void {
    for (const token of [...this.timers.keys()]) this.stop(token);
  }
}
