/**
 * Per-operation token buckets with SWF's published quotas (per account and
 * region). A call takes one token; an empty bucket means ThrottlingException.
 */

export interface BucketQuota {
  /** Tokens the bucket holds when full (the burst). */
  capacity: number;
  refillPerSecond: number;
}

/** The quotas of the operations the extension leans on (see swf-facts.md). */
export const SWF_QUOTAS: Readonly<Record<string, BucketQuota>> = {
  GetWorkflowExecutionHistory: { capacity: 2000, refillPerSecond: 60 },
  DescribeWorkflowExecution: { capacity: 2000, refillPerSecond: 6 },
  ListOpenWorkflowExecutions: { capacity: 200, refillPerSecond: 48 },
  CountPendingActivityTasks: { capacity: 200, refillPerSecond: 6 },
  PollForActivityTask: { capacity: 2000, refillPerSecond: 200 },
  'RespondActivityTask*': { capacity: 2000, refillPerSecond: 200 },
  RecordActivityTaskHeartbeat: { capacity: 2000, refillPerSecond: 160 },
  ListDomains: { capacity: 100, refillPerSecond: 6 },
  ListActivityTypes: { capacity: 200, refillPerSecond: 6 },
};

/** For operations without a listed quota: a modest bucket, so nothing is unthrottled when throttling is on. */
export const DEFAULT_QUOTA: BucketQuota = { capacity: 200, refillPerSecond: 10 };

/** The RespondActivityTask* operations draw from one shared bucket, as in SWF. */
export const bucketName = (operation: string): string => (operation.startsWith('RespondActivityTask') ? 'RespondActivityTask*' : operation);

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private quotas: Readonly<Record<string, BucketQuota>>,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Replaces quotas (by operation or bucket name) and refills every bucket. */
  setQuotas(quotas: Readonly<Record<string, BucketQuota>>): void {
    this.quotas = quotas;
    this.buckets.clear();
  }

  /** Takes a token for the call; false means the call is throttled. */
  tryTake(operation: string): boolean {
    const name = bucketName(operation);
    const quota = this.quotas[name] ?? this.quotas[operation] ?? DEFAULT_QUOTA;
    const now = this.nowMs();
    const bucket = this.buckets.get(name) ?? { tokens: quota.capacity, updatedMs: now };
    bucket.tokens = Math.min(quota.capacity, bucket.tokens + ((now - bucket.updatedMs) / 1000) * quota.refillPerSecond);
    bucket.updatedMs = now;
    this.buckets.set(name, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
