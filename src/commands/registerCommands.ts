/**
 * Every contributed command, registered in one place through the shared
 * error handling. The table of handlers (handlers.ts) is typed by command id,
 * so a command declared in src/ids.ts cannot be left unregistered (and
 * test/unit/ids.test.ts checks the manifest contributes each one).
 *
 * Activation registers every id here, and nothing more: the handlers live in
 * a bundle of their own (dist/commands.js), loaded by the first command run.
 */
import * as vscode from 'vscode';
import { type CommandId, Commands } from '../ids';
import type { ExecutionTarget } from '../inbox/taskGroups';
import type { CommandContext } from './commandContext';
import type { CommandHandlers } from './handlers';
import type { ExecutionPanelOpener } from './openExecution';
import { registerCommand } from './registerCommand';

/** The handlers' bundle, once a command asked for it. */
let loaded: Promise<typeof import('./handlers')> | undefined;

export function registerCommands(ctx: CommandContext, executionPanels: ExecutionPanelOpener): vscode.Disposable[] {
  let made: Promise<CommandHandlers> | undefined;
  const handlers = (): Promise<CommandHandlers> => (made ??= (loaded ??= import('./handlers')).then((m) => m.createHandlers(ctx, executionPanels)));
  const ids = Object.values(Commands) as CommandId[];
  return [
    { dispose: () => void made?.then((h) => h.dispose(), () => undefined) },
    ...ids.map((id) => registerCommand(ctx, id, async (c, ...args) => (await handlers()).handlers[id](c, ...args))),
  ];
}

/** On deactivation: stops the sandbox if a command started it (it lives in this extension host). */
export async function disposeCommands(): Promise<void> {
  if (loaded) await (await loaded).disposeSandbox();
}

const ACTION_COMMANDS = {
  signal: Commands.signalWorkflow,
  requestCancel: Commands.requestCancelWorkflow,
  terminate: Commands.terminateWorkflow,
  rerun: Commands.rerunExecution,
} as const;

/**
 * The execution panel's Signal, Request Cancel, Terminate and Re-run buttons: the
 * same commands as the row menu and the palette, given the panel's
 * execution, so they ask nothing about which one.
 */
export async function runWorkflowAction(action: keyof typeof ACTION_COMMANDS, target: ExecutionTarget): Promise<void> {
  await vscode.commands.executeCommand(ACTION_COMMANDS[action], target);
}
