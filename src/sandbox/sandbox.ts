/** SwfSandbox: a local SWF endpoint, in the spirit of Azurite for Azure Storage. */
import { FaultInjector, type FaultRule } from './faults';
import { Gateway, type GatewaySettings } from './gateway';
import { HttpListener } from './server';
import { SandboxState, type EngineSettings } from './state';
import { StatsRecorder, type SandboxStats } from './stats';
import { SWF_QUOTAS, TokenBuckets, type BucketQuota } from './throttle';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: the sandbox has no authentication. */
  host?: '127.0.0.1';
  /** Largest page any list returns (default 100, as the service has been seen to do). */
  pageSize?: number;
  /** Added to every call, in ms (default 0). */
  latencyMs?: number;
  /** Token-bucket throttling with SWF's quotas (default off). */
  throttling?: boolean;
  /** Overrides of the quotas, by operation name (or `RespondActivityTask*`). */
  throttleQuotas?: Record<string, BucketQuota>;
  /** How long a poll waits for a task, in ms (default 60000, like the service). */
  maxPollWaitMs?: number;
  faults?: FaultRule[];
  /** Source of event and execution timestamps, epoch ms (default Date.now). Timeouts still run on real time. */
  clock?: () => number;
}

const DEFAULTS = { port: 0, host: '127.0.0.1', pageSize: 100, latencyMs: 0, throttling: false, maxPollWaitMs: 60_000 } as const;

export class SwfSandbox {
  /** The in-memory service state; exposed for generators and tests that build state directly. */
  readonly state: SandboxState;
  private readonly engineSettings: EngineSettings;
  private readonly gatewaySettings: GatewaySettings;
  private readonly buckets: TokenBuckets;
  private readonly faults: FaultInjector;
  private readonly recorder = new StatsRecorder();
  private readonly listener: HttpListener;
  private readonly port: number;
  private boundEndpoint?: string;
  /** Clients running beside the sandbox (the samples' decider): stopped first by stop(). */
  private readonly attached = new Set<{ stop(): Promise<void> }>();

  constructor(options: SandboxOptions = {}) {
    this.port = options.port ?? DEFAULTS.port;
    this.engineSettings = { pageSize: options.pageSize ?? DEFAULTS.pageSize, maxPollWaitMs: options.maxPollWaitMs ?? DEFAULTS.maxPollWaitMs };
    this.gatewaySettings = { latencyMs: options.latencyMs ?? DEFAULTS.latencyMs, throttling: options.throttling ?? DEFAULTS.throttling };
    this.state = new SandboxState(options.clock ?? Date.now, this.engineSettings);
    this.buckets = new TokenBuckets({ ...SWF_QUOTAS, ...options.throttleQuotas });
    this.faults = new FaultInjector(options.faults ?? []);
    const gateway = new Gateway(this.state, this.buckets, this.faults, this.recorder, this.gatewaySettings);
    this.listener = new HttpListener(
      (target, body, signal, accessKeyId) => gateway.handle(target, body, signal, accessKeyId),
      (accessKeyId) => this.recorder.recordConnection(accessKeyId),
    );
  }

  /** The endpoint URL for the SDK's `endpoint` option; throws before start(). */
  get endpoint(): string {
    if (!this.boundEndpoint) throw new Error('The SWF sandbox is not started');
    return this.boundEndpoint;
  }

  async start(): Promise<{ endpoint: string; port: number }> {
    if (this.boundEndpoint) throw new Error('The SWF sandbox is already started');
    const port = await this.listener.listen(this.port, DEFAULTS.host);
    this.boundEndpoint = `http://${DEFAULTS.host}:${port}`;
    return { endpoint: this.boundEndpoint, port };
  }

  /** Ties a client's life to the sandbox's: stop() stops it before anything else. */
  attach(companion: { stop(): Promise<void> }): void {
    this.attached.add(companion);
  }

  /** Stops what was attached, ends pending long polls (answered empty), clears every timer and all state, and closes the server. */
  async stop(): Promise<void> {
    const attached = [...this.attached];
    this.attached.clear();
    await Promise.all(attached.map((c) => c.stop()));
    this.state.clear();
    await this.listener.close();
    this.boundEndpoint = undefined;
  }

  /** Changes knobs at runtime; the next call sees them. */
  configure(patch: Partial<Omit<SandboxOptions, 'port' | 'host' | 'clock'>>): void {
    if (patch.pageSize !== undefined) this.engineSettings.pageSize = patch.pageSize;
    if (patch.maxPollWaitMs !== undefined) this.engineSettings.maxPollWaitMs = patch.maxPollWaitMs;
    if (patch.latencyMs !== undefined) this.gatewaySettings.latencyMs = patch.latencyMs;
    if (patch.throttling !== undefined) this.gatewaySettings.throttling = patch.throttling;
    if (patch.throttleQuotas !== undefined) this.buckets.setQuotas({ ...SWF_QUOTAS, ...patch.throttleQuotas });
    if (patch.faults !== undefined) this.faults.setRules(patch.faults);
  }

  stats(): SandboxStats {
    return this.recorder.snapshot();
  }

  resetStats(): void {
    this.recorder.reset();
  }

  /** Forgets all domains, executions and tasks (pending polls end empty); knobs and stats stay. */
  reset(): void {
    this.state.clear();
  }
}
