/**
 * Task lists with long polling. A poll waits until an item is pushed on its
 * list or its maximum wait passes; handing an item over runs the poller's
 * `claim` synchronously, so no other poller or timeout can slip in between.
 */

interface Waiter<T> {
  claim: (item: T) => void;
  finish: () => void;
}

export class TaskQueues<T> {
  private readonly items = new Map<string, T[]>();
  private readonly waiters = new Map<string, Waiter<T>[]>();

  /** Adds an item, handing it straight to the longest-waiting poller if there is one. */
  push(key: string, item: T): void {
    const waiter = this.waiters.get(key)?.shift();
    if (waiter) {
      waiter.claim(item);
      waiter.finish();
      return;
    }
    const list = this.items.get(key) ?? [];
    list.push(item);
    this.items.set(key, list);
  }

  /** Removes an item that is no longer pending (timed out, canceled, its execution closed). */
  remove(key: string, item: T): void {
    const list = this.items.get(key);
    const index = list?.indexOf(item) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  }

  /** Takes the oldest item without waiting. */
  takeReady(key: string): T | undefined {
    return this.items.get(key)?.shift();
  }

  count(key: string): number {
    return this.items.get(key)?.length ?? 0;
  }

  /**
   * Takes the oldest item, waiting up to `maxWaitMs` for one. Resolves with
   * `claim`'s result, or undefined when the wait ends empty (timeout, abort, or
   * closeAll). An aborted poll leaves the queue, so no task is handed to a
   * client that has gone away.
   */
  take<R>(key: string, claim: (item: T) => R, maxWaitMs: number, signal?: AbortSignal): Promise<R | undefined> {
    const ready = this.takeReady(key);
    if (ready !== undefined) return Promise.resolve(claim(ready));
    if (maxWaitMs <= 0 || signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      let result: R | undefined;
      const waiter: Waiter<T> = {
        claim: (item) => { result = claim(item); },
        finish: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', leave);
          resolve(result);
        },
      };
      const leave = (): void => {
        const list = this.waiters.get(key) ?? [];
        const index = list.indexOf(waiter);
        if (index >= 0) list.splice(index, 1);
        waiter.finish();
      };
      const timer = setTimeout(leave, maxWaitMs);
      signal?.addEventListener('abort', leave);
      const list = this.waiters.get(key) ?? [];
      list.push(waiter);
      this.waiters.set(key, list);
    });
  }

  /** Ends every waiting poll empty and drops all items (stop and reset). */
  closeAll(): void {
    for (const list of this.waiters.values()) for (const waiter of list.splice(0)) waiter.finish();
    this.waiters.clear();
    this.items.clear();
  }
}
