/**
 * The fixture of a suite that runs against moto_server: resets moto, registers
 * a domain with the SDK, activates the extension and makes it watch that
 * domain on moto (one root); records the messages each test shows; and puts
 * the settings and the roots back afterwards. Call it inside `describe`.
 */
import type { SwfTasksApi } from '../../../src/extension';
import { activateExtension, clearRoots, watchRoots } from './extension';
import { type ActivityTypeRef, motoEndpoint, resetMoto, TestDomain, testClient } from './swf';
import { type MessageRecorder, recordMessages, resetSettings } from './ui';

export interface MotoSuite {
  readonly api: SwfTasksApi;
  readonly endpoint: string;
  readonly domain: TestDomain;
  /** The current test's notifications and dialogs (all dismissed unless the test says otherwise). */
  readonly messages: MessageRecorder;
  /** Makes the extension watch the seeded domain on moto again, as its only root. */
  connect(): Promise<void>;
}

export function useMotoDomain(name: string, activityTypes: readonly (ActivityTypeRef & { taskList: string })[], seed?: (domain: TestDomain) => Promise<void>): MotoSuite {
  let api: SwfTasksApi | undefined;
  let endpoint: string | undefined;
  let domain: TestDomain | undefined;
  let messages: MessageRecorder | undefined;
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not set up: the suite's before hook failed`);
    return value;
  };

  const suite: MotoSuite = {
    get api() {
      return required(api, 'the extension API');
    },
    get endpoint() {
      return required(endpoint, 'the moto endpoint');
    },
    get domain() {
      return required(domain, 'the test domain');
    },
    get messages() {
      return required(messages, 'the message recorder');
    },
    async connect() {
      await watchRoots(suite.api, [{ domain: name, region: 'us-east-1', endpoint: suite.endpoint }]);
    },
  };

  before(async () => {
    endpoint = motoEndpoint();
    await resetMoto(endpoint);
    domain = new TestDomain(testClient(endpoint), name);
    await domain.register(activityTypes);
    await seed?.(domain);
    api = await activateExtension();
    await suite.connect();
  });

  beforeEach(() => {
    messages = recordMessages();
  });

  afterEach(async () => {
    messages?.dispose();
    messages = undefined;
    if (api) await suite.connect();
  });

  after(async () => {
    domain?.client.destroy();
    if (api) {
      await resetSettings();
      await clearRoots(api);
    }
  });

  return suite;
}
