/** What an operation handler is, and the one place a parsed body becomes a typed request. */
import type { SandboxState } from '../state';
import type { Wire } from '../wire';

export interface CallContext {
  /** Aborted when the client disconnects; long polls stop waiting. */
  signal: AbortSignal;
}

export type Operation = (state: SandboxState, input: Record<string, unknown>, context: CallContext) => object | Promise<object>;

/**
 * Declares a handler against the SDK's request type as it travels on the wire.
 * The gateway has already checked the body against the operation's request
 * shape (requestShapes.ts): members have their model types, required ones are
 * there and limits hold, so handlers only check what the model cannot say.
 */
export function operation<Input>(handler: (state: SandboxState, input: Wire<Input>, context: CallContext) => object | Promise<object>): Operation {
  return (state, input, context) => handler(state, input as Wire<Input>, context);
}
