/**
 * The fixture of a suite that runs against a sandbox of its own (its
 * counters then show which calls the extension made): starts the sandbox on
 * a free loopback port, registers a domain with the SDK, activates the
 * extension and makes it watch that domain (one root); records the messages
 * each test shows and resets the sandbox's counters before it; and stops
 * everything afterwards. Call it inside `describe`, as useMotoDomain.
 */
import type { SwfTasksApi } from '../../../src/extension';
import type { RootModel } from '../../../src/model/rootModel';
import { type SandboxOptions, SwfSandbox } from '../../../src/sandbox';
import { activateExtension, clearRoots, watchRoots } from './extension';
import { type ActivityTypeRef, TestDomain, testClient } from './swf';
import { type MessageRecorder, recordMessages } from './ui';

export interface SandboxSuite {
  readonly sandbox: SwfSandbox;
  readonly api: SwfTasksApi;
  readonly domain: TestDomain;
  /** The extension's root of the domain. */
  readonly root: RootModel;
  /** The current test's notifications and dialogs (all dismissed unless the test says otherwise). */
  readonly messages: MessageRecorder;
  /** How many calls of `operation` the sandbox answered since the current test began (or the last resetStats). */
  calls(operation: string): number;
}

export function useSandboxDomain(
  name: string,
  activityTypes: readonly (ActivityTypeRef & { taskList: string })[] = [],
  options: { sandbox?: SandboxOptions; seed?: (domain: TestDomain) => Promise<void> } = {},
): SandboxSuite {
  const sandbox = new SwfSandbox({ port: 0, ...options.sandbox });
  let api: SwfTasksApi | undefined;
  let domain: TestDomain | undefined;
  let root: RootModel | undefined;
  let messages: MessageRecorder | undefined;
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not set up: the suite's before hook failed`);
    return value;
  };

  before(async () => {
    const { endpoint } = await sandbox.start();
    domain = new TestDomain(testClient(endpoint), name);
    await domain.register(activityTypes);
    await options.seed?.(domain);
    api = await activateExtension();
    [root] = await watchRoots(api, [{ domain: name, region: 'us-east-1', endpoint }]);
  });

  beforeEach(() => {
    messages = recordMessages();
    sandbox.resetStats();
  });

  afterEach(() => {
    messages?.dispose();
    messages = undefined;
  });

  after(async () => {
    domain?.client.destroy();
    if (api) await clearRoots(api);
    await sandbox.stop();
  });

  return {
    sandbox,
    get api() {
      return required(api, 'the extension API');
    },
    get domain() {
      return required(domain, 'the test domain');
    },
    get root() {
      return required(root, 'the root');
    },
    get messages() {
      return required(messages, 'the message recorder');
    },
    calls: (operation) => sandbox.stats().operations[operation as keyof ReturnType<typeof sandbox.stats>['operations']]?.calls ?? 0,
  };
}
