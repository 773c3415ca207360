/**
 * The modules without `vscode` (src/swf, src/connection, ...) translate
 * through @vscode/l10n: give it VS Code's bundle. Every bundle of the
 * extension (dist/extension.js and those loaded later) holds its own copy of
 * @vscode/l10n, so each calls this when it is loaded.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export function shareL10nBundle(): void {
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
}
