/**
 * Injected faults, to see how a client copes with a flaky service. A rule
 * fires before the operation runs (nothing happened) or after it (it
 * happened, but the answer is lost) - the second is the one that tests
 * whether a client's retries are safe.
 */

export type FaultKind =
  /** HTTP 500 InternalFailure with a JSON body. */
  | 'http500'
  /** HTTP 503 ServiceUnavailableException with a JSON body. */
  | 'http503'
  /** The connection is destroyed without an answer. */
  | 'reset'
  /** HTTP 200 with a truncated, unparseable JSON body. */
  | 'malformed'
  /** HTTP 400 OperationNotPermittedFault, as when the caller's IAM policy does not allow the action. */
  | 'notPermitted'
  /** HTTP 400 ExpiredTokenException, as when temporary credentials (SSO, an assumed role) expire mid-session. */
  | 'expiredToken'
  /** The answer comes `delayMs` late (default 60 s): longer than a client's request timeout, it never arrives. */
  | 'slow'
  /**
   * HTTP 400 ValidationException "Specified token has exceeded its maximum
   * lifetime", the service's answer to a stale `nextPageToken` (as reported by
   * SWF users: ericabouaf/aws-swf#57, fredjean/simpler_workflow#3). Matches
   * only calls that carry a `nextPageToken`: a listing fails mid-way, after
   * its first page.
   */
  | 'expiredPageToken';

export interface FaultRule {
  kind: FaultKind;
  /** Operation name; omitted means every operation. */
  operation?: string;
  /** Probability per matching call, 0..1; default 1. */
  rate?: number;
  /** Fire at most this many times; default unlimited. */
  times?: number;
  /** 'before' (default): the operation does not run. 'after': it runs, then its answer is replaced. */
  phase?: 'before' | 'after';
  /** For 'slow': how late the answer comes, in ms. */
  delayMs?: number;
}

export class FaultInjector {
  /** Copies, so counting down `times` never changes the caller's rules. */
  private rules: FaultRule[] = [];

  constructor(
    rules: readonly FaultRule[],
    private readonly random: () => number = Math.random,
  ) {
    this.setRules(rules);
  }

  setRules(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ ...rule }));
  }

  /**
   * The fault to inject for this call at this phase, if any, with its rule's
   * delay. `hasPageToken` says whether the call carries a `nextPageToken`
   * (asked only when an `expiredPageToken` rule could match).
   */
  pick(operation: string, phase: 'before' | 'after', hasPageToken: () => boolean = () => false): { kind: FaultKind; delayMs?: number } | undefined {
    const rule = this.rules.find(
      (candidate) =>
        (candidate.phase ?? 'before') === phase &&
        (candidate.operation === undefined || candidate.operation === operation) &&
        (candidate.kind !== 'expiredPageToken' || hasPageToken()) &&
        (candidate.times === undefined || candidate.times > 0) &&
        this.random() < (candidate.rate ?? 1),
    );
    if (rule?.times !== undefined) rule.times -= 1;
    return rule && { kind: rule.kind, delayMs: rule.delayMs };
  }
}
