/**
 * The SWF connections in use: one gateway (SDK clients) per connection,
 * made on first use and shared by every root, claim and command that calls
 * that connection. A claim's token is sent through the gateway of the
 * connection that issued it, never another.
 *
 * The local sandbox runs in this extension host on a port chosen at start:
 * its connection resolves to that address while it runs, and to a
 * `SandboxNotRunning` error otherwise.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { type Connection, connectionId, isLoopbackEndpoint, resolveCallTarget } from '../connection/connection';
import { listProfiles } from '../connection/profiles';
import { defaultIdentity } from '../claims/claims';
import { createSwfGateway, type SwfGateway } from '../swf/gateway';
import { AccountReadBudget, budgetKey, ReadBudgets } from '../swf/readBudget';
import { affectsSetting, readSetting } from './config';

export class Connections implements vscode.Disposable {
  private readonly gateways = new Map<string, Promise<SwfGateway>>();
  private sandbox: string | undefined;
  /** One history-read budget per account and region, shared by every gateway there. */
  private readonly budgets = new ReadBudgets(readSetting('historyReadsPerSecond'));
  private readonly changed = new vscode.EventEmitter<Connection | undefined>();
  /** Fires when a connection's gateway was dropped (its calls must start afresh), or with `undefined` for all. */
  readonly onDidReset = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSetting(e, 'pollTimeoutSeconds', 'requestTimeoutSeconds')) this.resetAll('a request timeout changed');
      if (affectsSetting(e, 'historyReadsPerSecond')) this.budgets.setRate(readSetting('historyReadsPerSecond'));
    });
  }

  /** The running sandbox's address, or undefined. */
  get sandboxEndpoint(): string | undefined {
    return this.sandbox;
  }

  /** Points the sandbox connection at a sandbox this extension started, or at none. */
  setSandboxEndpoint(endpoint: string | undefined): void {
    this.sandbox = endpoint;
    this.drop({ kind: 'sandbox' });
    this.changed.fire({ kind: 'sandbox' });
  }

  /** The gateway of `connection`, created (and the SDK loaded) on first use. A failed creation is not kept. */
  gateway(connection: Connection): Promise<SwfGateway> {
    const id = connectionId(connection);
    const existing = this.gateways.get(id);
    if (existing) return existing;
    const pending = (async () => {
      const target = resolveCallTarget(connection, this.sandbox);
      this.log.info(`Connecting: ${target.label}${target.endpoint ? ` (${target.endpoint})` : ''}`);
      await assertProfileExists(target.profile);
      // A peer on this machine (the sandbox, moto, LocalStack) has no account quota to share.
      const budgeted = !(target.endpoint && isLoopbackEndpoint(target.endpoint));
      const gateway = createSwfGateway(target, {
        pollTimeoutMs: readSetting('pollTimeoutSeconds') * 1000,
        requestTimeoutMs: readSetting('requestTimeoutSeconds') * 1000,
        historyBudget: budgeted
          ? new AccountReadBudget(this.budgets, target.region, budgetKey(target), () => gateway.then((g) => g.accountId()), (account) =>
              this.log.debug(account ? `Read budget of ${target.label}: shared by every connection to account ${account} in ${target.region}` : `Read budget of ${target.label}: account unknown (no domain ARN), kept per profile`),
            )
          : undefined,
      });
      return gateway;
    })();
    pending.catch(() => {
      if (this.gateways.get(id) === pending) this.gateways.delete(id);
    });
    this.gateways.set(id, pending);
    return pending;
  }

  /** The worker identity recorded when this extension claims a task. */
  identity(): string {
    return readSetting('identity').trim() || defaultIdentity(safeUserName(), os.hostname());
  }

  private drop(connection: Connection): void {
    const id = connectionId(connection);
    void this.gateways.get(id)?.then((g) => g.dispose(), () => undefined);
    this.gateways.delete(id);
  }

  private resetAll(reason: string): void {
    this.log.info(`Connections reset: ${reason}`);
    for (const pending of this.gateways.values()) void pending.then((g) => g.dispose(), () => undefined);
    this.gateways.clear();
    this.changed.fire(undefined);
  }

  dispose(): void {
    for (const pending of this.gateways.values()) void pending.then((g) => g.dispose(), () => undefined);
    this.gateways.clear();
    this.changed.dispose();
    this.subscription.dispose();
  }
}

/**
 * A named profile that is in neither config file would send the SDK down the
 * rest of its credential chain, which ends at the instance metadata service:
 * say so at once instead.
 */
async function assertProfileExists(profile: string): Promise<void> {
  if (!profile) return;
  const known = await listProfiles().catch(() => undefined);
  if (known && !known.some((p) => p.name === profile)) {
    throw Object.assign(new Error(`Profile ${profile} could not be found in ~/.aws/config or ~/.aws/credentials`), { name: 'CredentialsProviderError' });
  }
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
