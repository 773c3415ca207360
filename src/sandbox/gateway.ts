/**
 * The request pipeline in front of the operations, in the order the real
 * service's front end works: latency, routing, throttling, reading and
 * validating the request against its shape, then the call, with injected
 * faults before or after it and every call counted.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { SwfError } from './errors';
import type { FaultInjector, FaultKind } from './faults';
import { OPERATIONS, type OperationName } from './ops';
import { REQUEST_SHAPES, type StructureShape } from './requestShapes';
import { validateRequest } from './requestValidation';
import type { SandboxState } from './state';
import type { StatsOutcome, StatsRecorder } from './stats';
import type { TokenBuckets } from './throttle';
import { toWireJson } from './wire';

const TARGET_PREFIX = 'SimpleWorkflowService.';

export interface GatewaySettings {
  latencyMs: number;
  throttling: boolean;
}

/** What goes back on the connection: an HTTP answer, or a dropped connection. */
export type WireAnswer = { status: number; body: string } | { reset: true };

type Outcome = WireAnswer & { outcome: StatsOutcome };

const errorAnswer = (error: SwfError, outcome: StatsOutcome = 'error'): Outcome => ({ status: error.statusCode, body: toWireJson(error.toWire()), outcome });

/** How late a 'slow' answer comes unless its rule says: longer than any sensible client timeout. */
const DEFAULT_SLOW_MS = 60_000;

async function faultAnswer(fault: { kind: FaultKind; delayMs?: number }, operation: string, signal: AbortSignal, answer: () => Promise<Outcome>): Promise<Outcome> {
  switch (fault.kind) {
    case 'http500':
      return errorAnswer(new SwfError('InternalFailure', 'Injected fault: internal failure', 500), 'fault');
    case 'http503':
      return { status: 503, body: toWireJson({ __type: 'com.amazon.coral.availability#ServiceUnavailableException', message: 'Injected fault: service unavailable' }), outcome: 'fault' };
    case 'reset':
      return { reset: true, outcome: 'fault' };
    case 'malformed':
      return { status: 200, body: '{"taskToken":"', outcome: 'fault' };
    case 'notPermitted':
      return errorAnswer(new SwfError('OperationNotPermittedFault', `User: arn:aws:sts::000000000000:assumed-role/sandbox/caller is not authorized to perform: swf:${operation}`), 'fault');
    case 'expiredToken':
      return errorAnswer(new SwfError('ExpiredTokenException', 'The security token included in the request is expired'), 'fault');
    case 'expiredPageToken':
      return errorAnswer(new SwfError('ValidationException', 'Specified token has exceeded its maximum lifetime'), 'fault');
    case 'slow':
      // Ends early when the client gives up (the connection closes), so a stopped sandbox has nothing pending.
      await delay(fault.delayMs ?? DEFAULT_SLOW_MS, undefined, { signal, ref: false }).catch(() => undefined);
      return { ...(await answer()), outcome: 'fault' };
  }
}

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new SwfError('SerializationException', 'Request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SwfError('SerializationException', 'Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** True only when A and B are the same set of names. */
type SameNames<A extends string, B extends string> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The compiler's check that the request shape table has a shape for exactly the operations the sandbox implements. */
const SHAPES_COVER_OPERATIONS: SameNames<keyof typeof REQUEST_SHAPES, OperationName> = true;
void SHAPES_COVER_OPERATIONS;

/** The shape table covers every operation (the compiler checks it above); a miss here is a sandbox bug, answered as InternalFailure. */
function requestShapeOf(operation: string): StructureShape {
  const shape = (REQUEST_SHAPES as Readonly<Record<string, StructureShape | undefined>>)[operation];
  if (!shape) throw new Error(`No request shape for ${operation}`);
  return shape;
}

export class Gateway {
  constructor(
    private readonly state: SandboxState,
    private readonly buckets: TokenBuckets,
    private readonly faults: FaultInjector,
    private readonly stats: StatsRecorder,
    private readonly settings: GatewaySettings,
  ) {}

  async handle(target: string | undefined, body: string, signal: AbortSignal, accessKeyId?: string): Promise<WireAnswer> {
    const operation = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    const { outcome, ...answer } = await this.answer(operation, body, signal);
    const responseBytes = 'body' in answer ? Buffer.byteLength(answer.body) : 0;
    this.stats.record(operation ?? '(unknown)', outcome, Buffer.byteLength(body), responseBytes, accessKeyId);
    return answer;
  }

  private async answer(operation: string | undefined, body: string, signal: AbortSignal): Promise<Outcome> {
    if (this.settings.latencyMs > 0) await delay(this.settings.latencyMs, undefined, { ref: false });
    const handler = operation === undefined ? undefined : OPERATIONS[operation];
    if (operation === undefined || !handler) return errorAnswer(new SwfError('UnknownOperationException', `Unknown operation: ${operation ?? '(no X-Amz-Target)'}`));
    if (this.settings.throttling && !this.buckets.tryTake(operation)) return errorAnswer(new SwfError('ThrottlingException', 'Rate exceeded'), 'throttled');
    const run = async (): Promise<Outcome> => {
      try {
        const output = await handler(this.state, validateRequest(requestShapeOf(operation), parseBody(body)), { signal });
        return { status: 200, body: toWireJson(output), outcome: 'ok' };
      } catch (error) {
        // Anything that is not an SwfError is a sandbox bug: answer like the service's InternalFailure.
        return errorAnswer(error instanceof SwfError ? error : new SwfError('InternalFailure', error instanceof Error ? error.message : String(error), 500));
      }
    };
    const hasPageToken = (): boolean => {
      try {
        const token = (JSON.parse(body) as { nextPageToken?: unknown }).nextPageToken;
        return typeof token === 'string' && token !== '';
      } catch {
        return false;
      }
    };
    const before = this.faults.pick(operation, 'before', hasPageToken);
    if (before) return faultAnswer(before, operation, signal, run);
    const result = await run();
    const after = this.faults.pick(operation, 'after', hasPageToken);
    return after ? faultAnswer(after, operation, signal, () => Promise.resolve(result)) : result;
  }
}
