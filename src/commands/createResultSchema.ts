/**
 * Create Result Schema (a task row's menu): writes a starting schema for the
 * result of the row's activity type and version, inferred from an example
 * result pasted in, or from the task's input, into the schemas folder
 * (`.swf/schemas/<type>@<version>.result.json`), and opens it. An existing
 * schema is opened, never overwritten.
 */
import * as vscode from 'vscode';
import { exists, writeText } from '../model/workspaceFiles';
import { parseJson, schemaFileName } from '../answers/resultSchemas';
import { inferSchemaDocument } from '../answers/schemaInference';
import { isTaskRow } from '../inbox/taskGroups';
import type { AnswerServices } from './answer/answerServices';
import { runInputBox } from './answer/prompts';
import type { CommandContext } from './commandContext';

export async function createResultSchema(ctx: CommandContext, services: AnswerServices, arg: unknown): Promise<vscode.Uri | undefined> {
  if (!isTaskRow(arg)) return undefined; // only a task row carries it (hidden from the palette)
  const { activityType: type, input } = arg.task;
  const fileName = schemaFileName(type, 'result');
  const uri = services.files.schemaUri(fileName);
  if (!uri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: result schemas are kept in the workspace ({0}), to share them through git.', fileName));
    return undefined;
  }
  if (await exists(uri)) {
    await vscode.window.showTextDocument(uri);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already has a result schema: opened it.', `${type.name} ${type.version}`));
    return uri;
  }
  const example = await pickExample(type, input);
  if (example === undefined) return undefined;
  await writeText(uri, `${JSON.stringify(inferSchemaDocument(example, type, 'result'), null, 2)}\n`);
  ctx.log.info(`Wrote the result schema ${vscode.workspace.asRelativePath(uri)}`);
  await vscode.window.showTextDocument(uri);
  void vscode.window.showInformationMessage(vscode.l10n.t('Wrote {0}: a starting point inferred from one example. Edit it to say what the decider needs.', vscode.workspace.asRelativePath(uri)));
  return uri;
}

/** The example to infer from: a result pasted in (checked as typed), or the task's input when it is JSON. */
async function pickExample(type: { name: string; version: string }, input: string | undefined): Promise<unknown> {
  const parsedInput = input === undefined ? undefined : parseJson(input);
  type Item = vscode.QuickPickItem & { source: 'example' | 'input' };
  const items: Item[] = [
    { label: vscode.l10n.t('From an example result…'), description: vscode.l10n.t('paste a result the decider accepts'), source: 'example' },
    ...(parsedInput?.ok ? [{ label: vscode.l10n.t("From the task's input"), description: oneLine(input ?? ''), source: 'input' as const }] : []),
  ];
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Create Result Schema: {0} {1}', type.name, type.version), placeHolder: vscode.l10n.t('Infer the schema from') });
  if (!picked) return undefined;
  if (picked.source === 'input' && parsedInput?.ok) return parsedInput.value;
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Create Result Schema: {0} {1}', type.name, type.version);
  box.prompt = vscode.l10n.t('An example result, as JSON.');
  box.placeholder = vscode.l10n.t('{"approved": true, "amount": 12.5}');
  box.ignoreFocusOut = true;
  let value: unknown;
  const text = await runInputBox(box, (typed, accepting) => {
    const parsed = parseJson(typed);
    if (!parsed.ok) {
      box.validationMessage = typed.trim() === '' && !accepting ? undefined : { message: parsed.message, severity: vscode.InputBoxValidationSeverity.Error };
      return false;
    }
    box.validationMessage = undefined;
    value = parsed.value;
    return true;
  });
  return text === undefined ? undefined : value;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
