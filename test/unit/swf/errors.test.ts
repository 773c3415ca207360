import * as assert from 'node:assert/strict';
import { OperationNotPermittedFault, UnknownResourceFault } from '@aws-sdk/client-swf';
import { describeSwfError, errorMessage, type SwfErrorContext, type SwfErrorInfo, tagSwfError, taggedContext } from '../../../src/swf/errors';

const TOKEN = `AAAAKgAAAAIAAAAAAAAAA${'q1w2E3r4T5y6U7i8O9p0'.repeat(10)}Xy12Ab`;

/** An error shaped like the SDK's service exceptions (and Node's network errors). */
function sdkError(name: string, message: string, extra: { status?: number; code?: string } = {}): Error {
  return Object.assign(new Error(message), {
    name,
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    $metadata: { httpStatusCode: extra.status, attempts: 1, totalRetryDelay: 0 },
  });
}

function describe400(name: string, message: string, ctx?: SwfErrorContext): SwfErrorInfo {
  return describeSwfError(sdkError(name, message, { status: 400 }), ctx);
}

describe('describeSwfError', () => {
  describe('UnknownResourceFault', () => {
    for (const operation of ['RespondActivityTaskCompleted', 'RespondActivityTaskFailedCommand', 'RespondActivityTaskCanceled', 'RecordActivityTaskHeartbeat']) {
      it(`means the task is closed during ${operation}`, () => {
        const fault = new UnknownResourceFault({ message: 'Unknown activity task', $metadata: { httpStatusCode: 400 } });
        const info = describeSwfError(fault, { operation });
        assert.equal(info.kind, 'taskClosed');
        assert.equal(info.title, 'The task is already closed');
        assert.match(info.detail, /completed, failed, canceled or timed out elsewhere/);
        assert.equal(info.refreshTree, true);
        assert.equal(info.retryable, false);
      });
    }

    it('tells an unknown domain apart, naming it, the region and the connection', () => {
      const info = describe400('UnknownResourceFault', 'Unknown domain: payments', { operation: 'ListOpenWorkflowExecutions', region: 'eu-west-1', connection: 'prod (eu-west-1)' });
      assert.equal(info.kind, 'unknownDomain');
      assert.equal(info.title, 'Domain "payments" is not registered in eu-west-1');
      assert.match(info.detail, /registered per account and region.*prod \(eu-west-1\) points at/);
      assert.equal(info.refreshTree, false);
    });

    it('tells an unknown execution apart: closed, or a wrong ID', () => {
      const info = describe400('UnknownResourceFault', 'Unknown execution: WorkflowExecution=[workflowId=order-9, runId=r1]', { operation: 'GetWorkflowExecutionHistory', domain: 'orders' });
      assert.equal(info.kind, 'unknownExecution');
      assert.equal(info.title, 'The workflow execution is closed or unknown');
      assert.match(info.detail, /in domain "orders": it closed, or its ID or run ID is wrong\. \(SWF: Unknown execution: .*order-9/);
      assert.equal(info.refreshTree, true);
    });

    it('passes on any other unknown resource as the service words it', () => {
      const info = describe400('UnknownResourceFault', 'Unknown type: ActivityType=[name=x, version=1]', { operation: 'ScheduleActivityTask' });
      assert.equal(info.kind, 'unknownResource');
      assert.equal(info.detail, 'Unknown type: ActivityType=[name=x, version=1] (swf:ScheduleActivityTask)');
    });
  });

  describe('the call context the gateway tags on an error', () => {
    it('names the operation that failed, over whatever the caller guessed', () => {
      const fault = tagSwfError(sdkError('OperationNotPermittedFault', 'denied', { status: 400 }), { operation: 'PollForActivityTask', domain: 'orders', region: 'eu-west-1', connection: 'prod (eu-west-1)' });
      const info = describeSwfError(fault, { operation: 'swfTasks.claimNextTask' });
      assert.equal(info.title, 'Not permitted: swf:PollForActivityTask');
      assert.match(info.detail, /arn:aws:swf:eu-west-1:<account-id>:\/domain\/orders/);
      assert.doesNotMatch(errorMessage(info), /swfTasks\./);
    });

    it('is invisible to serialisation and set once', () => {
      const error = sdkError('X', 'y');
      tagSwfError(error, { operation: 'First' });
      tagSwfError(error, { operation: 'Second' });
      assert.equal(taggedContext(error)?.operation, 'First');
      assert.doesNotMatch(JSON.stringify(error), /First/);
      assert.equal(tagSwfError('not an object', { operation: 'X' }), 'not an object');
    });

    it('says the sandbox is not running, with the way out', () => {
      const info = describeSwfError(Object.assign(new Error('The local SWF sandbox is not running.'), { name: 'SandboxNotRunning' }));
      assert.equal(info.kind, 'sandboxStopped');
      assert.match(info.detail, /SWF: Start Local Sandbox/);
    });
  });

  it('names the IAM action and the domain ARN for OperationNotPermittedFault', () => {
    const fault = new OperationNotPermittedFault({ message: 'User is not authorized', $metadata: { httpStatusCode: 400 } });
    const info = describeSwfError(fault, { operation: 'RespondActivityTaskCompleted', domain: 'payments', region: 'us-east-1', profile: 'dev' });
    assert.equal(info.kind, 'notPermitted');
    assert.equal(info.title, 'Not permitted: swf:RespondActivityTaskCompleted');
    assert.match(info.detail, /profile "dev" may not call swf:RespondActivityTaskCompleted on arn:aws:swf:us-east-1:<account-id>:\/domain\/payments\./);
    assert.match(info.detail, /\(SWF: User is not authorized\)/);
  });

  it('uses placeholders in the ARN when the context is unknown', () => {
    const info = describe400('OperationNotPermittedFault', 'denied');
    assert.match(info.detail, /swf:<Operation> on arn:aws:swf:<region>:<account-id>:\/domain\/<domain>/);
  });

  it('asks to retry later when throttled', () => {
    const info = describe400('ThrottlingException', 'Rate exceeded', { operation: 'DescribeWorkflowExecution', region: 'us-east-1' });
    assert.equal(info.kind, 'throttled');
    assert.equal(info.retryable, true);
    assert.match(info.detail, /DescribeWorkflowExecution .* after the SDK's retries.* in us-east-1 .*try again/);
  });

  it('passes on the message of a ValidationException', () => {
    const info = describe400('ValidationException', '1 validation error detected: Value at \'reason\' failed to satisfy constraint');
    assert.equal(info.kind, 'validation');
    assert.match(info.detail, /failed to satisfy constraint/);
  });

  describe('credentials', () => {
    it('points to aws sso login for an expired SSO session', () => {
      for (const err of [
        sdkError('TokenProviderError', 'Token is expired. To refresh this SSO session run aws sso login with the corresponding profile.'),
        sdkError('CredentialsProviderError', 'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.'),
      ]) {
        const info = describeSwfError(err, { profile: 'dev-sso' });
        assert.equal(info.kind, 'credentials');
        assert.match(info.title, /SSO session/);
        assert.match(info.detail, /"aws sso login --profile dev-sso"/);
        assert.equal(info.retryable, true);
      }
    });

    it('names a profile that is not found, taken from the message', () => {
      for (const message of [
        'Profile nope could not be found in shared credentials file.',
        "Profile 'nope' could not be found in shared credentials file.",
        'Could not resolve credentials using profile: [nope] in configuration/credentials file(s).',
      ]) {
        const info = describeSwfError(sdkError('CredentialsProviderError', message));
        assert.equal(info.kind, 'credentials');
        assert.equal(info.title, 'AWS profile "nope" not found');
        assert.match(info.detail, /Add the domain again with another profile \(SWF: Add Domain\.\.\.\)/);
        assert.equal(info.retryable, false);
      }
    });

    it('explains missing credentials', () => {
      const info = describeSwfError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'));
      assert.equal(info.title, 'No AWS credentials found');
      assert.match(info.detail, /~\/\.aws\/credentials/);
      assert.match(info.detail, /"aws sso login"/);
    });

    it('explains expired credentials', () => {
      for (const name of ['ExpiredToken', 'ExpiredTokenException']) {
        const info = describe400(name, 'The security token included in the request is expired', { profile: 'ops' });
        assert.equal(info.title, 'The AWS credentials have expired');
        assert.match(info.detail, /aws sso login --profile ops/);
      }
    });

    it('explains rejected credentials', () => {
      for (const name of ['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException']) {
        const info = describe400(name, 'The security token included in the request is invalid.', { profile: 'ops' });
        assert.equal(info.kind, 'credentials');
        assert.equal(info.title, 'AWS rejected the credentials');
        assert.match(info.detail, /profile "ops".*~\/\.aws\/credentials/);
      }
    });
  });

  describe('configuration', () => {
    it('asks for a region when none is set', () => {
      const info = describeSwfError(new Error('Region is missing'));
      assert.equal(info.kind, 'endpoint');
      assert.match(info.detail, /with a region \(SWF: Add Domain\.\.\.\)/);
    });

    it('explains an invalid endpoint URL', () => {
      const info = describeSwfError(Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }), { endpoint: 'localhost:4566' });
      assert.equal(info.kind, 'endpoint');
      assert.equal(info.title, 'The endpoint URL "localhost:4566" is not valid');
    });
  });

  describe('network', () => {
    const cases: [string, string][] = [
      ['ECONNREFUSED', 'connection refused'],
      ['ENOTFOUND', 'host name not found'],
      ['EAI_AGAIN', 'host name lookup failed (DNS did not answer)'],
      ['ETIMEDOUT', 'connection timed out'],
      ['ECONNRESET', 'connection reset'],
    ];
    for (const [code, failure] of cases) {
      it(`says what ${code} means for the endpoint`, () => {
        const info = describeSwfError(sdkError('Error', `connect ${code} 127.0.0.1:4566`, { code }), { endpoint: 'http://127.0.0.1:4566' });
        assert.equal(info.kind, 'network');
        assert.equal(info.title, `Cannot reach http://127.0.0.1:4566: ${failure}`);
        assert.equal(info.retryable, true);
      });
    }

    it('reads a code wrapped in cause, and names the region without an endpoint', () => {
      const err = new Error('fetch failed', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) });
      assert.equal(describeSwfError(err, { region: 'us-west-2' }).title, 'Cannot reach SWF in us-west-2: host name not found');
    });

    it('treats a request timeout as a network failure', () => {
      const info = describeSwfError(sdkError('TimeoutError', 'Connection timed out after 75000 ms'));
      assert.equal(info.kind, 'network');
      assert.equal(info.title, 'Cannot reach SWF: request timed out');
    });
  });

  it('reports an aborted request as cancelled, warning about polls', () => {
    const info = describeSwfError(sdkError('AbortError', 'Request aborted'), { operation: 'PollForActivityTask' });
    assert.equal(info.kind, 'cancelled');
    assert.match(info.detail, /stays started, unseen, until its timeout/);
    assert.doesNotMatch(describeSwfError(sdkError('AbortError', 'Request aborted')).detail, /timeout/);
  });

  describe('HTTP 5xx', () => {
    /** What the SDK throws when moto answers an operation it lacks with an HTML page. */
    const htmlBody = (status: number): Error =>
      sdkError('SyntaxError', 'Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.', { status });

    it('suspects an unimplemented operation behind a non-JSON 500', () => {
      const info = describeSwfError(htmlBody(500), { operation: 'RespondActivityTaskCanceled', endpoint: 'http://127.0.0.1:5000' });
      assert.equal(info.kind, 'service');
      assert.equal(info.title, 'The endpoint answered HTTP 500');
      assert.match(info.detail, /^http:\/\/127\.0\.0\.1:5000 answered .*it may not implement RespondActivityTaskCanceled/);
      assert.doesNotMatch(info.detail, /Deserialization|\$response/);
      assert.equal(info.retryable, false);
    });

    it('calls a non-JSON 502-504 transient', () => {
      const info = describeSwfError(htmlBody(503));
      assert.equal(info.retryable, true);
      assert.match(info.detail, /gateway or proxy/);
    });

    it('passes on a JSON service error', () => {
      const info = describeSwfError(sdkError('InternalFailure', 'Internal error', { status: 500 }));
      assert.equal(info.kind, 'service');
      assert.equal(info.retryable, true);
      assert.match(info.detail, /\(SWF: Internal error\)/);
    });
  });

  it('says what to change for the faults of StartWorkflowExecution, naming it', () => {
    const started = describeSwfError(tagSwfError(sdkError('WorkflowExecutionAlreadyStartedFault', 'Already Started', { status: 400 }), { operation: 'StartWorkflowExecution' }));
    assert.equal(started.title, 'An execution with this workflow ID is already open');
    assert.match(errorMessage(started), /another ID.*\(SWF: Already Started\).*\(swf:StartWorkflowExecution\)/);
    assert.equal(describe400('TypeDeprecatedFault', 'OrderFlow 1', { operation: 'StartWorkflowExecutionCommand' }).title, 'The workflow type is deprecated');
    assert.equal(describe400('TypeDeprecatedFault', 'OrderFlow 1', { operation: 'DeprecateWorkflowTypeCommand' }).title, 'Type OrderFlow 1 is already deprecated', 'the registry reads its own');
    assert.match(describe400('DefaultUndefinedFault', 'no default task list').detail, /task list, both timeouts and the child policy/);
  });

  it('falls back to the message for anything else', () => {
    const info = describeSwfError(sdkError('LimitExceededFault', 'Too many open activity tasks', { status: 400 }), { operation: 'PollForActivityTaskCommand' });
    assert.deepEqual(info, { kind: 'unknown', title: 'swf:PollForActivityTask failed', detail: 'Too many open activity tasks', retryable: false, refreshTree: false });
  });

  it('reads LimitExceededFault as the registry\'s limits only on a registry call', () => {
    const info = describeSwfError(sdkError('LimitExceededFault', 'Too many domains', { status: 400 }), { operation: 'RegisterDomainCommand' });
    assert.equal(info.kind, 'registry');
    assert.match(errorMessage(info), /100 registered domains.*swf:RegisterDomain/);
  });

  it('names the SWF operation that failed in every kind of description', () => {
    const failures: [string, Error][] = [
      ['ListOpenWorkflowExecutions', sdkError('UnknownResourceFault', 'Unknown domain: orders', { status: 400 })],
      ['GetWorkflowExecutionHistory', sdkError('UnknownResourceFault', 'Unknown execution: WorkflowExecution=[workflowId=a, runId=b]', { status: 400 })],
      ['RespondActivityTaskCompleted', sdkError('UnknownResourceFault', 'Unknown activity task', { status: 400 })],
      ['PollForActivityTask', sdkError('OperationNotPermittedFault', 'User is not authorized', { status: 400 })],
      ['GetWorkflowExecutionHistory', sdkError('ThrottlingException', 'Rate exceeded', { status: 400 })],
      ['RespondActivityTaskFailed', sdkError('ValidationException', 'reason too long', { status: 400 })],
      ['ListDomains', sdkError('ExpiredTokenException', 'The security token included in the request is expired', { status: 400 })],
      ['ListDomains', sdkError('Error', 'connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED' })],
      ['RecordActivityTaskHeartbeat', sdkError('InternalFailure', 'oops', { status: 500 })],
    ];
    for (const [operation, error] of failures) {
      const text = errorMessage(describeSwfError(tagSwfError(error, { operation })));
      assert.ok(text.includes(`swf:${operation}`), `${operation}: ${text}`);
      assert.ok(!text.includes(`(swf:${operation}) (swf:${operation})`), `named twice: ${text}`);
    }
  });

  it('describes thrown non-errors', () => {
    assert.equal(describeSwfError('boom').detail, 'boom');
    assert.equal(describeSwfError(undefined).detail, 'undefined');
    assert.equal(describeSwfError({}).detail, 'No error message.');
  });

  it('never repeats a task token found in a message', () => {
    const infos = [
      describeSwfError(sdkError('ValidationException', `Invalid taskToken ${TOKEN}`, { status: 400 })),
      describeSwfError(new Error(`failed for ${TOKEN}`)),
      describeSwfError(`thrown ${TOKEN}`),
    ];
    for (const info of infos) {
      assert.ok(!`${info.title} ${info.detail}`.includes(TOKEN));
      assert.match(info.detail, /…Xy12Ab/);
    }
  });
});

describe('errorMessage', () => {
  it('joins title and detail into sentences, without doubling punctuation', () => {
    assert.equal(errorMessage({ title: 'The task is already closed', detail: 'Refresh.' }), 'The task is already closed. Refresh.');
    assert.equal(errorMessage({ title: 'Cannot reach it: connection refused.', detail: 'Check it.' }), 'Cannot reach it: connection refused. Check it.');
    assert.equal(errorMessage({ title: 'Not permitted:', detail: 'swf:X' }), 'Not permitted: swf:X');
    assert.equal(errorMessage({ title: 'Just a title', detail: '' }), 'Just a title');
  });
});
