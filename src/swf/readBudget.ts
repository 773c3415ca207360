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
 * One bucket per account and region. Until the account is known (see
 * AccountReadBudget) the key is what decides it locally: the region with the
 * profile, or with the endpoint of a local peer.
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

/** The key of the account and region a call target draws its quota from, before its account is known. */
export function budgetKey(target: { region: string; profile?: string; endpoint?: string }): string {
  return `${target.region}\u0000${target.endpoint || `profile:${target.profile ?? ''}`}`;
}

/** The key of a known account and region: two profiles of one account share it. */
export function accountBudgetKey(region: string, account: string): string {
  return `${region}\u0000account:${account}`;
}

/**
 * The account in an SWF domain ARN (`arn:aws:swf:eu-west-1:123456789012:/domain/orders`),
 * or undefined when the text is not one: a peer's answer is untrusted, and a
 * wrong key must never merge two accounts' budgets.
 */
export function accountOfDomainArn(arn: string | undefined): string | undefined {
  return /^arn:aws[a-z-]*:swf:[a-z0-9-]+:(\d{12}):\/domain\/[^\s]+$/.exec(arn ?? '')?.[1];
}

/** What a history read waits on: a bucket, or a budget that finds its bucket first. */
export interface ReadBudget {
  take(signal?: AbortSignal): Promise<void>;
}

/**
 * The budget of one connection, keyed by its account once that is known.
 * SWF's quota is per account and region, so two profiles (or roles) of one
 * account must share one bucket; the account is not in the configuration.
 * Before the first read this asks `findAccount` once (the gateway reads it
 * from a domain ARN, one ListDomains call with no new dependency) and then
 * takes from that account's bucket; when the account cannot be found (the
 * call is denied or fails, or the peer sends no ARN) it keeps the fallback
 * bucket of its profile or endpoint, and does not ask again.
 */
export class AccountReadBudget implements ReadBudget {
  private bucket: TokenBucket;
  private found?: Promise<void>;

  constructor(
    private readonly budgets: ReadBudgets,
    private readonly region: string,
    fallbackKey: string,
    private readonly findAccount: () => Promise<string | undefined>,
    private readonly onFound?: (account: string | undefined) => void,
  ) {
    this.bucket = budgets.get(fallbackKey);
  }

  async take(signal?: AbortSignal): Promise<void> {
    this.found ??= this.findAccount().then(
      (account) => {
        if (account) this.bucket = this.budgets.get(accountBudgetKey(this.region, account));
        this.onFound?.(account);
      },
      () => this.onFound?.(undefined),
    );
    await this.found;
    return this.bucket.take(signal);
  }
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
