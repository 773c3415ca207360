/**
 * The sandbox rejects malformed requests the way the service's front end does:
 * a corpus of bad requests for every operation it implements, sent as raw JSON
 * over HTTP (so the SDK cannot fix or refuse them first), each asserted by
 * status, `__type` and exact message; generated length checks for every
 * limited member; and a run of good requests that must still succeed.
 */
import { ListDomainsCommand, type RegistrationStatus } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { OPERATIONS } from '../../../src/sandbox/ops';
import { REQUEST_SHAPES, type StructureShape } from '../../../src/sandbox/requestShapes';
import { SWF_FIELD_LIMITS } from '../../../src/common/limits';
import { ACTIVITY, DECISIONS, DOMAIN, errorOf, startWorkflow, useFixture, WORK, WORKFLOW } from './fixture';

type Json = Record<string, unknown>;

interface RawAnswer {
  status: number;
  json: Json;
}

/** Sends a raw JSON 1.0 request, bypassing the SDK's serializer. */
async function raw(endpoint: string, operation: string, body: unknown): Promise<RawAnswer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'x-amz-target': `SimpleWorkflowService.${operation}`, 'content-type': 'application/x-amz-json-1.0' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Json };
}

// The service's wording, written out here independently of the sandbox's code.
const violations = (...found: string[]): string => `${found.length} validation error${found.length === 1 ? '' : 's'} detected: ${found.join('; ')}`;
const isNull = (at: string): string => `Value null at '${at}' failed to satisfy constraint: Member must not be null`;
const tooLong = (at: string, max: number): string => `Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${max}`;
const tooShort = (at: string, min: number): string => `Value at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`;
const aboveMax = (value: number, at: string, max: number): string => `Value '${value}' at '${at}' failed to satisfy constraint: Member must have value less than or equal to ${max}`;
const belowMin = (value: number, at: string, min: number): string => `Value '${value}' at '${at}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`;
const notInEnum = (value: string, at: string, allowed: string): string => `Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed}]`;
const notDuration = (value: string, at: string): string => `Value '${value}' at '${at}' failed to satisfy constraint: Member must be NONE or a whole number`;
const notTimestamp = (value: string, at: string): string => `Value '${value}' at '${at}' failed to satisfy constraint: Member must be a timestamp: epoch seconds or ISO 8601`;

const REGISTRATION_STATUSES = 'REGISTERED, DEPRECATED';
const CHILD_POLICIES = 'TERMINATE, REQUEST_CANCEL, ABANDON';
const CLOSE_STATUSES = 'COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW, TIMED_OUT';
const DECISION_TYPES =
  'ScheduleActivityTask, RequestCancelActivityTask, CompleteWorkflowExecution, FailWorkflowExecution, CancelWorkflowExecution, ContinueAsNewWorkflowExecution, RecordMarker, StartTimer, CancelTimer, SignalExternalWorkflowExecution, RequestCancelExternalWorkflowExecution, StartChildWorkflowExecution, ScheduleLambdaFunction';

/** Coral's deserializer messages: the JSON token, and what it could not become. */
const NUMBER_TO_STRING = 'NUMBER_VALUE can not be converted to a String';
const LIST_START = 'Start of list found where not expected';
const STRUCTURE_START = 'Start of structure or map found where not expected.';
/** A scalar where a structure belongs. */
const EXPECTED_STRUCTURE = 'Expected null';

const TOKEN = 'not-a-real-token';
const x = (length: number): string => 'x'.repeat(length);

