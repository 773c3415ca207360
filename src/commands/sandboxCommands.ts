/**
 * Start / Stop Local Sandbox: runs the embedded SWF endpoint inside the
 * extension host, seeds the sample domain and watches it as a root like any
 * other (the newcomer's path: no AWS account needed), with the samples'
 * decider running so answered tasks lead on. Stopping leaves the root in
 * place, showing that the sandbox is not running.
 */
import * as vscode from 'vscode';
import { SANDBOX } from '../connection/connection';
import { ContextKeys, Views } from '../ids';
import type { SwfSandbox } from '../sandbox';
import type { CommandContext } from './commandContext';

let running: { sandbox: SwfSandbox; endpoint: string } | undefined;

/**
 * The command's optional argument. From a menu or a row the argument is a
 * tree node, which has no such member: the decider runs. Tests whose own
 * decider acts on the sample domain pass `{ sampleDecider: false }`.
 */
function wantsDecider(arg: unknown): boolean {
  return !(typeof arg === 'object' && arg !== null && (arg as { sampleDecider?: unknown }).sampleDecider === false);
}

export async function startSandbox(ctx: CommandContext, arg?: unknown): Promise<string> {
  if (running) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The local SWF sandbox is already running at {0}.', running.endpoint));
    return running.endpoint;
  }
  const { endpoint, domain } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the local SWF sandbox…') }, async () => {
    // Loaded on demand: most sessions never start it.
    const { SwfSandbox, seedSampleDomain, startSampleDecider, SAMPLE_DOMAIN } = await import('../sandbox');
    const sandbox = new SwfSandbox({ port: 0 });
    const started = await sandbox.start();
    try {
      await seedSampleDomain(sandbox);
      // After the seed (which decides for itself): the samples move on when a task is answered. Stops with the sandbox.
      if (wantsDecider(arg)) {
        startSampleDecider(sandbox, {
          onError: (error) => ctx.log.warn(`The sample decider's call failed; it tries again: ${error instanceof Error ? error.message : String(error)}`),
          onDecided: (workflowId, decisions) => ctx.log.debug(`Sample decider: ${workflowId}: ${decisions.map((d) => d.decisionType).join(', ') || 'no decision'}`),
        });
      }
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
    // Claims on the sandbox connection now were all made on an earlier sandbox (none ran until now): gone for good.
    for (const claim of await ctx.claims.on(SANDBOX)) {
      ctx.log.info(`Claimed task ${claim.activityId} of ${claim.workflowId} was made on an earlier local sandbox, which is gone; forgot its token.`);
      await ctx.claims.remove(claim.taskToken);
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
