/**
 * The parts of the AWS SDK the gateway uses, in one module so the bundler can
 * put them (about 500 KB with smithy) in a bundle of their own,
 * dist/swfClient.js, loaded by the first SWF call and not at activation.
 * Only src/swf/gateway.ts and src/connection/profiles.ts import it, and only with a
 * dynamic `import()`.
 */
export {
  CountClosedWorkflowExecutionsCommand,
  CountOpenWorkflowExecutionsCommand,
  DescribeWorkflowTypeCommand,
  GetWorkflowExecutionHistoryCommand,
  ListClosedWorkflowExecutionsCommand,
  ListOpenWorkflowExecutionsCommand,
  ListDomainsCommand,
  paginateListClosedWorkflowExecutions,
  paginateListDomains,
  paginateListWorkflowTypes,
  PollForActivityTaskCommand,
  RecordActivityTaskHeartbeatCommand,
  RequestCancelWorkflowExecutionCommand,
  RespondActivityTaskCanceledCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
  SWFClient,
  TerminateWorkflowExecutionCommand,
} from '@aws-sdk/client-swf';
export { NodeHttpHandler } from '@smithy/node-http-handler';
// The SDK's reader of ~/.aws/config and ~/.aws/credentials, for src/connection/profiles.ts: needed only with the SDK.
export { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
