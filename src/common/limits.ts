/**
 * The field limits of the SWF API model (service model 2012-01-25), declared
 * once for everything that checks them: the extension's own checks of what a
 * person typed (validation.ts) and the local sandbox's request validation.
 *
 * Keyed by the model's shape names, not by member names, because one member
 * name means different shapes in different requests (`details` is `Data`,
 * 32,768, in RespondActivityTaskFailed but `LimitedData`, 2,048, in
 * RecordActivityTaskHeartbeat). Lengths count UTF-16 code units, as the
 * service's Java front end does; for lists they count elements, and for
 * numbers they bound the value.
 *
 * Plain data on purpose: no `vscode`, no SDK, so every layer can import it.
 */

/** Inclusive bounds: a length (strings, lists) or a value (numbers). */
export interface Limit {
  readonly min: number;
  readonly max: number;
}

export const SWF_FIELD_LIMITS = {
  /** taskToken of every respond / heartbeat / decision call. */
  TaskToken: { min: 1, max: 1024 },
  /** result, details, input, control, executionContext. */
  Data: { min: 0, max: 32768 },
  /** details of RecordActivityTaskHeartbeat. */
  LimitedData: { min: 0, max: 2048 },
  /** reason of RespondActivityTaskFailed and FailWorkflowExecution. */
  FailureReason: { min: 0, max: 256 },
  /** reason of TerminateWorkflowExecution. */
  TerminateReason: { min: 0, max: 256 },
  /** Worker or decider identity of a poll. */
  Identity: { min: 0, max: 256 },
  DomainName: { min: 1, max: 256 },
  /** Type names and task list names. */
  Name: { min: 1, max: 256 },
  /** Type versions: 64, not 256 like names. */
  Version: { min: 1, max: 64 },
  /** The version of a typeFilter, which may be left empty. */
  VersionOptional: { min: 0, max: 64 },
  WorkflowId: { min: 1, max: 256 },
  WorkflowRunId: { min: 1, max: 64 },
  /** runId where it may be left out (signal, cancel, terminate). */
  WorkflowRunIdOptional: { min: 0, max: 64 },
  ActivityId: { min: 1, max: 256 },
  SignalName: { min: 1, max: 256 },
  TimerId: { min: 1, max: 256 },
  MarkerName: { min: 1, max: 256 },
  FunctionId: { min: 1, max: 256 },
  FunctionName: { min: 1, max: 64 },
  FunctionInput: { min: 0, max: 32768 },
  Description: { min: 0, max: 1024 },
  /** One tag of an execution's tagList, and a tagFilter's tag. */
  Tag: { min: 0, max: 256 },
  /** An execution has at most 5 tags. */
  TagList: { min: 0, max: 5 },
  ResourceTagKey: { min: 1, max: 128 },
  ResourceTagValue: { min: 0, max: 256 },
  /** lambdaRole. */
  Arn: { min: 1, max: 1600 },
  PageToken: { min: 0, max: 2048 },
  /** maximumPageSize: a value, not a length. 0 asks for the default page size. */
  PageSize: { min: 0, max: 1000 },
  /** workflowExecutionRetentionPeriodInDays. */
  DurationInDays: { min: 1, max: 8 },
  /** A duration that must be given (StartTimer's startToFireTimeout). */
  DurationInSeconds: { min: 1, max: 8 },
  /** Timeouts that may be left out (then the type's default applies). */
  DurationInSecondsOptional: { min: 0, max: 8 },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof SWF_FIELD_LIMITS;

/**
 * What a duration (timeouts, retention) may say besides its length: "NONE"
 * (no limit) or a whole number of seconds (days for retention), written in
 * digits. The model only bounds the length (8 characters); the service reads
 * the text as a number, so anything else cannot be a duration.
 */
export const SWF_DURATION_PATTERN = /^(NONE|\d+)$/;