/** A valid request of each operation; cases change one part of it. */
const BASE: Record<string, Json> = {
  RegisterDomain: { name: 'rv-new-domain', workflowExecutionRetentionPeriodInDays: '1' },
  ListDomains: { registrationStatus: 'REGISTERED' },
  DescribeDomain: { name: DOMAIN },
  DeprecateDomain: { name: 'rv-no-such-domain' },
  UndeprecateDomain: { name: 'rv-no-such-domain' },
  TagResource: { resourceArn: 'arn:aws:swf:us-east-1:123456789012:/domain/rv-none', tags: [{ key: 'team' }] },
  UntagResource: { resourceArn: 'arn:aws:swf:us-east-1:123456789012:/domain/rv-none', tagKeys: ['team'] },
  ListTagsForResource: { resourceArn: 'arn:aws:swf:us-east-1:123456789012:/domain/rv-none' },
  UndeprecateActivityType: { domain: DOMAIN, activityType: { name: 'NoSuchActivity', version: '1' } },
  UndeprecateWorkflowType: { domain: DOMAIN, workflowType: { name: 'NoSuchWorkflow', version: '1' } },
  RegisterActivityType: { domain: DOMAIN, name: 'RvActivity', version: '1' },
  RegisterWorkflowType: { domain: DOMAIN, name: 'RvWorkflow', version: '1' },
  ListActivityTypes: { domain: DOMAIN, registrationStatus: 'REGISTERED' },
  ListWorkflowTypes: { domain: DOMAIN, registrationStatus: 'REGISTERED' },
  DescribeActivityType: { domain: DOMAIN, activityType: ACTIVITY },
  DescribeWorkflowType: { domain: DOMAIN, workflowType: WORKFLOW },
  DeprecateActivityType: { domain: DOMAIN, activityType: { name: 'NoSuchActivity', version: '1' } },
  DeprecateWorkflowType: { domain: DOMAIN, workflowType: { name: 'NoSuchWorkflow', version: '1' } },
  StartWorkflowExecution: { domain: DOMAIN, workflowId: 'rv-wf', workflowType: WORKFLOW },
  SignalWorkflowExecution: { domain: DOMAIN, workflowId: 'rv-none', signalName: 'poke' },
  RequestCancelWorkflowExecution: { domain: DOMAIN, workflowId: 'rv-none' },
  TerminateWorkflowExecution: { domain: DOMAIN, workflowId: 'rv-none' },
  DescribeWorkflowExecution: { domain: DOMAIN, execution: { workflowId: 'rv-none', runId: 'r' } },
  GetWorkflowExecutionHistory: { domain: DOMAIN, execution: { workflowId: 'rv-none', runId: 'r' } },
  ListOpenWorkflowExecutions: { domain: DOMAIN, startTimeFilter: { oldestDate: 0 } },
  ListClosedWorkflowExecutions: { domain: DOMAIN, startTimeFilter: { oldestDate: 0 } },
  CountOpenWorkflowExecutions: { domain: DOMAIN, startTimeFilter: { oldestDate: 0 } },
  CountClosedWorkflowExecutions: { domain: DOMAIN, startTimeFilter: { oldestDate: 0 } },
  PollForDecisionTask: { domain: DOMAIN, taskList: { name: 'rv-empty' } },
  RespondDecisionTaskCompleted: { taskToken: TOKEN },
  CountPendingDecisionTasks: { domain: DOMAIN, taskList: { name: DECISIONS } },
  PollForActivityTask: { domain: DOMAIN, taskList: { name: 'rv-empty' } },
  RecordActivityTaskHeartbeat: { taskToken: TOKEN },
  RespondActivityTaskCompleted: { taskToken: TOKEN },
  RespondActivityTaskFailed: { taskToken: TOKEN },
  RespondActivityTaskCanceled: { taskToken: TOKEN },
  CountPendingActivityTasks: { domain: DOMAIN, taskList: { name: WORK } },
};

type Expected = { error: 'SerializationException'; message: string } | { error: 'ValidationException'; message: string };

interface BadRequest {
  operation: string;
  what: string;
  /** Changes to BASE[operation], merged into it, or a function of BASE that makes the whole body. */
  body: Json | ((base: Json) => Json);
  expected: Expected;
}

const serialization = (message: string): Expected => ({ error: 'SerializationException', message });
const validation = (...found: string[]): Expected => ({ error: 'ValidationException', message: violations(...found) });
const without =
  (...members: string[]) =>
  (base: Json): Json =>
    Object.fromEntries(Object.entries(base).filter(([name]) => !members.includes(name)));
/** This body instead of BASE. */
const exactly = (body: Json) => (): Json => body;

