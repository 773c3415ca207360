/** The scripted scenarios both implementations run. Each uses only operations both implement. */
import {
  CountOpenWorkflowExecutionsCommand,
  CountPendingActivityTasksCommand,
  DeprecateActivityTypeCommand,
  DeprecateDomainCommand,
  DeprecateWorkflowTypeCommand,
  DescribeActivityTypeCommand,
  DescribeWorkflowTypeCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UndeprecateActivityTypeCommand,
  UndeprecateDomainCommand,
  UndeprecateWorkflowTypeCommand,
  UntagResourceCommand,
  DescribeDomainCommand,
  DescribeWorkflowExecutionCommand,
  GetWorkflowExecutionHistoryCommand,
  ListActivityTypesCommand,
  ListClosedWorkflowExecutionsCommand,
  ListDomainsCommand,
  ListOpenWorkflowExecutionsCommand,
  ListWorkflowTypesCommand,
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RecordActivityTaskHeartbeatCommand,
  RegisterActivityTypeCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  RespondActivityTaskCanceledCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  RespondDecisionTaskCompletedCommand,
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
  TerminateWorkflowExecutionCommand,
  type Decision,
  type RegistrationStatus,
  type WorkflowExecution,
} from '@aws-sdk/client-swf';
import type { Recorder } from './transcript';

export const DOMAIN = 'conformance';
const WORKFLOW = { name: 'Flow', version: '1' };
const ACTIVITY = { name: 'Step', version: '1' };
const ANY_TIME = { oldestDate: new Date(0) };

export interface Scenario {
  name: string;
  run(recorder: Recorder): Promise<void>;
}

async function register(r: Recorder): Promise<void> {
  await r.step('RegisterDomain', r.client.send(new RegisterDomainCommand({ name: DOMAIN, description: 'conformance', workflowExecutionRetentionPeriodInDays: '1' })));
  await r.step(
    'RegisterWorkflowType',
    r.client.send(
      new RegisterWorkflowTypeCommand({
        domain: DOMAIN,
        ...WORKFLOW,
        defaultTaskList: { name: 'decisions' },
        defaultChildPolicy: 'TERMINATE',
        defaultExecutionStartToCloseTimeout: '3600',
        defaultTaskStartToCloseTimeout: '60',
      }),
    ),
  );
  await r.step(
    'RegisterActivityType',
    r.client.send(
      new RegisterActivityTypeCommand({
        domain: DOMAIN,
        ...ACTIVITY,
        defaultTaskList: { name: 'work' },
        defaultTaskScheduleToStartTimeout: '600',
        defaultTaskScheduleToCloseTimeout: '900',
        defaultTaskStartToCloseTimeout: '300',
        defaultTaskHeartbeatTimeout: 'NONE',
      }),
    ),
  );
}

async function start(r: Recorder, workflowId: string, step = `Start ${workflowId}`): Promise<WorkflowExecution> {
  const started = await r.step(step, r.client.send(new StartWorkflowExecutionCommand({ domain: DOMAIN, workflowId, workflowType: WORKFLOW, input: `input of ${workflowId}`, tagList: ['conformance'] })));
  return { workflowId, runId: started?.runId };
}

async function decide(r: Recorder, step: string, decisions: Decision[]): Promise<void> {
  const task = await r.step(`${step}: poll`, r.client.send(new PollForDecisionTaskCommand({ domain: DOMAIN, taskList: { name: 'decisions' }, identity: 'decider' })));
  await r.step(`${step}: respond`, r.client.send(new RespondDecisionTaskCompletedCommand({ taskToken: task?.taskToken, decisions })));
}

const schedule = (activityId: string, activityType = ACTIVITY): Decision => ({
  decisionType: 'ScheduleActivityTask',
  scheduleActivityTaskDecisionAttributes: { activityType, activityId, input: `input of ${activityId}` },
});

async function claim(r: Recorder, step: string): Promise<string | undefined> {
  const task = await r.step(step, r.client.send(new PollForActivityTaskCommand({ domain: DOMAIN, taskList: { name: 'work' }, identity: 'worker-1' })));
  return task?.taskToken;
}

const historyOf = (r: Recorder, step: string, execution: WorkflowExecution, reverseOrder = false) =>
  r.step(step, r.client.send(new GetWorkflowExecutionHistoryCommand({ domain: DOMAIN, execution, reverseOrder })));

