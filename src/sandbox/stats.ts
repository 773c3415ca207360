/** Call counters by operation, so benchmarks can see what a client costs the service. */

export interface OperationStats {
  calls: number;
  /** Calls answered with an error (including throttling and injected faults). */
  errors: number;
  throttled: number;
  faults: number;
  requestBytes: number;
  responseBytes: number;
}

export interface SandboxStats {
  operations: Record<string, OperationStats>;
  totals: OperationStats;
  /** Calls by the access key id that signed them (unsigned calls are not counted here). */
  callers: Record<string, number>;
  /** TCP connections accepted, by the access key id that signed the first request on each ('' when unsigned): a client that reuses connections opens few. */
  connections: Record<string, number>;
}

export type StatsOutcome = 'ok' | 'error' | 'throttled' | 'fault';

const emptyStats = (): OperationStats => ({ calls: 0, errors: 0, throttled: 0, faults: 0, requestBytes: 0, responseBytes: 0 });

export class StatsRecorder {
  private operations = new Map<string, OperationStats>();
  private callers = new Map<string, number>();
  private connections = new Map<string, number>();

  /** A new TCP connection, named by the first request on it. */
  recordConnection(accessKeyId: string | undefined): void {
    const key = accessKeyId ?? '';
    this.connections.set(key, (this.connections.get(key) ?? 0) + 1);
  }

  record(operation: string, outcome: StatsOutcome, requestBytes: number, responseBytes: number, accessKeyId?: string): void {
    if (accessKeyId !== undefined) this.callers.set(accessKeyId, (this.callers.get(accessKeyId) ?? 0) + 1);
    const stats = this.operations.get(operation) ?? emptyStats();
    stats.calls += 1;
    stats.requestBytes += requestBytes;
    stats.responseBytes += responseBytes;
    if (outcome !== 'ok') stats.errors += 1;
    if (outcome === 'throttled') stats.throttled += 1;
    if (outcome === 'fault') stats.faults += 1;
    this.operations.set(operation, stats);
  }

  snapshot(): SandboxStats {
    const totals = emptyStats();
    const operations: Record<string, OperationStats> = {};
    for (const [name, stats] of this.operations) {
      operations[name] = { ...stats };
      for (const key of Object.keys(totals) as (keyof OperationStats)[]) totals[key] += stats[key];
    }
    return { operations, totals, callers: Object.fromEntries(this.callers), connections: Object.fromEntries(this.connections) };
  }

  reset(): void {
    this.operations = new Map();
    this.callers = new Map();
    this.connections = new Map();
  }
}
