import {
  PollForActivityTaskCommand,
  RecordActivityTaskHeartbeatCommand,
  RespondActivityTaskCanceledCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  type SWFClient,
} from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { claim, DOMAIN, errorOf, scheduleActivity, WORK, workflowWithActivities, useFixture } from './fixture';

type Respond = (client: SWFClient, taskToken: string, value: string) => Promise<unknown>;

/** Each limited field: its limit and a call that sends `value` in it. */
const LIMITED_FIELDS: [field: string, limit: number, send: Respond][] = [
  ['result', 32768, (client, taskToken, result) => client.send(new RespondActivityTaskCompletedCommand({ taskToken, result }))],
  ['reason', 256, (client, taskToken, reason) => client.send(new RespondActivityTaskFailedCommand({ taskToken, reason }))],
  ['details', 32768, (client, taskToken, details) => client.send(new RespondActivityTaskFailedCommand({ taskToken, details }))],
  ['details', 32768, (client, taskToken, details) => client.send(new RespondActivityTaskCanceledCommand({ taskToken, details }))],
  ['details', 2048, (client, taskToken, details) => client.send(new RecordActivityTaskHeartbeatCommand({ taskToken, details }))],
];

describe('sandbox length limits', function () {
  this.timeout(5000);
  const fixture = useFixture({}, 'all');

  LIMITED_FIELDS.forEach(([field, limit, send], index) => {
    it(`rejects ${field} at ${limit + 1} characters and accepts ${limit} (case ${index + 1})`, async () => {
      const { client } = fixture();
      await workflowWithActivities(client, `wf-limit-${index}`, scheduleActivity('a1'));
      const token = await claim(client);
      const error = await errorOf(send(client, token, 'x'.repeat(limit + 1)));
      assert.equal(error.name, 'ValidationException');
      assert.equal(error.message, `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${limit}`);
      await send(client, token, 'é'.repeat(limit));
    });
  });

  it('limits taskToken to 1..1024 and identity to 256 characters', async () => {
    const { client } = fixture();
    assert.match((await errorOf(client.send(new RespondActivityTaskCompletedCommand({ taskToken: 't'.repeat(1025) })))).message, /'taskToken'.*less than or equal to 1024/);
    assert.match((await errorOf(client.send(new RespondActivityTaskCompletedCommand({ taskToken: '' })))).message, /'taskToken'.*greater than or equal to 1/);
    assert.equal((await errorOf(client.send(new RespondActivityTaskCompletedCommand({ taskToken: 't'.repeat(1024) })))).name, 'UnknownResourceFault');
    const poll = (identity: string) => client.send(new PollForActivityTaskCommand({ domain: DOMAIN, taskList: { name: WORK }, identity }));
    assert.equal((await errorOf(poll('i'.repeat(257)))).name, 'ValidationException');
    assert.equal((await poll('i'.repeat(256))).taskToken, '');
  });
});
