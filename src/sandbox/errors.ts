/**
 * Errors the sandbox answers with. Each carries the wire `__type` the real
 * service uses, so the SDK maps it to the same exception class (`err.name`).
 */

/** Namespaces of `__type`: SWF's own faults vs. the generic Coral ones AWS puts in front of every JSON service. */
const SWF_NAMESPACE = 'com.amazonaws.swf.base.model';
const CORAL_NAMESPACES = {
  ValidationException: 'com.amazon.coral.validate',
  ThrottlingException: 'com.amazon.coral.availability',
  UnknownOperationException: 'com.amazon.coral.service',
  SerializationException: 'com.amazon.coral.service',
  InternalFailure: 'com.amazon.coral.service',
  /** Temporary credentials (STS, SSO) past their expiry; checked before the service sees the call. */
  ExpiredTokenException: 'com.amazon.coral.service',
} as const;

export type SwfFaultName =
  | 'UnknownResourceFault'
  | 'TypeAlreadyExistsFault'
  | 'DomainAlreadyExistsFault'
  | 'DomainDeprecatedFault'
  | 'TypeDeprecatedFault'
  | 'WorkflowExecutionAlreadyStartedFault'
  | 'DefaultUndefinedFault'
  | 'OperationNotPermittedFault'
  | 'LimitExceededFault'
  | 'TooManyTagsFault';

export type SwfErrorName = SwfFaultName | keyof typeof CORAL_NAMESPACES;

export class SwfError extends Error {
  constructor(
    readonly errorName: SwfErrorName,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = errorName;
  }

  get wireType(): string {
    const namespace = (CORAL_NAMESPACES as Record<string, string>)[this.errorName] ?? SWF_NAMESPACE;
    return `${namespace}#${this.errorName}`;
  }

  /**
   * The JSON error body. Coral's SerializationException spells its text
   * `Message` where every other error says `message`; the SDK reads either.
   */
  toWire(): { __type: string; message: string } | { __type: string; Message: string } {
    return this.errorName === 'SerializationException' ? { __type: this.wireType, Message: this.message } : { __type: this.wireType, message: this.message };
  }
}

export const unknownResource = (message: string): SwfError => new SwfError('UnknownResourceFault', message);