/** [what, body or changes to BASE, expected], by operation. */
const CORPUS: Record<string, [string, Json | ((base: Json) => Json), Expected][]> = {
  RegisterDomain: [
    ['name is a number', { name: 7 }, serialization(NUMBER_TO_STRING)],
    ['no retention period', without('workflowExecutionRetentionPeriodInDays'), validation(isNull('workflowExecutionRetentionPeriodInDays'))],
    [
      'empty name, long description, 9-digit retention',
      { name: '', description: x(1025), workflowExecutionRetentionPeriodInDays: '123456789' },
      validation(tooShort('name', 1), tooLong('description', 1024), tooLong('workflowExecutionRetentionPeriodInDays', 8)),
    ],
    ['retention is not a number', { workflowExecutionRetentionPeriodInDays: 'forever' }, validation(notDuration('forever', 'workflowExecutionRetentionPeriodInDays'))],
    ['tags is an object', { tags: { key: 'k' } }, serialization(STRUCTURE_START)],
    ['a tag without key', { tags: [{ value: 'v' }] }, validation(isNull('tags.1.member.key'))],
  ],
  ListDomains: [
    ['registrationStatus MAYBE', { registrationStatus: 'MAYBE' }, validation(notInEnum('MAYBE', 'registrationStatus', REGISTRATION_STATUSES))],
    ['maximumPageSize -5', { maximumPageSize: -5 }, validation(belowMin(-5, 'maximumPageSize', 0))],
    ['maximumPageSize 100000000', { maximumPageSize: 100000000 }, validation(aboveMax(100000000, 'maximumPageSize', 1000))],
    ['no registrationStatus', without('registrationStatus'), validation(isNull('registrationStatus'))],
    ['registrationStatus null', { registrationStatus: null }, validation(isNull('registrationStatus'))],
    ['maximumPageSize is a string', { maximumPageSize: '10' }, serialization('STRING_VALUE can not be converted to an Integer')],
    ['maximumPageSize is a fraction', { maximumPageSize: 2.5 }, serialization('NUMBER_VALUE can not be converted to an Integer')],
    ['reverseOrder is a string', { reverseOrder: 'yes' }, serialization('STRING_VALUE can not be converted to a Boolean')],
    ['nextPageToken too long', { nextPageToken: x(2049) }, validation(tooLong('nextPageToken', 2048))],
    [
      'two violations at once',
      { registrationStatus: 'MAYBE', maximumPageSize: -5 },
      validation(notInEnum('MAYBE', 'registrationStatus', REGISTRATION_STATUSES), belowMin(-5, 'maximumPageSize', 0)),
    ],
    ['a type error wins over violations', { registrationStatus: 'MAYBE', maximumPageSize: 'x' }, serialization('STRING_VALUE can not be converted to an Integer')],
  ],
  DescribeDomain: [
    ['name is a number', { name: 42 }, serialization(NUMBER_TO_STRING)],
    ['name is true', { name: true }, serialization('TRUE_VALUE can not be converted to a String')],
    ['no name', without('name'), validation(isNull('name'))],
    ['name too long', { name: x(257) }, validation(tooLong('name', 256))],
  ],
  DeprecateDomain: [
    ['name is a list', { name: ['a'] }, serialization(LIST_START)],
    ['no name', without('name'), validation(isNull('name'))],
    ['empty name', { name: '' }, validation(tooShort('name', 1))],
  ],
  UndeprecateDomain: [
    ['name is a number', { name: 3 }, serialization(NUMBER_TO_STRING)],
    ['no name', without('name'), validation(isNull('name'))],
    ['name too long', { name: x(257) }, validation(tooLong('name', 256))],
  ],
  TagResource: [
    ['tags is a string', { tags: 'team' }, serialization('Expected list or null')],
    ['no tags', without('tags'), validation(isNull('tags'))],
    ['empty key, long value', { tags: [{ key: '', value: x(257) }] }, validation(tooShort('tags.1.member.key', 1), tooLong('tags.1.member.value', 256))],
    ['empty ARN', { resourceArn: '' }, validation(tooShort('resourceArn', 1))],
  ],
  UntagResource: [
    ['tagKeys is an object', { tagKeys: {} }, serialization(STRUCTURE_START)],
    ['no resourceArn', without('resourceArn'), validation(isNull('resourceArn'))],
    ['key too long', { tagKeys: [x(129)] }, validation(tooLong('tagKeys.1.member', 128))],
  ],
  ListTagsForResource: [
    ['resourceArn is a number', { resourceArn: 1 }, serialization(NUMBER_TO_STRING)],
    ['no resourceArn', without('resourceArn'), validation(isNull('resourceArn'))],
    ['ARN too long', { resourceArn: x(1601) }, validation(tooLong('resourceArn', 1600))],
  ],
  UndeprecateActivityType: [
    ['activityType is a string', { activityType: 'A' }, serialization(EXPECTED_STRUCTURE)],
    ['no activityType', without('activityType'), validation(isNull('activityType'))],
    ['empty name', { activityType: { name: '', version: '1' } }, validation(tooShort('activityType.name', 1))],
  ],
  UndeprecateWorkflowType: [
    ['domain is true', { domain: true }, serialization('TRUE_VALUE can not be converted to a String')],
    ['no domain', without('domain'), validation(isNull('domain'))],
    ['version too long', { workflowType: { name: 'W', version: x(65) } }, validation(tooLong('workflowType.version', 64))],
  ],
  RegisterActivityType: [
    ['version is a number', { version: 1 }, serialization(NUMBER_TO_STRING)],
    ['defaultTaskList is a string', { defaultTaskList: WORK }, serialization(EXPECTED_STRUCTURE)],
    ['no version', without('version'), validation(isNull('version'))],
    ['version too long', { version: x(65) }, validation(tooLong('version', 64))],
    ['heartbeat timeout not a duration', { defaultTaskHeartbeatTimeout: 'soon' }, validation(notDuration('soon', 'defaultTaskHeartbeatTimeout'))],
    ['task list without name', { defaultTaskList: {} }, validation(isNull('defaultTaskList.name'))],
  ],
  RegisterWorkflowType: [
    ['timeout is a number', { defaultExecutionStartToCloseTimeout: 3600 }, serialization(NUMBER_TO_STRING)],
    ['nothing', exactly({}), validation(isNull('domain'), isNull('name'), isNull('version'))],
    ['defaultChildPolicy KILL', { defaultChildPolicy: 'KILL' }, validation(notInEnum('KILL', 'defaultChildPolicy', CHILD_POLICIES))],
    ['empty lambda role', { defaultLambdaRole: '' }, validation(tooShort('defaultLambdaRole', 1))],
  ],
  ListActivityTypes: [
    ['domain is an object', { domain: {} }, serialization(STRUCTURE_START)],
    ['no domain', without('domain'), validation(isNull('domain'))],
    ['registrationStatus ACTIVE', { registrationStatus: 'ACTIVE' }, validation(notInEnum('ACTIVE', 'registrationStatus', REGISTRATION_STATUSES))],
    ['maximumPageSize 1001', { maximumPageSize: 1001 }, validation(aboveMax(1001, 'maximumPageSize', 1000))],
  ],
  ListWorkflowTypes: [
    ['reverseOrder is a number', { reverseOrder: 1 }, serialization('NUMBER_VALUE can not be converted to a Boolean')],
    ['no registrationStatus', without('registrationStatus'), validation(isNull('registrationStatus'))],
    ['empty name', { name: '' }, validation(tooShort('name', 1))],
  ],
  DescribeActivityType: [
    ['activityType is a list', { activityType: [] }, serialization(LIST_START)],
    ['no activityType', without('activityType'), validation(isNull('activityType'))],
    ['activityType without version', { activityType: { name: 'A' } }, validation(isNull('activityType.version'))],
    ['activityType name too long', { activityType: { name: x(257), version: '1' } }, validation(tooLong('activityType.name', 256))],
  ],
  DescribeWorkflowType: [
    ['workflowType is a string', { workflowType: 'TestWorkflow' }, serialization(EXPECTED_STRUCTURE)],
    ['empty workflowType', { workflowType: {} }, validation(isNull('workflowType.name'), isNull('workflowType.version'))],
    ['version too long', { workflowType: { name: 'W', version: x(65) } }, validation(tooLong('workflowType.version', 64))],
  ],
  DeprecateActivityType: [
    ['domain is a number', { domain: 5 }, serialization(NUMBER_TO_STRING)],
    ['no domain', without('domain'), validation(isNull('domain'))],
    ['empty version', { activityType: { name: 'A', version: '' } }, validation(tooShort('activityType.version', 1))],
  ],
  DeprecateWorkflowType: [
    ['version is a number', { workflowType: { name: 'W', version: 1 } }, serialization(NUMBER_TO_STRING)],
    ['no workflowType', without('workflowType'), validation(isNull('workflowType'))],
    ['empty domain', { domain: '' }, validation(tooShort('domain', 1))],
  ],
  StartWorkflowExecution: [
    ['a tag is a number', { tagList: ['a', 3] }, serialization(NUMBER_TO_STRING)],
    ['tagList is a string', { tagList: 'a' }, serialization('Expected list or null')],
    ['no workflowId', without('workflowId'), validation(isNull('workflowId'))],
    ['six tags', { tagList: ['1', '2', '3', '4', '5', '6'] }, validation(tooLong('tagList', 5))],
    ['a tag too long', { tagList: [x(257)] }, validation(tooLong('tagList.1.member', 256))],
    ['childPolicy KILL', { childPolicy: 'KILL' }, validation(notInEnum('KILL', 'childPolicy', CHILD_POLICIES))],
    ['workflowId and input too long', { workflowId: x(257), input: x(32769) }, validation(tooLong('workflowId', 256), tooLong('input', 32768))],
    ['timeout 1h', { executionStartToCloseTimeout: '1h' }, validation(notDuration('1h', 'executionStartToCloseTimeout'))],
  ],
  SignalWorkflowExecution: [
    ['signalName is a number', { signalName: 1 }, serialization(NUMBER_TO_STRING)],
    ['no signalName', without('signalName'), validation(isNull('signalName'))],
    ['runId and input too long', { runId: x(65), input: x(32769) }, validation(tooLong('runId', 64), tooLong('input', 32768))],
    ['signalName too long', { signalName: x(257) }, validation(tooLong('signalName', 256))],
    ['signalName empty', { signalName: '' }, validation(tooShort('signalName', 1))],
  ],
  RequestCancelWorkflowExecution: [
    ['workflowId is an object', { workflowId: {} }, serialization(STRUCTURE_START)],
    ['domain and workflowId null', { domain: null, workflowId: null }, validation(isNull('domain'), isNull('workflowId'))],
    ['runId too long', { runId: x(65) }, validation(tooLong('runId', 64))],
  ],
  TerminateWorkflowExecution: [
    ['details is false', { details: false }, serialization('FALSE_VALUE can not be converted to a String')],
    ['nothing', exactly({}), validation(isNull('domain'), isNull('workflowId'))],
    ['reason too long', { reason: x(257) }, validation(tooLong('reason', 256))],
    ['details too long', { details: x(32769) }, validation(tooLong('details', 32768))],
    ['childPolicy NUKE', { childPolicy: 'NUKE' }, validation(notInEnum('NUKE', 'childPolicy', CHILD_POLICIES))],
  ],
  DescribeWorkflowExecution: [
    ['execution is a string', { execution: 'w' }, serialization(EXPECTED_STRUCTURE)],
    ['no execution', without('execution'), validation(isNull('execution'))],
    ['execution without runId', { execution: { workflowId: 'w' } }, validation(isNull('execution.runId'))],
    ['runId too long', { execution: { workflowId: 'w', runId: x(65) } }, validation(tooLong('execution.runId', 64))],
  ],
  GetWorkflowExecutionHistory: [
    ['maximumPageSize is a string', { maximumPageSize: '5' }, serialization('STRING_VALUE can not be converted to an Integer')],
    ['no execution', without('execution'), validation(isNull('execution'))],
    ['maximumPageSize 1001', { maximumPageSize: 1001 }, validation(aboveMax(1001, 'maximumPageSize', 1000))],
    ['nextPageToken too long', { nextPageToken: x(2049) }, validation(tooLong('nextPageToken', 2048))],
  ],
  ListOpenWorkflowExecutions: [
    ['oldestDate yesterday', { startTimeFilter: { oldestDate: 'yesterday' } }, validation(notTimestamp('yesterday', 'startTimeFilter.oldestDate'))],
    ['oldestDate true', { startTimeFilter: { oldestDate: true } }, serialization('TRUE_VALUE can not be converted to a Date')],
    ['no startTimeFilter', without('startTimeFilter'), validation(isNull('startTimeFilter'))],
    ['startTimeFilter without oldestDate', { startTimeFilter: {} }, validation(isNull('startTimeFilter.oldestDate'))],
    ['empty executionFilter workflowId', { executionFilter: { workflowId: '' } }, validation(tooShort('executionFilter.workflowId', 1))],
    ['typeFilter version too long', { typeFilter: { name: 'W', version: x(65) } }, validation(tooLong('typeFilter.version', 64))],
    ['tagFilter without tag', { tagFilter: {} }, validation(isNull('tagFilter.tag'))],
    ['maximumPageSize 100000000', { maximumPageSize: 100000000 }, validation(aboveMax(100000000, 'maximumPageSize', 1000))],
  ],
  ListClosedWorkflowExecutions: [
    ['oldestDate is a list', { closeTimeFilter: { oldestDate: [0] } }, serialization(LIST_START)],
    ['no domain', without('domain'), validation(isNull('domain'))],
    ['closeStatusFilter DONE', { closeStatusFilter: { status: 'DONE' } }, validation(notInEnum('DONE', 'closeStatusFilter.status', CLOSE_STATUSES))],
    ['latestDate tomorrow', { startTimeFilter: { oldestDate: 0, latestDate: 'tomorrow' } }, validation(notTimestamp('tomorrow', 'startTimeFilter.latestDate'))],
  ],
  CountOpenWorkflowExecutions: [
    ['startTimeFilter is a number', { startTimeFilter: 0 }, serialization(EXPECTED_STRUCTURE)],
    ['no startTimeFilter', without('startTimeFilter'), validation(isNull('startTimeFilter'))],
    ['typeFilter without name', { typeFilter: {} }, validation(isNull('typeFilter.name'))],
    ['oldestDate soon', { startTimeFilter: { oldestDate: 'soon' } }, validation(notTimestamp('soon', 'startTimeFilter.oldestDate'))],
  ],
  CountClosedWorkflowExecutions: [
    ['status is a number', { closeStatusFilter: { status: 1 } }, serialization(NUMBER_TO_STRING)],
    ['nothing', exactly({}), validation(isNull('domain'))],
    ['closeStatusFilter OPEN', { closeStatusFilter: { status: 'OPEN' } }, validation(notInEnum('OPEN', 'closeStatusFilter.status', CLOSE_STATUSES))],
  ],
  PollForDecisionTask: [
    ['task list name is a number', { taskList: { name: 1 } }, serialization(NUMBER_TO_STRING)],
    ['startAtPreviousStartedEvent is a string', { startAtPreviousStartedEvent: 'true' }, serialization('STRING_VALUE can not be converted to a Boolean')],
    ['no taskList', without('taskList'), validation(isNull('taskList'))],
    ['identity too long', { identity: x(257) }, validation(tooLong('identity', 256))],
    ['maximumPageSize -1', { maximumPageSize: -1 }, validation(belowMin(-1, 'maximumPageSize', 0))],
  ],
  RespondDecisionTaskCompleted: [
    ['decisions is an object', { decisions: {} }, serialization(STRUCTURE_START)],
    ['activityId is a number', { decisions: [{ decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: { activityId: 5 } }] }, serialization(NUMBER_TO_STRING)],
    ['no taskToken', without('taskToken'), validation(isNull('taskToken'))],
    ['taskToken too long', { taskToken: x(1025) }, validation(tooLong('taskToken', 1024))],
    ['empty taskToken', { taskToken: '' }, validation(tooShort('taskToken', 1))],
    ['a decision without type', { decisions: [{}] }, validation(isNull('decisions.1.member.decisionType'))],
    ['a null decision', { decisions: [null] }, validation(isNull('decisions.1.member'))],
    ['decisionType Explode', { decisions: [{ decisionType: 'Explode' }] }, validation(notInEnum('Explode', 'decisions.1.member.decisionType', DECISION_TYPES))],
    [
      'bad schedule attributes',
      {
        decisions: [
          { decisionType: 'CompleteWorkflowExecution' },
          { decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: { activityType: ACTIVITY, activityId: x(257), heartbeatTimeout: 'forever-ish' } },
        ],
      },
      validation(
        tooLong('decisions.2.member.scheduleActivityTaskDecisionAttributes.activityId', 256),
        tooLong('decisions.2.member.scheduleActivityTaskDecisionAttributes.heartbeatTimeout', 8),
        notDuration('forever-ish', 'decisions.2.member.scheduleActivityTaskDecisionAttributes.heartbeatTimeout'),
      ),
    ],
    [
      'fail reason too long',
      { decisions: [{ decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason: x(257) } }] },
      validation(tooLong('decisions.1.member.failWorkflowExecutionDecisionAttributes.reason', 256)),
    ],
    ['executionContext too long', { executionContext: x(32769) }, validation(tooLong('executionContext', 32768))],
    ['taskListScheduleToStartTimeout not a duration', { taskListScheduleToStartTimeout: '-1' }, validation(notDuration('-1', 'taskListScheduleToStartTimeout'))],
  ],
  CountPendingDecisionTasks: [
    ['taskList is a list', { taskList: [] }, serialization(LIST_START)],
    ['no taskList', without('taskList'), validation(isNull('taskList'))],
    ['empty task list name', { taskList: { name: '' } }, validation(tooShort('taskList.name', 1))],
  ],
  PollForActivityTask: [
    ['identity is a number', { identity: 7 }, serialization(NUMBER_TO_STRING)],
    ['no domain', without('domain'), validation(isNull('domain'))],
    ['identity too long', { identity: x(257) }, validation(tooLong('identity', 256))],
    ['task list name too long', { taskList: { name: x(257) } }, validation(tooLong('taskList.name', 256))],
  ],
  RecordActivityTaskHeartbeat: [
    ['taskToken is a number', { taskToken: 123 }, serialization(NUMBER_TO_STRING)],
    ['no taskToken', without('taskToken'), validation(isNull('taskToken'))],
    ['details over 2048', { details: x(2049) }, validation(tooLong('details', 2048))],
  ],
  RespondActivityTaskCompleted: [
    ['result is an object', { result: { a: 1 } }, serialization(STRUCTURE_START)],
    ['no taskToken', exactly({ result: 'r' }), validation(isNull('taskToken'))],
    ['result over 32768', { result: x(32769) }, validation(tooLong('result', 32768))],
  ],
  RespondActivityTaskFailed: [
    ['reason is a number', { reason: 1 }, serialization(NUMBER_TO_STRING)],
    ['no taskToken', without('taskToken'), validation(isNull('taskToken'))],
    [
      'empty token, long reason and details',
      { taskToken: '', reason: x(257), details: x(32769) },
      validation(tooShort('taskToken', 1), tooLong('reason', 256), tooLong('details', 32768)),
    ],
  ],
  RespondActivityTaskCanceled: [
    ['details is true', { details: true }, serialization('TRUE_VALUE can not be converted to a String')],
    ['no taskToken', without('taskToken'), validation(isNull('taskToken'))],
    ['details over 32768', { details: x(32769) }, validation(tooLong('details', 32768))],
  ],
  CountPendingActivityTasks: [
    ['domain is a number', { domain: 1 }, serialization(NUMBER_TO_STRING)],
    ['no taskList', without('taskList'), validation(isNull('taskList'))],
    ['domain too long', { domain: x(257) }, validation(tooLong('domain', 256))],
  ],
};

