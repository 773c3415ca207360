/**
 * Long or multi-line answers are written in an editor: an untitled document
 * (JSON when the text parses as JSON, or when the activity type has a
 * schema) with "Submit to SWF" and "Save as Template" in its title bar.
 * Closing the editor without submitting cancels, and keeps the text as a
 * draft.
 *
 * The document's path ends in a name after the task, which its tab shows.
 * With a schema, that path is what the JSON language service maps to the
 * schema (schemaLinks.ts): completion, hover and problems as the person
 * types; Submit refuses text that violates it and keeps the editor open.
 */
import * as vscode from 'vscode';
import { ContextKeys } from '../../ids';
import type { ActivityTypeRef, SchemaCheck } from '../../answers/resultSchemas';
import type { TemplateKind } from '../../answers/templates';
import { type OptionalTextField, validateOptionalText, withSchema } from '../../validation/validation';
import { answerDocumentPath, linkSchema, unlinkSchema } from './schemaLinks';

/** What an answer editor knows beyond its text. */
export interface EditorOptions {
  /** The field's schema: the editor is JSON, linked to it, and Submit checks it. */
  schema?: SchemaCheck;
  /** The task's activity type (or the started workflow's type, with `templateKind` `input`), for Save as Template. */
  activityType?: ActivityTypeRef;
  /** What Save as Template stores: an activity type's answer (the default) or a workflow type's input. */
  templateKind?: TemplateKind;
  /** The tab's name, after the task (`Complete charge-order-1005`); "answer" when not given. */
  name?: string;
}

interface Pending extends EditorOptions {
  field: OptionalTextField;
  resolve: (text: string | undefined) => void;
  remember?: (text: string) => void;
  /** The `json.schemas` entry made for this editor. */
  linkedPath?: string;
  /** The status bar's "edit, then Submit" hint: it goes with the editor, not 10 s later. */
  hint?: vscode.Disposable;
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
  async edit(field: Pending['field'], title: string, initial: string, remember?: (text: string) => void, options: EditorOptions = {}): Promise<string | undefined> {
    const { doc, linkedPath } = await openDocument(initial, options.schema, options.name ?? vscode.l10n.t('answer'));
    const key = doc.uri.toString();
    const result = new Promise<string | undefined>((resolve) => this.pending.set(key, { ...options, field, resolve, remember, linkedPath }));
    await this.updateContext();
    await vscode.window.showTextDocument(doc, { preview: false });
    const entry = this.pending.get(key);
    const hint = vscode.window.setStatusBarMessage(vscode.l10n.t('{0}: edit, then use "Submit to SWF" in the editor\'s title bar.', title), 10_000);
    if (entry) entry.hint = hint;
    else hint.dispose();
    return result;
  }

  /** The answer editor of `uri` (or the active editor): its text and activity type; `undefined` when it is not one. */
  answerEditor(uri?: vscode.Uri): { text: string; activityType?: ActivityTypeRef; templateKind?: TemplateKind } | undefined {
    const key = (uri ?? vscode.window.activeTextEditor?.document.uri)?.toString();
    const entry = key ? this.pending.get(key) : undefined;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    return entry && doc ? { text: doc.getText(), activityType: entry.activityType, templateKind: entry.templateKind } : undefined;
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
    const check = withSchema(entry.field, validateOptionalText(entry.field, text), text, entry.schema?.check);
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
    entry.hint?.dispose();
    if (entry.linkedPath) void unlinkSchema(entry.linkedPath).catch(() => undefined);
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

/**
 * An untitled document holding `initial`, at a path whose last segment is
 * `name`, so its tab names the task. With a schema the name ends in `.json`
 * and the path is linked to the schema (JSON whatever the text).
 */
async function openDocument(initial: string, schema: SchemaCheck | undefined, name: string): Promise<{ doc: vscode.TextDocument; linkedPath?: string }> {
  const path = answerDocumentPath(schema ? `${name}.json` : name);
  if (schema) {
    // Linked first, so the language service validates the text against the schema from the start.
    await linkSchema(path, schema.location);
  }
  let doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path }));
  const language = schema || looksLikeJson(initial) ? 'json' : 'plaintext';
  if (doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  if (initial !== '') {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), initial);
    await vscode.workspace.applyEdit(edit);
  }
  return { doc, linkedPath: schema ? path : undefined };
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
