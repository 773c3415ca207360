/**
 * All timers of one sandbox (activity, decision and workflow timeouts, StartTimer
 * decisions) go through one TimerSet, so stop() and reset() can clear every one
 * of them and the process can exit.
 */

import { parseTimeoutSeconds } from '../common/durations';

/** setTimeout's ceiling (~24.8 days); SWF timeouts can be longer, so long waits re-arm. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface TimerHandle {
  timeout: NodeJS.Timeout;
}


export class TimerSet {
  private readonly live = new Set<TimerHandle>();

  /** Runs `fire` after `seconds` (an SWF duration); returns undefined for "NONE". */
  afterSeconds(seconds: string | undefined, fire: () => void): TimerHandle | undefined {
    const parsed = parseTimeoutSeconds(seconds);
    return parsed === undefined ? undefined : this.afterMs(parsed * 1000, fire);
  }

  afterMs(ms: number, fire: () => void): TimerHandle {
    const handle = {} as TimerHandle;
    const arm = (remaining: number): void => {
      const step = Math.min(remaining, MAX_DELAY_MS);
      handle.timeout = setTimeout(() => {
        if (remaining > step) return arm(remaining - step);
        this.live.delete(handle);
        fire();
      }, step);
      // Pending SWF timeouts alone must not keep a process alive; the HTTP server does that.
      handle.timeout.unref();
    };
    arm(ms);
    this.live.add(handle);
    return handle;
  }

  cancel(handle: TimerHandle | undefined): void {
    if (!handle) return;
    clearTimeout(handle.timeout);
    this.live.delete(handle);
  }

  cancelAll(): void {
    for (const handle of this.live) clearTimeout(handle.timeout);
    this.live.clear();
  }
}
