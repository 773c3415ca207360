/**
 * Start / Stop Local Sandbox: runs the embedded SWF endpoint inside the
 * extension host, seeds the sample domain and watches it as a root like any
 * other (the newcomer's path: no AWS account needed). Stopping leaves the
 * root in place, showing that the sandbox is not running.
 */
import * as vscode from 'vscode';
import { SANDBOX } from '../connection/connection';
import { ContextKeys, Views } from '../ids';
import type { SwfSandbox } from '../sandbox';
import type { CommandContext } from './commandContext';

let running: { sandbox: SwfSandbox; endpoint: string } | undefined;

export async function startSandbox(ctx: CommandContext): Promise<string> {
  if (running) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The local SWF sandbox is already running at {0}.', running.endpoint));
    return running.endpoint;
  }
  const { endpoint, domain } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the local SWF sandbox…') }, async () => {
    // Loaded on demand: most sessions never start it.
    const { SwfSandbox, seedSampleDomain, SAMPLE_DOMAIN } = await import('../sandbox');
    const sandbox = new SwfSandbox({ port: 0 });
    const started = await sandbox.start();
    try {
      await seedSampleDomain(sandbox);
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
    running = { sandbox, endpoint: started.endpoint };
    await vscode.commands.executeCommand('setContext', ContextKeys.sandboxRunning, true);
    ctx.connections.setSandboxEndpoint(started.endpoint);
    await ctx.roots.add({ connection: SANDBOX, domain: SAMPLE_DOMAIN });
    return { endpoint: started.endpoint, domain: SAMPLE_DOMAIN };
  });
  ctx.log.info(`Local SWF sandbox listening on ${endpoint}; domain ${domain} seeded with sample workflows.`);
  await vscode.commands.executeCommand(`${Views.tasks}.focus`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Local SWF sandbox running at {0} with the sample domain "{1}".', endpoint, domain));
  return endpoint;
}

export async function stopSandbox(ctx: CommandContext): Promise<void> {
  if (!running) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The local SWF sandbox is not running.'));
    return;
  }
  const { sandbox } = running;
  running = undefined;
  await sandbox.stop();
  await vscode.commands.executeCommand('setContext', ContextKeys.sandboxRunning, false);
  ctx.connections.setSandboxEndpoint(undefined);
  ctx.log.info('Local SWF sandbox stopped.');
}

/** Called on deactivation: the sandbox lives in the extension host and must not outlive it. */
export async function disposeSandbox(): Promise<void> {
  const current = running;
  running = undefined;
  await current?.sandbox.stop();
}
