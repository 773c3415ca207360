/**
 * Standalone sandbox: `npm run sandbox -- --port 8123`. Bundled to
 * dist/sandbox.js by scripts/esbuild.mjs. Prints exactly one
 * "SWF sandbox listening on ..." line when ready, and exits 0 on SIGINT/SIGTERM.
 *
 * The same bundle is the sandbox the extension loads on Start Local Sandbox:
 * required as a module, it only exports the sandbox's API and runs nothing.
 */
import { parseArgs } from 'node:util';
import { seedSampleDomain, startSampleDecider, SwfSandbox } from './index';

export * from './index';

const HELP = `Usage: npm run sandbox -- [options]

Runs a local Amazon SWF endpoint on 127.0.0.1 (JSON 1.0 protocol; any credentials work).

Options:
  --port <n>           Port to listen on (default 0: a free port)
  --no-seed            Start empty instead of seeding the sample domains
  --decider            Run the sample workflows' decider (answered tasks lead to the next step)
  --page-size <n>      Largest page a list operation returns (default 100)
  --latency <ms>       Delay added to every call (default 0)
  --throttling         Enforce SWF's per-operation token-bucket quotas
  --max-poll-wait <ms> How long polls wait for a task (default 60000)
  --help               Show this help`;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} needs a whole number >= 0, got "${value}"`);
  return parsed;
}

async function main(): Promise<void> {
  // The seeding client is the pinned SDK (see README): its notice about future releases needing Node 22 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      decider: { type: 'boolean', default: false },
      'page-size': { type: 'string' },
      latency: { type: 'string' },
      throttling: { type: 'boolean', default: false },
      'max-poll-wait': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const sandbox = new SwfSandbox({
    port: number('port', values.port) ?? 0,
    pageSize: number('page-size', values['page-size']),
    maxPollWaitMs: number('max-poll-wait', values['max-poll-wait']),
  });
  // Handlers first: whoever reads the ready line may signal right away.
  const shutdown = (): void => {
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const { endpoint } = await sandbox.start();
  // Seed first, then switch on latency and throttling, so seeding is neither slowed nor throttled.
  const seeded = values['no-seed'] ? [] : (await seedSampleDomain(sandbox)).domains;
  if (values.decider && seeded.length > 0) startSampleDecider(sandbox, { onError: (error) => console.error(`sample decider: ${String(error)}`) });
  sandbox.configure({ latencyMs: number('latency', values.latency) ?? 0, throttling: values.throttling });
  sandbox.resetStats();
  console.log(`SWF sandbox listening on ${endpoint}`);
  console.log(seeded.length > 0 ? `Seeded domains: ${seeded.join(', ')}` : 'No domains seeded');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
