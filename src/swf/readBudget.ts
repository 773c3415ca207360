/**
 * The read budget: a client-side token bucket that keeps the extension's
 * GetWorkflowExecutionHistory calls under a share of the account's quota.
 *
 * SWF refills that quota at 60 calls a second per account and region, and the
 * account's own deciders draw from it too (see swf-facts.md). Every root on
 * the same account and region takes from one bucket (`ReadBudgets`), so
 * adding a root never raises the rate. The bucket holds one second of tokens:
 * a burst never eats into the service's own 2,000-call burst, which belongs
 * to the deciders.
 */

export interface BucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Tokens the bucket holds when full; default one second's worth (at least 1). */
  capacity?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class TokenBucket {
  private rate: number;
  private capacity: number;
  private tokens: number;
  private updatedMs: number;
  /** Callers waiting, first come first served. */
  private queue: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: BucketOptions) {
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? abortableSleep;
    this.rate = positive(options.ratePerSecond);
    this.capacity = Math.max(1, options.capacity ?? this.rate);
    this.tokens = this.capacity;
    this.updatedMs = this.now();
  }

  get ratePerSecond(): number {
    return this.rate;
  }

  /** A new rate (the setting changed): keeps the tokens held, up to the new capacity. */
  setRate(ratePerSecond: number, capacity?: number): void {
    this.refill();
    this.rate = positive(ratePerSecond);
    this.capacity = Math.max(1, capacity ?? this.rate);
    this.tokens = Math.min(this.tokens, this.capacity);
  }

  /** Takes a token if one is there. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0: now). */
  msUntilToken(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }

  /** Waits for a token, in turn behind earlier callers. Rejects when `signal` aborts, without taking one. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        signal?.throwIfAborted();
        if (this.tryTake()) return;
        await this.sleep(this.msUntilToken(), signal);
      }
    });
    // The next caller waits for this one's turn to end, taken or aborted.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedMs) / 1000) * this.rate);
    this.updatedMs = now;
  }
}

/**
 * One bucket per account and region. The account behind a profile is not
 * known without a call (STS), so the key is what decides it here: the
 * region with the profile, or with the endpoint of a local peer.
 */
export class ReadBudgets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private ratePerSecond: number,
    private readonly make: (rate: number) => TokenBucket = (rate) => new TokenBucket({ ratePerSecond: rate }),
  ) {}

  /** The bucket shared by every root on `key`. */
  get(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = this.make(this.ratePerSecond)));
    return bucket;
  }

  setRate(ratePerSecond: number): void {
    this.ratePerSecond = ratePerSecond;
    for (const bucket of this.buckets.values()) bucket.setRate(ratePerSecond);
  }
}

/** The key of the account and region a call target draws its quota from. */
export function budgetKey(target: { region: string; profile?: string; endpoint?: string }): string {
  return `${target.region}\u0000${target.endpoint || `profile:${target.profile ?? ''}`}`;
}

function positive(rate: number): number {
  return Number.isFinite(rate) && rate > 0 ? rate : 1;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
