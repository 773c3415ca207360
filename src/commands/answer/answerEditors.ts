/**
 * Long or multi-line answers are written in an editor: an untitled document
 * (JSON when the text parses as JSON) with a "Submit to SWF" button in its
 * title bar. Closing the editor without submitting cancels, and keeps the text
 * as a draft.
 */
import * as vscode from 'vscode';
import { ContextKeys } from '../../ids';
import { type OptionalTextField, validateOptionalText } from '../../swf/validation';

interface Pending {
  field: OptionalTextField;
  resolve: (text: string | undefined) => void;
  remember?: (text: string) => void;
}

export class AnswerEditors implements vscode.Disposable {
  private readonly pending = new Map<string, Pending>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    // A closed editor cancels, but what was written in it is kept as the draft.
    this.subscription = vscode.workspace.onDidCloseTextDocument((doc) => {
      this.pending.get(doc.uri.toString())?.remember?.(doc.getText());
      this.settle(doc.uri.toString(), undefined);
    });
  }

  /** Opens `initial` in an editor; resolves with the submitted text, or `undefined` when the editor is closed. */
  async edit(field: Pending['field'], title: string, initial: string, remember?: (text: string) => void): Promise<string | undefined> {
    const doc = await vscode.workspace.openTextDocument({ content: initial, language: looksLikeJson(initial) ? 'json' : 'plaintext' });
    const key = doc.uri.toString();
    const result = new Promise<string | undefined>((resolve) => this.pending.set(key, { field, resolve, remember }));
    await this.updateContext();
    await vscode.window.showTextDocument(doc, { preview: false });
    void vscode.window.setStatusBarMessage(vscode.l10n.t('{0}: edit, then use "Submit to SWF" in the editor\'s title bar.', title), 10_000);
    return result;
  }

  /** The editor's "Submit to SWF" button. Invalid text keeps the editor open and says why. */
  async submit(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    const key = target?.toString();
    const entry = key ? this.pending.get(key) : undefined;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!key || !entry || !doc) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This editor is not waiting for an SWF answer.'));
      return;
    }
    const text = doc.getText();
    const check = validateOptionalText(entry.field, text);
    if (!check.ok) {
      void vscode.window.showErrorMessage(check.message);
      return;
    }
    entry.remember?.(text);
    this.settle(key, text);
    // The text now lives in the draft; close without the "save?" prompt.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }

  private settle(key: string, text: string | undefined): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    void this.updateContext();
    entry.resolve(text);
  }

  private updateContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', ContextKeys.answerEditors, [...this.pending.keys()]);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.settle(key, undefined);
    this.subscription.dispose();
  }
}

export function looksLikeJson(text: string): boolean {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}
