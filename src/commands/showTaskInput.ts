/** Opens a claimed task's input in a read-only-style untitled editor, as JSON when it parses. */
import * as vscode from 'vscode';
import type { ClaimedTask } from '../claims/claims';
import { prettyInput } from '../tree/format';

export async function showTaskInput(claim: Pick<ClaimedTask, 'input' | 'activityId'>): Promise<void> {
  const { text, language } = prettyInput(claim.input ?? '');
  const doc = await vscode.workspace.openTextDocument({ content: text || vscode.l10n.t('(this task has no input)'), language: language === 'json' ? 'json' : 'plaintext' });
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
