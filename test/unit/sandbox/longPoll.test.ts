import { PollForActivityTaskCommand, PollForDecisionTaskCommand } from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { decide, DECISIONS, DOMAIN, scheduleActivity, startWorkflow, WORK, useFixture } from './fixture';

describe('sandbox long polls', function () {
  this.timeout(5000);
  const fixture = useFixture({ maxPollWaitMs: 1500 });

  it('holds an activity poll until a task is scheduled, then answers with it', async () => {
    const { client } = fixture();
    const started = Date.now();
    const poll = client.send(new PollForActivityTaskCommand({ domain: DOMAIN, taskList: { name: WORK }, identity: 'waiting-worker' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await startWorkflow(client, 'wf-poll');
    await decide(client, [scheduleActivity('late')]);
    const task = await poll;
    assert.equal(task.activityId, 'late');
    const waited = Date.now() - started;
    assert.ok(waited >= 300 && waited < 1500, `waited ${waited} ms`);
  });

  it('answers an empty poll with taskToken "" after the maximum wait', async () => {
    const { client, sandbox } = fixture();
    sandbox.configure({ maxPollWaitMs: 400 });
    const started = Date.now();
    const task = await client.send(new PollForActivityTaskCommand({ domain: DOMAIN, taskList: { name: WORK } }));
    assert.equal(task.taskToken, '');
    assert.ok(Date.now() - started >= 390);
    const decision = await client.send(new PollForDecisionTaskCommand({ domain: DOMAIN, taskList: { name: DECISIONS } }));
    assert.equal(decision.taskToken, '');
  });

  it('ends pending polls empty on stop()', async () => {
    const { client, sandbox } = fixture();
    sandbox.configure({ maxPollWaitMs: 60_000 });
    const poll = client.send(new PollForActivityTaskCommand({ domain: DOMAIN, taskList: { name: WORK } }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await sandbox.stop();
    assert.equal((await poll).taskToken, '');
    assert.ok(Date.now() - started < 1000);
  });

  it('does not hand a task to a poll whose client went away', async () => {
    const { client, sandbox } = fixture();
    sandbox.configure({ maxPollWaitMs: 60_000 });
    const aborter = new AbortController();
    const abandoned = client.send(new PollForActivityTaskCommand({ domain: DOMAIN, taskList: { name: WORK } }), { abortSignal: aborter.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    aborter.abort();
    await assert.rejects(abandoned);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await startWorkflow(client, 'wf-abandoned');
    await decide(client, [scheduleActivity('kept')]);
    const task = await client.send(new PollForActivityTaskCommand({ domain: DOMAIN, taskList: { name: WORK } }));
    assert.equal(task.activityId, 'kept');
  });
});