const BAD_REQUESTS: BadRequest[] = Object.entries(CORPUS).flatMap(([operation, cases]) => cases.map(([what, body, expected]) => ({ operation, what, body, expected })));

function bodyOf(request: BadRequest): Json {
  const base = BASE[request.operation] ?? {};
  return typeof request.body === 'function' ? request.body(base) : { ...base, ...request.body };
}

const WIRE_TYPES = { SerializationException: 'com.amazon.coral.service#SerializationException', ValidationException: 'com.amazon.coral.validate#ValidationException' } as const;

/** Status, `__type`, the message (under `Message` for SerializationException, as Coral spells it) and, for validation, its count. */
function assertRejected(answer: RawAnswer, expected: Expected): void {
  assert.equal(answer.status, 400, JSON.stringify(answer.json));
  assert.equal(answer.json.__type, WIRE_TYPES[expected.error]);
  const messageKey = expected.error === 'SerializationException' ? 'Message' : 'message';
  assert.deepEqual(Object.keys(answer.json).sort(), ['__type', messageKey].sort());
  const message = answer.json[messageKey] as string;
  assert.equal(message, expected.message);
  if (expected.error === 'ValidationException') {
    const shape = /^(\d+) validation errors? detected: (.+)$/.exec(message);
    assert.ok(shape, message);
    assert.equal(shape[2]?.split(/; (?=Value )/).length, Number(shape[1]));
  }
}