export const SCENARIOS: Scenario[] = [
  {
    name: 'registration',
    async run(r) {
      await register(r);
      await r.step('RegisterDomain again', r.client.send(new RegisterDomainCommand({ name: DOMAIN, workflowExecutionRetentionPeriodInDays: '1' })));
      await r.step('RegisterActivityType again', r.client.send(new RegisterActivityTypeCommand({ domain: DOMAIN, ...ACTIVITY })));
      await r.step('DescribeDomain', r.client.send(new DescribeDomainCommand({ name: DOMAIN })));
      await r.step('DescribeDomain unknown', r.client.send(new DescribeDomainCommand({ name: 'no-such-domain' })));
      await r.step('ListDomains', r.client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' })));
      await r.step('ListActivityTypes', r.client.send(new ListActivityTypesCommand({ domain: DOMAIN, registrationStatus: 'REGISTERED' })));
      await r.step('ListWorkflowTypes', r.client.send(new ListWorkflowTypesCommand({ domain: DOMAIN, registrationStatus: 'REGISTERED' })));
      await r.step('ListActivityTypes unknown domain', r.client.send(new ListActivityTypesCommand({ domain: 'no-such-domain', registrationStatus: 'REGISTERED' })));
    },
  },
  {
    // Every registry operation both implement: the deprecated states and their faults, undeprecation, describe, order and tags.
    name: 'registry: deprecate, undeprecate, describe, tags',
    async run(r) {
      await register(r);
      const arn = 'arn:aws:swf:us-east-1:123456789012:/domain/' + DOMAIN;
      for (const name of ['Zeta', 'Alpha']) await r.step(`RegisterActivityType ${name}`, r.client.send(new RegisterActivityTypeCommand({ domain: DOMAIN, name, version: '2', description: `the ${name} step` })));
      await r.step('DescribeActivityType', r.client.send(new DescribeActivityTypeCommand({ domain: DOMAIN, activityType: ACTIVITY })));
      await r.step('DescribeWorkflowType', r.client.send(new DescribeWorkflowTypeCommand({ domain: DOMAIN, workflowType: WORKFLOW })));
      await r.step('DescribeActivityType unknown', r.client.send(new DescribeActivityTypeCommand({ domain: DOMAIN, activityType: { name: 'Nope', version: '1' } })));
      await r.step('ListActivityTypes reverseOrder', r.client.send(new ListActivityTypesCommand({ domain: DOMAIN, registrationStatus: 'REGISTERED', reverseOrder: true })));
      await r.step('DeprecateActivityType', r.client.send(new DeprecateActivityTypeCommand({ domain: DOMAIN, activityType: { name: 'Zeta', version: '2' } })));
      await r.step('DeprecateActivityType again', r.client.send(new DeprecateActivityTypeCommand({ domain: DOMAIN, activityType: { name: 'Zeta', version: '2' } })));
      await r.step('ListActivityTypes deprecated', r.client.send(new ListActivityTypesCommand({ domain: DOMAIN, registrationStatus: 'DEPRECATED' })));
      await r.step('RegisterActivityType deprecated one again', r.client.send(new RegisterActivityTypeCommand({ domain: DOMAIN, name: 'Zeta', version: '2' })));
      await r.step('UndeprecateActivityType', r.client.send(new UndeprecateActivityTypeCommand({ domain: DOMAIN, activityType: { name: 'Zeta', version: '2' } })));
      await r.step('UndeprecateActivityType again', r.client.send(new UndeprecateActivityTypeCommand({ domain: DOMAIN, activityType: { name: 'Zeta', version: '2' } })));
      await r.step('DeprecateWorkflowType', r.client.send(new DeprecateWorkflowTypeCommand({ domain: DOMAIN, workflowType: WORKFLOW })));
      await r.step('DeprecateWorkflowType again', r.client.send(new DeprecateWorkflowTypeCommand({ domain: DOMAIN, workflowType: WORKFLOW })));
      await r.step('UndeprecateWorkflowType', r.client.send(new UndeprecateWorkflowTypeCommand({ domain: DOMAIN, workflowType: WORKFLOW })));
      await r.step('UndeprecateWorkflowType unknown', r.client.send(new UndeprecateWorkflowTypeCommand({ domain: DOMAIN, workflowType: { name: 'Nope', version: '1' } })));
      await r.step('TagResource', r.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'team', value: 'a' }, { key: 'cost', value: '42' }] })));
      await r.step('TagResource replaces a key', r.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'team', value: 'b' }] })));
      await r.step('ListTagsForResource', r.client.send(new ListTagsForResourceCommand({ resourceArn: arn })));
      await r.step('UntagResource', r.client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['cost'] })));
      await r.step('ListTagsForResource after untag', r.client.send(new ListTagsForResourceCommand({ resourceArn: arn })));
      await r.step('DeprecateDomain', r.client.send(new DeprecateDomainCommand({ name: DOMAIN })));
      await r.step('DeprecateDomain again', r.client.send(new DeprecateDomainCommand({ name: DOMAIN })));
      await r.step('ListDomains deprecated', r.client.send(new ListDomainsCommand({ registrationStatus: 'DEPRECATED' })));
      await r.step('DescribeDomain deprecated', r.client.send(new DescribeDomainCommand({ name: DOMAIN })));
      await r.step('UndeprecateDomain', r.client.send(new UndeprecateDomainCommand({ name: DOMAIN })));
      await r.step('UndeprecateDomain again', r.client.send(new UndeprecateDomainCommand({ name: DOMAIN })));
      await r.step('RegisterDomain with tags', r.client.send(new RegisterDomainCommand({ name: 'tagged', workflowExecutionRetentionPeriodInDays: '0', tags: [{ key: 'owner', value: 'me' }] })));
      await r.step('ListTagsForResource of new domain', r.client.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:swf:us-east-1:123456789012:/domain/tagged' })));
    },
  },
  {
    name: 'activity completed',
    async run(r) {
      await register(r);
      const execution = await start(r, 'wf-complete');
      await start(r, 'wf-complete', 'Start again');
      await decide(r, 'Schedule', [schedule('a1')]);
      await r.step('Describe with open task', r.client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution })));
      await r.step('CountPendingActivityTasks', r.client.send(new CountPendingActivityTasksCommand({ domain: DOMAIN, taskList: { name: 'work' } })));
      const token = await claim(r, 'PollForActivityTask');
      await r.step('Heartbeat', r.client.send(new RecordActivityTaskHeartbeatCommand({ taskToken: token, details: 'half way' })));
      await r.step('RespondActivityTaskCompleted', r.client.send(new RespondActivityTaskCompletedCommand({ taskToken: token, result: 'result of a1' })));
      await r.step('RespondActivityTaskCompleted again', r.client.send(new RespondActivityTaskCompletedCommand({ taskToken: token, result: 'again' })));
      await decide(r, 'Complete', [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'done' } }]);
      await historyOf(r, 'History', execution);
      await historyOf(r, 'History reversed', execution, true);
      await r.step('Describe closed', r.client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution })));
      await r.step('ListClosedWorkflowExecutions', r.client.send(new ListClosedWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME })));
    },
  },
  {
    name: 'activity failed and workflow failed',
    async run(r) {
      await register(r);
      const execution = await start(r, 'wf-fail');
      await decide(r, 'Schedule', [schedule('a1'), schedule('bad', { name: 'Unknown', version: '9' })]);
      const token = await claim(r, 'PollForActivityTask');
      await r.step('RespondActivityTaskFailed', r.client.send(new RespondActivityTaskFailedCommand({ taskToken: token, reason: 'Boom', details: 'stack trace' })));
      await decide(r, 'Fail', [{ decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason: 'gave up', details: 'after one try' } }]);
      await historyOf(r, 'History', execution);
    },
  },
  {
    name: 'signal, terminate and listing',
    async run(r) {
      await register(r);
      const execution = await start(r, 'wf-signal');
      await start(r, 'wf-other');
      await r.step('Signal', r.client.send(new SignalWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'wf-signal', signalName: 'poke', input: 'signal input' })));
      await r.step('Signal unknown', r.client.send(new SignalWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'nope', signalName: 'poke', input: 'x' })));
      await r.step('ListOpenWorkflowExecutions', r.client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME, executionFilter: { workflowId: 'wf-signal' } })));
      await r.step('ListOpen page of 1', r.client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME, maximumPageSize: 1 })));
      await r.step('ListOpen reverseOrder', r.client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME, reverseOrder: true })));
      await r.step('Terminate', r.client.send(new TerminateWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'wf-signal', reason: 'stop', details: 'by test' })));
      await historyOf(r, 'History', execution);
      await r.step('Describe terminated', r.client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution })));
    },
  },
  {
    name: 'cancellation and limits',
    async run(r) {
      await register(r);
      const execution = await start(r, 'wf-cancel');
      await decide(r, 'Schedule', [schedule('a1'), schedule('a2')]);
      const first = await claim(r, 'Poll first');
      const second = await claim(r, 'Poll second');
      await r.step('Poll empty', r.client.send(new PollForActivityTaskCommand({ domain: DOMAIN, taskList: { name: 'work' } })));
      await r.step('Failed with long reason', r.client.send(new RespondActivityTaskFailedCommand({ taskToken: first, reason: 'r'.repeat(257) })));
      await r.step('RespondActivityTaskCanceled', r.client.send(new RespondActivityTaskCanceledCommand({ taskToken: second, details: 'stopped' })));
      await r.step('Heartbeat after close', r.client.send(new RecordActivityTaskHeartbeatCommand({ taskToken: second })));
      await r.step('Describe', r.client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution })));
    },
  },
  {
    // One open and one terminated run per tag: what moto implements of the list filters is compared, the rest asserted as differences.
    name: 'listing filters',
    async run(r) {
      await register(r);
      const startTagged = (workflowId: string, tag: string) =>
        r.step(`Start ${workflowId}`, r.client.send(new StartWorkflowExecutionCommand({ domain: DOMAIN, workflowId, workflowType: WORKFLOW, tagList: [tag] })));
      await startTagged('wf-red', 'red');
      await startTagged('wf-blue', 'blue');
      await startTagged('wf-red-closed', 'red');
      await r.step('Terminate wf-red-closed', r.client.send(new TerminateWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'wf-red-closed' })));
      await r.step('ListOpen tagFilter', r.client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME, tagFilter: { tag: 'red' } })));
      await r.step('ListClosed tagFilter', r.client.send(new ListClosedWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME, tagFilter: { tag: 'red' } })));
      await r.step(
        'ListOpen three filters',
        r.client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME, tagFilter: { tag: 'red' }, typeFilter: WORKFLOW, executionFilter: { workflowId: 'wf-red' } })),
      );
      await r.step('ListClosed no time filter', r.client.send(new ListClosedWorkflowExecutionsCommand({ domain: DOMAIN })));
      await r.step('ListOpen typeFilter other version', r.client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME, typeFilter: { name: WORKFLOW.name, version: '9' } })));
      await r.step('ListOpen startTimeFilter in the future', r.client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: { oldestDate: new Date('2999-01-01T00:00:00Z') } })));
      await r.step('ListClosed closeStatusFilter', r.client.send(new ListClosedWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME, closeStatusFilter: { status: 'TERMINATED' } })));
      await r.step('ListOpen two filters', r.client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME, tagFilter: { tag: 'red' }, typeFilter: WORKFLOW })));
      await r.step('CountOpenWorkflowExecutions tagFilter', r.client.send(new CountOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: ANY_TIME, tagFilter: { tag: 'red' } })));
    },
  },
  {
    // The SDK passes values on as given, so the casts put malformed JSON on the wire for both services.
    name: 'malformed requests',
    async run(r) {
      await register(r);
      await r.step('DescribeDomain name is a number', r.client.send(new DescribeDomainCommand({ name: 42 as unknown as string })));
      await r.step('RespondActivityTaskCompleted empty token', r.client.send(new RespondActivityTaskCompletedCommand({ taskToken: '' })));
      await r.step('ListDomains registrationStatus MAYBE', r.client.send(new ListDomainsCommand({ registrationStatus: 'MAYBE' as RegistrationStatus })));
      await r.step('ListDomains maximumPageSize -5', r.client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED', maximumPageSize: -5 })));
      await r.step('ListDomains maximumPageSize 100000000', r.client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED', maximumPageSize: 100000000 })));
      await r.step(
        'ListOpenWorkflowExecutions oldestDate yesterday',
        r.client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: { oldestDate: 'yesterday' as unknown as Date } })),
      );
    },
  },
];
