/**
 * Every user-facing string is localisable: files that import `vscode` use
 * `vscode.l10n.t(...)`, the others `t(...)` from '@vscode/l10n'. This scan
 * catches the usual slip, an English literal written straight into a
 * notification (its message, buttons or detail) or into the title, prompt or
 * placeholder of a quick pick or input box. The sandbox is left out: it
 * imitates the SWF service, whose messages are English.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');
const NOT_SCANNED = [path.join(SRC, 'sandbox')];

const NOTIFICATIONS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
/** Properties of quick picks and input boxes (and their option objects) that a person reads. */
const INPUT_TEXTS = new Set(['title', 'prompt', 'placeHolder', 'placeholder']);

function sourceFiles(dir: string): string[] {
  if (NOT_SCANNED.includes(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The values an expression may take: both sides of `a ? b : c`, `a ?? b`, `a || b`. */
function possibleValues(node: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(node)) return possibleValues(node.expression);
  if (ts.isConditionalExpression(node)) return [...possibleValues(node.whenTrue), ...possibleValues(node.whenFalse)];
  const alternatives = [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken];
  if (ts.isBinaryExpression(node) && alternatives.includes(node.operatorToken.kind)) return [...possibleValues(node.left), ...possibleValues(node.right)];
  return [node];
}

/** A string or template literal whose own text has letters (codicons such as `$(key)` aside): words nobody can translate. */
function isEnglishLiteral(node: ts.Expression): boolean {
  let text: string;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
  else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  else return false;
  return /[A-Za-z]/.test(text.replace(/\$\([\w-]+\)/g, ''));
}

function nameOf(node: ts.Node): string | undefined {
  return ts.isIdentifier(node) || ts.isStringLiteral(node) ? node.text : undefined;
}

/** `line: code` for each untranslated text in one file's source. */
function untranslatedTexts(fileName: string, code: string): string[] {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const importsVscode = /^import .* from 'vscode';$/m.test(code);
  const found: string[] = [];
  const check = (value: ts.Expression): void => {
    for (const leaf of possibleValues(value)) {
      if (isEnglishLiteral(leaf)) found.push(`${file.getLineAndCharacterOfPosition(leaf.getStart()).line + 1}: ${leaf.getText()}`);
    }
  };
  const visit = (node: ts.Node): void => {
    // vscode.window.showWarningMessage(message, { detail }, ...buttons)
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && NOTIFICATIONS.has(node.expression.name.text)) {
      for (const arg of node.arguments) {
        if (!ts.isObjectLiteralExpression(arg)) check(arg);
        else for (const prop of arg.properties) if (ts.isPropertyAssignment(prop) && nameOf(prop.name) === 'detail') check(prop.initializer);
      }
    }
    if (importsVscode) {
      // { title: ..., placeHolder: ... } and box.prompt = ...
      if (ts.isPropertyAssignment(node) && INPUT_TEXTS.has(nameOf(node.name) ?? '')) check(node.initializer);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && INPUT_TEXTS.has(node.left.name.text)) {
        check(node.right);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('l10n: user-facing texts go through t()', () => {
  it('finds no English literal in a notification or a quick input title, prompt or placeholder (src/ except the sandbox)', () => {
    const found = sourceFiles(SRC).flatMap((file) => untranslatedTexts(file, fs.readFileSync(file, 'utf8')).map((hit) => `${path.relative(ROOT, file)}:${hit}`));
    assert.deepEqual(found, [], `wrap these in vscode.l10n.t(...) (or t(...) from '@vscode/l10n' where vscode cannot be imported):\n${found.join('\n')}`);
  });

  it('reports literals, and accepts t() calls, variables and codicons', () => {
    const bad = [
      "import * as vscode from 'vscode';",
      "void vscode.window.showWarningMessage('Domain gone.');",
      "void vscode.window.showErrorMessage(vscode.l10n.t('Failed.'), 'Retry');",
      "void vscode.window.showWarningMessage(message, { modal: true, detail: `Kept for ${days} days.` });",
      "box.placeholder = 'Type a name';",
      "await vscode.window.showInputBox({ title: `Add ${name}`, prompt: known ? 'Pick one' : vscode.l10n.t('Type one') });",
    ].join('\n');
    assert.deepEqual(untranslatedTexts('bad.ts', bad), [
      "2: 'Domain gone.'",
      "3: 'Retry'",
      '4: `Kept for ${days} days.`',
      "5: 'Type a name'",
      '6: `Add ${name}`',
      "6: 'Pick one'",
    ]);

    const good = [
      "import * as vscode from 'vscode';",
      "const retry = vscode.l10n.t('Retry');",
      "void vscode.window.showErrorMessage(vscode.l10n.t('Failed: {0}', reason), retry);",
      "await vscode.window.showQuickPick(items, { title: vscode.l10n.t('{0}: region', title), placeHolder: EXAMPLE_ENDPOINT });",
      "box.title = `$(key) ${vscode.l10n.t('Token')}`;",
      "box.prompt = `${why} ${vscode.l10n.t('Cancel anyway?')}`;",
    ].join('\n');
    assert.deepEqual(untranslatedTexts('good.ts', good), []);
  });
});
