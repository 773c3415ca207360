/**
 * The extension's connection to SWF as VS Code sees it: settings in,
 * a gateway out, the selected domain, and the claimed tasks.
 *
 * A changed setting drops the gateway (and with it every cached history), and
 * fires `onDidChange` so the tree refreshes.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { listProfiles, resolveRegion } from '../connection/profiles';
import { type ConnectionSettings, describeConnection } from '../connection/settings';
import { ClaimStore, defaultIdentity } from '../swf/claims';
import type { SwfErrorContext } from '../swf/errors';
import { createSwfGateway, type SwfGateway } from '../swf/gateway';
import { OpenTaskLister } from '../swf/taskLister';

export const CONFIG_SECTION = 'swfTasks';
const DOMAIN_KEY = 'swfTasks.domain';
const FILTER_KEY = 'swfTasks.filter';

export class SwfSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the connection or the domain changes. */
  readonly onDidChange = this.changed.event;
  readonly claims: ClaimStore;

  private gateway: Promise<SwfGateway> | undefined;
  /** The settings the current gateway was made with, to name them in error messages. */
  private lastSettings: ConnectionSettings | undefined;
  private lister: OpenTaskLister | undefined;
  /** The sandbox lives in this extension host: its endpoint and domain are never persisted. */
  private sandbox: { endpoint: string; domain: string | undefined } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.claims = new ClaimStore(context.secrets);
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(CONFIG_SECTION)) this.reset('settings changed');
      }),
    );
  }

  /** The selected domain: remembered per workspace, or the sandbox's while the sandbox is in use. */
  get domain(): string | undefined {
    if (this.sandbox) return this.sandbox.domain;
    return this.context.workspaceState.get<string>(DOMAIN_KEY) || undefined;
  }

  async setDomain(domain: string | undefined): Promise<void> {
    if (this.sandbox) this.sandbox.domain = domain;
    else await this.context.workspaceState.update(DOMAIN_KEY, domain);
    this.lister = undefined;
    await this.announce();
  }

  /** The text the tree is filtered by, remembered per workspace; empty for none. */
  get taskFilter(): string {
    return this.context.workspaceState.get<string>(FILTER_KEY, '');
  }

  async setTaskFilter(query: string): Promise<void> {
    await this.context.workspaceState.update(FILTER_KEY, query || undefined);
    await this.updateContextKeys();
  }

  /** Points the connection at a sandbox this extension runs, or back to the settings with `undefined`. */
  async useSandbox(sandbox: { endpoint: string; domain: string } | undefined): Promise<void> {
    this.sandbox = sandbox && { ...sandbox };
    this.reset(sandbox ? `using the local sandbox at ${sandbox.endpoint}` : 'left the local sandbox', false);
    await this.announce();
  }

  get usingSandbox(): boolean {
    return this.sandbox !== undefined;
  }

  /** Updates the context keys the menus and the welcome view read, then tells listeners. */
  private async announce(): Promise<void> {
    await this.updateContextKeys();
    this.changed.fire();
  }

  async settings(): Promise<ConnectionSettings> {
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    if (this.sandbox) {
      return { profile: '', region: 'us-east-1', regionSource: 'default', endpoint: this.sandbox.endpoint, sandbox: true };
    }
    const profile = config.get<string>('profile', '').trim();
    const region = await resolveRegion(config.get<string>('region', ''), profile);
    return { profile, ...region, endpoint: config.get<string>('endpoint', '').trim(), sandbox: false };
  }

  async describe(): Promise<string> {
    return describeConnection(await this.settings());
  }

  identity(): string {
    const configured = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>('identity', '').trim();
    return configured || defaultIdentity(safeUserName(), os.hostname());
  }

  /** The gateway for the current settings, created (and the SDK loaded) on first use. */
  getGateway(): Promise<SwfGateway> {
    if (!this.gateway) {
      const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
      const pollTimeoutMs = config.get<number>('pollTimeoutSeconds', 75) * 1000;
      const pending = this.settings().then(async (settings) => {
        this.lastSettings = settings;
        this.log.info(`Connecting: ${describeConnection(settings)}${settings.endpoint ? ` (${settings.endpoint})` : ''}`);
        await assertProfileExists(settings.profile);
        return createSwfGateway(settings, { pollTimeoutMs });
      });
      // A failed creation must not stick: the next call tries again.
      pending.catch(() => {
        if (this.gateway === pending) this.gateway = undefined;
      });
      this.gateway = pending;
    }
    return this.gateway;
  }

  /** The context keys the menus and the welcome view read. */
  async updateContextKeys(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'swfTasks.domainSelected', Boolean(this.domain));
    await vscode.commands.executeCommand('setContext', 'swfTasks.filtered', this.taskFilter !== '');
  }

  /** What error messages should name: the domain and the connection in use. */
  errorContext(operation?: string): SwfErrorContext {
    const settings = this.lastSettings;
    return {
      operation,
      domain: this.domain,
      profile: settings?.profile || undefined,
      region: settings?.region,
      endpoint: settings?.endpoint || undefined,
    };
  }

  /** The lister of the selected domain; it keeps folded histories between refreshes. */
  async getLister(): Promise<OpenTaskLister | undefined> {
    const domain = this.domain;
    if (!domain) return undefined;
    if (!this.lister || this.lister.domain !== domain) {
      const maxExecutions = vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>('maxExecutions', 500);
      this.lister = new OpenTaskLister(await this.getGateway(), domain, { maxExecutions });
    }
    return this.lister;
  }

  private reset(reason: string, notify = true): void {
    this.log.info(`Connection reset: ${reason}`);
    void this.gateway?.then((g) => g.dispose(), () => undefined);
    this.gateway = undefined;
    this.lister = undefined;
    if (notify) this.changed.fire();
  }

  dispose(): void {
    void this.gateway?.then((g) => g.dispose(), () => undefined);
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
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
