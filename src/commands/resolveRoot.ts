/**
 * Where a command acts: the root (a domain on a connection) of the node it
 * was given, as VS Code's git extension resolves the repository of its
 * argument. From the Command Palette (no node): the only root, or a pick.
 */
import * as vscode from 'vscode';
import { connectionLabel, type RootSpec } from '../connection/connection';
import { Commands } from '../ids';
import type { RootModel } from '../model/rootModel';
import type { CommandContext } from './commandContext';

/** The domain and connection a node names: its root's, or a task's own (a claim no root watches). */
export function scopeOfNode(ctx: CommandContext, node: unknown): RootSpec | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const n = node as { kind?: unknown; rootId?: unknown; root?: RootSpec };
  if ((n.kind === 'task' || n.kind === 'taskList') && n.root) return n.root;
  if (typeof n.rootId === 'string') return ctx.roots.get(n.rootId)?.spec;
  return undefined;
}

/** The watched root of a node, or (no node) the only root or the one the person picks. */
export async function resolveRoot(ctx: CommandContext, node: unknown, title: string): Promise<RootModel | undefined> {
  const scope = scopeOfNode(ctx, node);
  if (scope) return ctx.roots.find(scope);
  return pickRoot(ctx, title);
}

export async function pickRoot(ctx: CommandContext, title: string): Promise<RootModel | undefined> {
  const roots = ctx.roots.roots;
  if (roots.length === 1) return roots[0];
  if (roots.length === 0) {
    const add = vscode.l10n.t('Add Domain');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('No SWF domain is watched yet.'), add);
    if (choice === add) await vscode.commands.executeCommand(Commands.addRoot);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    roots.map((model) => ({ label: model.spec.domain, description: connectionLabel(model.spec.connection), model })),
    { title, placeHolder: vscode.l10n.t('Which domain?'), matchOnDescription: true },
  );
  return picked?.model;
}
