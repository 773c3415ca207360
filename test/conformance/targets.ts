/** The two implementations under comparison: the sandbox, and moto_server as an independent peer. */
import { SWFClient } from '@aws-sdk/client-swf';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { SwfSandbox } from '../../src/sandbox';

export interface Target {
  name: 'sandbox' | 'moto';
  client: SWFClient;
  reset(): Promise<void>;
  close(): Promise<void>;
}

const clientFor = (endpoint: string): SWFClient =>
  new SWFClient({ endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'conformance', secretAccessKey: 'conformance' } });

export async function sandboxTarget(): Promise<Target> {
  // moto answers an empty poll after about a second; the sandbox is set to wait as long.
  const sandbox = new SwfSandbox({ port: 0, maxPollWaitMs: 1000 });
  const { endpoint } = await sandbox.start();
  const client = clientFor(endpoint);
  return {
    name: 'sandbox',
    client,
    reset: async () => sandbox.reset(),
    close: async () => {
      client.destroy();
      await sandbox.stop();
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No port');
  return address.port;
}

async function waitUntilUp(endpoint: string, deadlineMs: number): Promise<void> {
  while (Date.now() < deadlineMs) {
    try {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`moto_server did not come up at ${endpoint}`);
}

/** Uses SWF_TEST_MOTO_ENDPOINT when set; otherwise starts moto_server on a free loopback port and kills it (its process group, by pid) on close. */
export async function motoTarget(): Promise<Target> {
  let endpoint = process.env.SWF_TEST_MOTO_ENDPOINT;
  let child: ChildProcess | undefined;
  if (!endpoint) {
    const port = await freePort();
    // Own process group: moto_server may be a shim (pyenv) whose python child must go too.
    child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', detached: true });
    endpoint = `http://127.0.0.1:${port}`;
  }
  await waitUntilUp(endpoint, Date.now() + 20_000);
  const client = clientFor(endpoint);
  const base = endpoint;
  return {
    name: 'moto',
    client,
    reset: async () => {
      await fetch(`${base}/moto-api/reset`, { method: 'POST' });
    },
    close: async () => {
      client.destroy();
      if (child?.pid !== undefined) process.kill(-child.pid);
    },
  };
}
