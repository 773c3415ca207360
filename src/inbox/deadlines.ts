/**
 * When each of an open activity task's four timeouts fires, which one comes
 * next in the task's state, and how long is left: what a task row, its
 * tooltip and the claims status bar show. Computed from what the history and
 * our own claims tell, never by reading SWF, so the views can re-render it
 * on a timer for free.
 *
 * The heartbeat clock is the one we cannot always see. Histories hold no
 * heartbeats, so for a task started by another worker the heartbeat deadline
 * is only known to be *not before* start + timeout: shown as such in the
 * tooltip, and never taken as the task's next deadline (a worker that beats
 * would otherwise look overdue). For a claimed task the claim keeper beats
 * it, so its deadline runs from the last beat the keeper saw succeed; until
 * one is seen (a claim restored after a reload was beaten by the old window),
 * it is not-before too.
 *
 * No `vscode` import; `now` is always given, so tests use fixed times.
 */
import { parseTimeoutSeconds } from '../common/durations';
import type { ClaimTimeouts } from '../claims/claims';
import type { ActivityTimeouts, OpenActivityTask } from '../history/openTasks';

export type TimeoutKind = 'scheduleToStart' | 'startToClose' | 'scheduleToClose' | 'heartbeat';

/** The order a tooltip lists them in: the task's life from scheduling to close, then the heartbeat. */
export const TIMEOUT_KINDS: readonly TimeoutKind[] = ['scheduleToStart', 'startToClose', 'scheduleToClose', 'heartbeat'];

/** Under this much time left a deadline is urgent (warning icon, warning background). */
export const URGENT_MS = 60_000;

export type Deadline =
  /** "NONE": this timeout never fires. */
  | { kind: TimeoutKind; status: 'none' }
  /** The timeout was not given (the type's default, not in the history) or its clock's start is not known. */
  | { kind: TimeoutKind; status: 'unknown'; seconds?: number }
  /** Its clock has not started: start-to-close and heartbeat while the task waits. */
  | { kind: TimeoutKind; status: 'notStarted'; seconds: number }
  /** It can no longer fire: schedule-to-start once the task started. */
  | { kind: TimeoutKind; status: 'met'; seconds: number }
  /**
   * Running: fires at `at` (msLeft <= 0: overdue; SWF evaluates it, the next
   * refresh tells). `exact`: unless the task closes first; `notBefore`: a
   * heartbeat we cannot see may have moved it later.
   */
  | { kind: TimeoutKind; status: 'running'; seconds: number; at: Date; msLeft: number; bound: 'exact' | 'notBefore'; since: 'scheduled' | 'started' | 'lastHeartbeat' };

export type RunningDeadline = Extract<Deadline, { status: 'running' }>;

export interface TaskDeadlines {
  /** All four, in TIMEOUT_KINDS order. */
  all: Deadline[];
  /** The exact running deadline that fires first, if any. */
  next?: RunningDeadline;
}

/** What the deadlines are computed from: a task row (see `TaskRow`), and the claim keeper's last beat of its claim. */
export interface DeadlineSubject {
  state: 'scheduled' | 'started' | 'claimed';
  task: Pick<OpenActivityTask, 'scheduledAt' | 'startedAt'> & { timeouts: ActivityTimeouts };
  claim?: { claimedAt: string; timeouts?: ClaimTimeouts };
}

/** A timeout as SWF wrote it: from the task's history, else as read for its claim (a claim no listing shows). */
export function timeoutOf(subject: DeadlineSubject, kind: TimeoutKind): string | undefined {
  const fromTask = subject.task.timeouts[kind];
  if (fromTask !== undefined && fromTask !== '') return fromTask;
  return kind === 'scheduleToStart' ? undefined : subject.claim?.timeouts?.[kind];
}

export function taskDeadlines(subject: DeadlineSubject, now: Date, lastBeatAt?: Date): TaskDeadlines {
  const { state, task, claim } = subject;
  const claimedAt = claim ? new Date(claim.claimedAt) : undefined;
  const startedAt = task.startedAt ?? (claimedAt && !Number.isNaN(claimedAt.getTime()) ? claimedAt : undefined);
  const started = state !== 'scheduled';

  const running = (kind: TimeoutKind, seconds: number, from: Date | undefined, since: RunningDeadline['since'], bound: RunningDeadline['bound']): Deadline => {
    if (!from) return { kind, status: 'unknown', seconds };
    const at = new Date(from.getTime() + seconds * 1000);
    return { kind, status: 'running', seconds, at, msLeft: at.getTime() - now.getTime(), bound, since };
  };

  const all = TIMEOUT_KINDS.map((kind): Deadline => {
    const value = timeoutOf(subject, kind);
    if (value === 'NONE') return { kind, status: 'none' };
    const seconds = parseTimeoutSeconds(value);
    if (seconds === undefined) return { kind, status: 'unknown' };
    switch (kind) {
      case 'scheduleToStart':
        return started ? { kind, status: 'met', seconds } : running(kind, seconds, task.scheduledAt, 'scheduled', 'exact');
      case 'scheduleToClose':
        return running(kind, seconds, task.scheduledAt, 'scheduled', 'exact');
      case 'startToClose':
        return started ? running(kind, seconds, startedAt, 'started', 'exact') : { kind, status: 'notStarted', seconds };
      case 'heartbeat':
        if (!started) return { kind, status: 'notStarted', seconds };
        if (state === 'claimed' && lastBeatAt && (!startedAt || lastBeatAt >= startedAt)) return running(kind, seconds, lastBeatAt, 'lastHeartbeat', 'exact');
        return running(kind, seconds, startedAt, 'started', 'notBefore');
    }
  });

  let next: RunningDeadline | undefined;
  for (const d of all) if (d.status === 'running' && d.bound === 'exact' && (!next || d.msLeft < next.msLeft)) next = d;
  return { all, next };
}

export function isUrgent(deadline: RunningDeadline | undefined): boolean {
  return deadline !== undefined && deadline.msLeft < URGENT_MS;
}

/** Slow pace of re-rendering time left shown in minutes: at most this late. */
export const SLOW_RENDER_MS = 15_000;
/** Fast pace, while some time left under a minute is shown in seconds. */
export const FAST_RENDER_MS = 1_000;

/**
 * How long until time left shown for these deadlines should be re-rendered
 * (msLeft of each shown next deadline); undefined when nothing shown changes
 * with time. Every second while one is under a minute and not yet overdue,
 * else every 15 s, sooner when one is about to cross into the last minute
 * (its icon turns then) or to go overdue.
 */
export function renderDelayMs(msLefts: readonly number[]): number | undefined {
  let delay: number | undefined;
  for (const ms of msLefts) {
    if (ms <= 0) continue; // "overdue" stays as it is
    const wanted = ms < URGENT_MS ? FAST_RENDER_MS : Math.min(SLOW_RENDER_MS, Math.max(FAST_RENDER_MS, ms - URGENT_MS + 1));
    delay = delay === undefined ? wanted : Math.min(delay, wanted);
  }
  return delay;
}
