/**
 * Start / Stop Local Sandbox: runs the embedded SWF endpoint inside the
 * extension host, seeds the sample domain and points the view at it. The
 * newcomer's path: no AWS account needed.
 */
import * as vscode from 'vscode';
import type { SwfSandbox } from '../sandbox';
import type { CommandContext } from './commandContext';

let running: { sandbox: SwfSandbox; endpoint: string } | undefined;

export async function startSandbox(ctx: CommandContext): Promise<string> {
  if (running) {
    void vscode.window.showInformationMessage(`The local SWF sandbox is already running at ${running.endpoint}.`);
    return running.endpoint;
  }
  const endpoint = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Starting the local SWF sandbox…' }, async () => {
    // Loaded on demand: most sessions never start it.
    const { SwfSandbox, seedSampleDomain, SAMPLE_DOMAIN } = await import('../sandbox');
    const sandbox = new SwfSandbox({ port: 0 });
    const { endpoint } = await sandbox.start();
    try {
      await seedSampleDomain(sandbox);
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
    running = { sandbox, endpoint };
    await vscode.commands.executeCommand('setContext', 'swfTasks.sandboxRunning', true);
    await ctx.session.useSandbox({ endpoint, domain: SAMPLE_DOMAIN });
    return endpoint;
  });
  ctx.log.info(`Local SWF sandbox listening on ${endpoint}; domain ${ctx.session.domain} seeded with sample workflows.`);
  await vscode.commands.executeCommand('swfTasks.focus');
  void vscode.window.showInformationMessage(`Local SWF sandbox running at ${endpoint} with the sample domain "${ctx.session.domain}".`);
  return endpoint;
}

export async function stopSandbox(ctx: CommandContext): Promise<void> {
  if (!running) {
    void vscode.window.showInformationMessage('The local SWF sandbox is not running.');
    return;
  }
  const { sandbox } = running;
  running = undefined;
  await sandbox.stop();
  await vscode.commands.executeCommand('setContext', 'swfTasks.sandboxRunning', false);
  await ctx.session.useSandbox(undefined);
  ctx.log.info('Local SWF sandbox stopped.');
}

/** Called on deactivation: the sandbox lives in the extension host and must not outlive it. */
export async function disposeSandbox(): Promise<void> {
  const current = running;
  running = undefined;
  await current?.sandbox.stop();
}
