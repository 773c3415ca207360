/**
 * What answering needs beyond SWF: the workspace's schemas and templates,
 * and the answer journal. Built once by registerCommands; the validator
 * bundle (dist/schemaValidator.js, Ajv) is required only when a schema is
 * first found.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { readSetting } from '../../model/config';
import { WorkspaceFiles } from '../../model/workspaceFiles';
import type { SchemaCompiler } from '../../answers/resultSchemas';
import { ResultSchemas } from '../../answers/resultSchemas';
import { AnswerJournal, describeText, type JournalEntry } from '../../answers/journal';

export interface AnswerServices {
  readonly files: WorkspaceFiles;
  readonly schemas: ResultSchemas;
  readonly journal: AnswerJournal;
  /** Appends to the journal; a failure to write is logged, never in the way of the answer. */
  record(entry: Omit<JournalEntry, 'time' | 'textLength' | 'textSha256' | 'text' | 'reason'>, text: string | undefined, reason?: string): Promise<void>;
}

export const JOURNAL_FILE = 'answer-journal.jsonl';

export function createAnswerServices(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel): AnswerServices {
  const files = new WorkspaceFiles();
  const loadCompiler = async (): Promise<SchemaCompiler> => {
    // A bundle of its own (scripts/esbuild.mjs makes this import a require of dist/schemaValidator.js), so only a schema loads Ajv.
    const validator = await import('../../schemaValidator');
    return validator.compileSchema;
  };
  const schemas = new ResultSchemas(files.schemaFiles, loadCompiler);
  const journal = new AnswerJournal(path.join(extension.globalStorageUri.fsPath, JOURNAL_FILE), () => readSetting('journalRetentionDays'));
  return {
    files,
    schemas,
    journal,
    async record(entry, text, reason) {
      const includeText = readSetting('journalIncludeText');
      try {
        await journal.append({ time: new Date().toISOString(), ...entry, ...describeText(text, includeText), ...(includeText && reason !== undefined ? { reason } : {}) });
      } catch (error) {
        log.warn(`Could not write the answer journal (${journal.file}): ${String(error)}`);
      }
    },
  };
}
