/**
 * Confirmation of an action that cannot be taken back (Cancel Task, Request
 * Cancel Workflow, Terminate Workflow), as a quick pick whose first, active
 * entry is the safe one.
 *
 * Why not a modal `showWarningMessage`: its dialog focuses the first button
 * given, which is the action (VS Code adds its own "Cancel" last), so Enter
 * takes the destructive choice; and "Cancel" beside "Cancel Task" reads the
 * same (issue 21). Here Enter and Escape both keep things as they are, and the
 * action is an entry of its own, named with what it acts on and what it sends.
 */
import * as vscode from 'vscode';

export interface Confirmation {
  title: string;
  /** The question, shown as the pick's placeholder. */
  question: string;
  /** The safe choice: first, and the one Enter takes. */
  keep: string;
  /** The action, named with its target (`Terminate order-2001`). */
  act: string;
  /** What the action does, shown under it. */
  consequence: string;
}

/** True only when the person picked the action itself. */
export async function confirmAction(confirmation: Confirmation): Promise<boolean> {
  const items: (vscode.QuickPickItem & { act: boolean })[] = [
    { label: `$(arrow-left) ${confirmation.keep}`, act: false },
    { label: `$(warning) ${confirmation.act}`, detail: confirmation.consequence, act: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: confirmation.title, placeHolder: confirmation.question, ignoreFocusOut: true });
  return picked?.act === true;
}
