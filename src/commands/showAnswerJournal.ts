/**
 * Show Answer Journal: the journal (one JSON line per answer and workflow
 * action on disk) shown as a read-only JSON document, an array of entries
 * newest first, each indented over several lines (a raw line runs far past
 * the editor's width), optionally only the entries that contain some text (an
 * activity type, a workflow ID, a person's identity). Torn lines are skipped
 * and said so.
 */
import * as vscode from 'vscode';
import type { AnswerServices } from './answer/answerServices';

export const JOURNAL_SCHEME = 'swf-journal';

/** Serves `swf-journal:/answer-journal.json?filter=...` documents. */
export function registerJournalDocuments(services: AnswerServices): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(JOURNAL_SCHEME, {
    async provideTextDocumentContent(uri) {
      const { entries } = await services.journal.read();
      const filter = (new URLSearchParams(uri.query).get('filter') ?? '').toLowerCase();
      const shown = entries.filter((entry) => filter === '' || JSON.stringify(entry).toLowerCase().includes(filter));
      return JSON.stringify(shown.reverse(), undefined, 2) + '\n';
    },
  });
}

export async function showAnswerJournal(services: AnswerServices, filter?: string): Promise<vscode.TextDocument | undefined> {
  await services.journal.prune();
  const { entries, skipped } = await services.journal.read();
  if (skipped.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The answer journal has {0} unreadable line(s) (line {1}), probably cut short by a crash: they are skipped.', skipped.length, skipped.join(', ')));
  }
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The answer journal is empty: answers and workflow actions sent from here are recorded in it.'));
    return undefined;
  }
  let text = filter;
  if (text === undefined) {
    text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Show Answer Journal'),
      prompt: vscode.l10n.t('Only lines that contain (an activity type, workflow ID, identity, outcome…); empty shows all {0}.', entries.length),
      ignoreFocusOut: true,
    });
    if (text === undefined) return undefined;
  }
  // A new query each time: the document shows the journal as it is now, not as first read.
  const query = new URLSearchParams({ filter: text.trim(), at: String(Date.now()) }).toString();
  const uri = vscode.Uri.from({ scheme: JOURNAL_SCHEME, path: '/answer-journal.json', query });
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'json') doc = await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}
