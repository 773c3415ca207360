import { spawn } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { generateLargeDomain, SAMPLE_DOMAIN, seedSampleDomain, SwfSandbox } from '../../../src/sandbox';

describe('sandbox seeds and CLI', function () {
  this.timeout(10000);
  let sandbox: SwfSandbox;
  beforeEach(async () => {
    sandbox = new SwfSandbox({ port: 0, maxPollWaitMs: 200 });
    await sandbox.start();
  });
  afterEach(() => sandbox.stop());

  it('seeds activity tasks in every state the extension shows', async () => {
    await seedSampleDomain(sandbox);
    const domain = sandbox.state.domain(SAMPLE_DOMAIN);
    const open = [...domain.executions.values()].filter((execution) => execution.isOpen);
    const tasks = open.flatMap((execution) => [...execution.activities.values()]);
    assert.deepEqual([...new Set(tasks.map((task) => task.taskList.name))].sort(), ['notifications', 'payments', 'shipping']);
    assert.ok(tasks.some((task) => task.startedEventId === 0), 'scheduled');
    assert.ok(tasks.some((task) => task.startedEventId > 0 && task.latestCancelRequestedEventId === undefined), 'started by another worker');
    assert.ok(tasks.some((task) => task.latestCancelRequestedEventId !== undefined), 'cancel requested');
    assert.ok(tasks.some((task) => (task.input?.length ?? 0) > 4000), 'long input');
    const retried = domain.openByWorkflowId.get('order-1005');
    assert.ok(retried?.history.events.some((event) => event.eventType === 'ActivityTaskFailed') && retried.activities.has('charge-order-1005'), 'retry');
    assert.deepEqual([...domain.executions.values()].filter((execution) => !execution.isOpen).map((execution) => execution.closeStatus).sort(), ['COMPLETED', 'FAILED', 'TERMINATED']);
  });

  it('generates large domains with valid histories', () => {
    generateLargeDomain(sandbox, { executions: 50, eventsPerExecution: 40, closedExecutions: 5 });
    const executions = [...sandbox.state.domain('bench-large').executions.values()];
    assert.equal(executions.filter((execution) => execution.isOpen).length, 50);
    for (const execution of executions) {
      assert.ok(execution.history.lastEventId >= 30 && execution.history.lastEventId <= 40, `${execution.history.lastEventId} events`);
      execution.history.events.forEach((event, index) => assert.equal(event.eventId, index + 1));
      if (execution.isOpen) assert.equal(execution.activities.size, 1);
    }
  });

  it('runs standalone: one ready line, clean exit on SIGINT', async () => {
    const cli = path.resolve(__dirname, '../../../src/sandbox/cli.js');
    const child = spawn(process.execPath, ['--no-warnings', cli, '--port', '0', '--no-seed'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().split('\n')[0] ?? '')));
    assert.match(line, /^SWF sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });
});
