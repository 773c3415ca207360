/**
 * Save as Template: an answer's text, stored for its activity type in the
 * workspace (`.swf/templates/<type>@<version>/<name>.json`) so the team
 * shares it; Complete Task then offers it first. From the answer editor's
 * title bar, or from the message after a Complete. The input of Start
 * Workflow Execution is kept the same way for its workflow type
 * (`.swf/input-templates/<type>@<version>/`), offered by the next start.
 */
import * as vscode from 'vscode';
import { typeFileProblem } from '../../answers/fileNames';
import { exists, writeText } from '../../model/workspaceFiles';
import type { ActivityTypeRef } from '../../answers/resultSchemas';
import { checkTemplateName, type TemplateKind, templateFileName } from '../../answers/templates';
import type { CommandContext } from '../commandContext';
import type { AnswerEditors } from './answerEditors';
import type { AnswerServices } from './answerServices';
import { runInputBox, showNote } from './prompts';

/** The Save as Template command: the answer editor's text (its title bar), or says where to use it. */
export async function saveEditorAsTemplate(ctx: CommandContext, services: AnswerServices, editors: AnswerEditors, uri?: vscode.Uri): Promise<boolean> {
  const editor = editors.answerEditor(uri);
  if (!editor?.activityType) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Save as Template works in the answer editor of a claimed task (its activity type names the template folder).'));
    return false;
  }
  return saveAsTemplate(ctx, services, editor.activityType, editor.text, editor.templateKind);
}

/** Asks a name (validated as typed) and writes `text` as a template of `type`; asks before replacing one. True when written. */
export async function saveAsTemplate(ctx: CommandContext, services: AnswerServices, type: ActivityTypeRef, text: string, kind: TemplateKind = 'answer'): Promise<boolean> {
  if (text.trim() === '') {
    void vscode.window.showWarningMessage(vscode.l10n.t('The answer is empty: there is nothing to save as a template.'));
    return false;
  }
  const unnamed = typeFileProblem(type, 'template');
  if (unnamed !== undefined) {
    void vscode.window.showWarningMessage(unnamed);
    return false;
  }
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: templates are kept in the workspace (.swf/templates), to share them through git.'));
    return false;
  }
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Save as Template: {0} {1}', type.name, type.version);
  const prompt = kind === 'input' ? vscode.l10n.t('Name of the template (Start Workflow Execution offers it for this workflow type).') : vscode.l10n.t('Name of the template (Complete Task offers it for this activity type).');
  box.prompt = prompt;
  box.placeholder = vscode.l10n.t('approved');
  box.ignoreFocusOut = true;
  const name = await runInputBox(box, (typed, accepting) => {
    const problem = checkTemplateName(typed);
    // An empty name is not an error before Enter: the prompt says what is wanted.
    showNote(box, prompt, problem && (typed !== '' || accepting) ? { severity: 'error', text: problem } : undefined);
    return problem === undefined;
  });
  if (name === undefined) return false;
  const uri = services.files.templateUri(type, templateFileName(name, text), kind);
  if (!uri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The template "{0}" would not be inside the templates folder: it is not saved.', name.trim()));
    return false;
  }
  if (await exists(uri)) {
    const replace = vscode.l10n.t('Replace');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('A template named "{0}" exists for {1} {2}. Replace it?', name.trim(), type.name, type.version), { modal: true }, replace);
    if (choice !== replace) return false;
  }
  await writeText(uri, text);
  ctx.log.info(`Saved the template ${vscode.workspace.asRelativePath(uri)}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the template "{0}" ({1}).', name.trim(), vscode.workspace.asRelativePath(uri)));
  return true;
}
