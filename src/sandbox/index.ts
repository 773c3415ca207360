/** Public API of the local SWF sandbox. Never imports `vscode`: it also runs standalone (see cli.ts). */
export { SwfSandbox, type SandboxOptions } from './sandbox';
export type { FaultKind, FaultRule } from './faults';
export type { OperationStats, SandboxStats } from './stats';
export type { BucketQuota } from './throttle';
export { SWF_QUOTAS } from './throttle';
export { seedSampleDomain, SAMPLE_DOMAIN, SAMPLE_REPORTS_DOMAIN } from './seed';
export { sampleDecisions, startSampleDecider, SampleDecider, SAMPLE_DECISION_LISTS, type DecisionTaskView, type SampleDeciderOptions } from './sampleDecider';
export { generateLargeDomain, type LargeDomainOptions } from './generate';