/** Top-level string and list members with a length limit, per operation, for the generated cases. */
function limitedMembers(shape: StructureShape): [string, { min: number; max: number }, string][] {
  return Object.entries(shape.members).flatMap(([name, member]) => {
    if ((member.type !== 'string' && member.type !== 'list') || !member.limit) return [];
    // A duration must stay digits so that only its length is wrong.
    const filler = member.type === 'string' && member.duration ? '1' : 'x';
    return [[name, SWF_FIELD_LIMITS[member.limit], filler]];
  });
}

describe('sandbox request validation: a corpus of bad requests', function () {
  this.timeout(10_000);
  const fixture = useFixture({}, 'all');

  it('covers every operation the sandbox implements, each with a type error, a missing member and a constraint violation', () => {
    assert.deepEqual(Object.keys(CORPUS).sort(), Object.keys(OPERATIONS).sort());
    assert.deepEqual(Object.keys(BASE).sort(), Object.keys(OPERATIONS).sort());
    for (const [operation, cases] of Object.entries(CORPUS)) {
      const messages = cases.map(([, , expected]) => expected);
      assert.ok(
        messages.some((expected) => expected.error === 'SerializationException'),
        `${operation}: no type error`,
      );
      assert.ok(
        messages.some((expected) => expected.message.includes('Member must not be null')),
        `${operation}: no missing member`,
      );
      assert.ok(
        messages.some((expected) => /Member must (have length|have value|satisfy enum|be )/.test(expected.message)),
        `${operation}: no length, range or enum violation`,
      );
    }
  });

  it('has a request shape for exactly the implemented operations', () => {
    assert.deepEqual(Object.keys(REQUEST_SHAPES).sort(), Object.keys(OPERATIONS).sort());
  });

  for (const request of BAD_REQUESTS) {
    it(`${request.operation}: ${request.what} -> ${request.expected.error}`, async () => {
      assertRejected(await raw(fixture().sandbox.endpoint, request.operation, bodyOf(request)), request.expected);
    });
  }

  it('reports the first type error in the order of the body', async () => {
    const { endpoint } = fixture().sandbox;
    assertRejected(await raw(endpoint, 'RegisterDomain', '{"name":1,"workflowExecutionRetentionPeriodInDays":true}'), serialization(NUMBER_TO_STRING));
    assertRejected(await raw(endpoint, 'RegisterDomain', '{"workflowExecutionRetentionPeriodInDays":true,"name":1}'), serialization('TRUE_VALUE can not be converted to a String'));
  });

  it('words the enum violation exactly like the service', async () => {
    const answer = await raw(fixture().sandbox.endpoint, 'ListDomains', { registrationStatus: 'MAYBE' });
    assert.deepEqual(answer.json, {
      __type: 'com.amazon.coral.validate#ValidationException',
      message: "1 validation error detected: Value 'MAYBE' at 'registrationStatus' failed to satisfy constraint: Member must satisfy enum value set: [REGISTERED, DEPRECATED]",
    });
  });

  it('gives the SDK the exception names and messages', async () => {
    const { client } = fixture();
    const invalid = await errorOf(client.send(new ListDomainsCommand({ registrationStatus: 'MAYBE' as RegistrationStatus })));
    assert.equal(invalid.name, 'ValidationException');
    assert.equal(invalid.$metadata?.httpStatusCode, 400);
    assert.match(invalid.message, /^1 validation error detected: Value 'MAYBE' at 'registrationStatus'/);
    const wrongType = await errorOf(client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED', maximumPageSize: '10' as unknown as number })));
    assert.equal(wrongType.name, 'SerializationException');
    assert.equal(wrongType.message, 'STRING_VALUE can not be converted to an Integer');
  });

  describe('length limits of every top-level member, from the limits table', () => {
    for (const [operation, shape] of Object.entries(REQUEST_SHAPES)) {
      for (const [member, limit, filler] of limitedMembers(shape)) {
        const value = (length: number): unknown => (shape.members[member]?.type === 'list' ? Array.from({ length }, (_, i) => `t${i}`) : filler.repeat(length));
        it(`${operation}.${member}: ${limit.max} passes validation, ${limit.max + 1} does not`, async () => {
          const { endpoint } = fixture().sandbox;
          const over = await raw(endpoint, operation, { ...BASE[operation], [member]: value(limit.max + 1) });
          assertRejected(over, validation(tooLong(member, limit.max)));
          const at = await raw(endpoint, operation, { ...BASE[operation], [member]: value(limit.max) });
          // At the limit the request may still fail, but not for its shape (e.g. an unknown or invalid token).
          const shapeError = at.json.__type === WIRE_TYPES.SerializationException || /validation errors? detected/.test(String(at.json.message));
          assert.ok(!shapeError, JSON.stringify(at.json).slice(0, 300));
        });
      }
    }
  });
});

describe('sandbox request validation: good requests still succeed', function () {
  this.timeout(10_000);
  const fixture = useFixture({ maxPollWaitMs: 200 });

  it('answers 200 to a valid request of every operation, reading null as absent and ignoring unknown members', async () => {
    const { endpoint } = fixture().sandbox;
    const called = new Set<string>();
    const ok = async (operation: string, body: Json): Promise<Json> => {
      called.add(operation);
      const answer = await raw(endpoint, operation, body);
      assert.equal(answer.status, 200, `${operation}: ${JSON.stringify(answer.json)}`);
      return answer.json;
    };
    const domain = 'rv-good';
    const workflowType = { name: 'Flow', version: '1' };
    const activityType = { name: 'Step', version: '1' };
    await ok('RegisterDomain', { name: domain, description: x(1024), workflowExecutionRetentionPeriodInDays: '90', tags: [{ key: 'team', value: 'swf' }] });
    const domains = await ok('ListDomains', { registrationStatus: 'REGISTERED', maximumPageSize: 1000, reverseOrder: false, nextPageToken: null });
    assert.ok((domains.domainInfos as Json[]).some((info) => info.name === domain));
    await ok('DescribeDomain', { name: domain, someFutureMember: 42 });
    await ok('RegisterWorkflowType', {
      domain,
      ...workflowType,
      defaultTaskList: { name: 'deciders' },
      defaultChildPolicy: 'TERMINATE',
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: 'NONE',
    });
    await ok('RegisterActivityType', {
      domain,
      ...activityType,
      defaultTaskList: { name: 'workers' },
      defaultTaskScheduleToStartTimeout: 'NONE',
      defaultTaskScheduleToCloseTimeout: '99999999',
      defaultTaskStartToCloseTimeout: '600',
      defaultTaskHeartbeatTimeout: 'NONE',
    });
    await ok('ListActivityTypes', { domain, registrationStatus: 'REGISTERED', maximumPageSize: 0 });
    await ok('ListWorkflowTypes', { domain, registrationStatus: 'REGISTERED', name: 'Flow', reverseOrder: true });
    await ok('DescribeActivityType', { domain, activityType });
    await ok('DescribeWorkflowType', { domain, workflowType });
    const { runId } = await ok('StartWorkflowExecution', { domain, workflowId: 'wf', workflowType, input: x(32768), tagList: ['a', 'b', 'c', 'd', ''], childPolicy: 'ABANDON' });
    const execution = { workflowId: 'wf', runId };
    await ok('SignalWorkflowExecution', { domain, workflowId: 'wf', signalName: 'poke', input: 'x' });
    // Timestamps may come as epoch seconds, in a string too, or as ISO 8601 text.
    for (const oldestDate of [0, '0', '1970-01-01T00:00:00Z', '2000-01-01']) {
      const open = await ok('ListOpenWorkflowExecutions', { domain, startTimeFilter: { oldestDate, latestDate: null }, tagFilter: { tag: 'a' } });
      assert.equal((open.executionInfos as Json[]).length, 1, `oldestDate ${String(oldestDate)}`);
    }
    const future = await ok('ListOpenWorkflowExecutions', { domain, startTimeFilter: { oldestDate: '2999-01-01T00:00:00Z' } });
    assert.equal((future.executionInfos as Json[]).length, 0);
    // Members ListOpen does not have are ignored, as the service does: no close status filter applies.
    const ignored = await ok('ListOpenWorkflowExecutions', { domain, startTimeFilter: { oldestDate: 0 }, closeStatusFilter: { status: 'FAILED' } });
    assert.equal((ignored.executionInfos as Json[]).length, 1);
    assert.equal((await ok('CountOpenWorkflowExecutions', { domain, startTimeFilter: { oldestDate: 0 }, executionFilter: { workflowId: 'wf' } })).count, 1);
    const decisionTask = await ok('PollForDecisionTask', { domain, taskList: { name: 'deciders' }, identity: x(256), maximumPageSize: 1000, reverseOrder: false, startAtPreviousStartedEvent: false });
    assert.equal((await ok('CountPendingDecisionTasks', { domain, taskList: { name: 'deciders' } })).count, 0);
    const schedule = (activityId: string): Json => ({ decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: { activityType, activityId, input: 'in', heartbeatTimeout: 'NONE' } });
    await ok('RespondDecisionTaskCompleted', { taskToken: decisionTask.taskToken, decisions: [schedule('a1'), schedule('a2'), schedule('a3')], executionContext: 'ctx' });
    assert.equal((await ok('CountPendingActivityTasks', { domain, taskList: { name: 'workers' } })).count, 3);
    const claim = async (): Promise<string> => (await ok('PollForActivityTask', { domain, taskList: { name: 'workers' }, identity: 'worker' })).taskToken as string;
    const [first, second, third] = [await claim(), await claim(), await claim()];
    await ok('RecordActivityTaskHeartbeat', { taskToken: first, details: x(2048) });
    await ok('RespondActivityTaskCompleted', { taskToken: first, result: x(32768) });
    await ok('RespondActivityTaskFailed', { taskToken: second, reason: x(256), details: x(32768) });
    await ok('RespondActivityTaskCanceled', { taskToken: third, details: 'stopped' });
    await ok('DescribeWorkflowExecution', { domain, execution });
    await ok('GetWorkflowExecutionHistory', { domain, execution, maximumPageSize: 1000, reverseOrder: true });
    await ok('RequestCancelWorkflowExecution', { domain, workflowId: 'wf', runId });
    await ok('TerminateWorkflowExecution', { domain, workflowId: 'wf', reason: x(256), details: 'by test', childPolicy: 'TERMINATE' });
    const closed = await ok('ListClosedWorkflowExecutions', { domain, closeTimeFilter: { oldestDate: 0 }, closeStatusFilter: { status: 'TERMINATED' } });
    assert.equal((closed.executionInfos as Json[]).length, 1);
    assert.equal((await ok('CountClosedWorkflowExecutions', { domain, startTimeFilter: { oldestDate: 0 } })).count, 1);
    await ok('DeprecateActivityType', { domain, activityType });
    await ok('DeprecateWorkflowType', { domain, workflowType });
    await ok('UndeprecateActivityType', { domain, activityType });
    await ok('UndeprecateWorkflowType', { domain, workflowType });
    const resourceArn = `arn:aws:swf:us-east-1:123456789012:/domain/${domain}`;
    await ok('TagResource', { resourceArn, tags: [{ key: 'owner', value: null }] });
    await ok('UntagResource', { resourceArn, tagKeys: ['team'] });
    assert.deepEqual((await ok('ListTagsForResource', { resourceArn })).tags, [{ key: 'owner', value: '' }]);
    await ok('DeprecateDomain', { name: domain });
    await ok('UndeprecateDomain', { name: domain });
    assert.deepEqual([...called].sort(), Object.keys(OPERATIONS).sort());
  });

  it('rejects a decision without the attributes its type needs, which the model alone cannot say', async () => {
    const { client, sandbox } = fixture();
    await startWorkflow(client, 'rv-decide');
    const task = await raw(sandbox.endpoint, 'PollForDecisionTask', { domain: DOMAIN, taskList: { name: DECISIONS } });
    const at = 'decisions.2.member.startTimerDecisionAttributes';
    const answer = await raw(sandbox.endpoint, 'RespondDecisionTaskCompleted', {
      taskToken: task.json.taskToken,
      decisions: [{ decisionType: 'RecordMarker', recordMarkerDecisionAttributes: { markerName: 'm' } }, { decisionType: 'StartTimer' }],
    });
    assertRejected(answer, validation(isNull(`${at}.timerId`), isNull(`${at}.startToFireTimeout`)));
  });
});
