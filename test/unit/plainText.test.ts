/**
 * Messages are plain text. Notifications, input boxes' validation messages,
 * quick pick items, tree labels, the status bar and diagnostics show text as
 * it is, so a markdown code span (`aws sso login`) reaches the person with
 * its backticks. The rule: a message names commands, paths and settings in
 * double quotes ("aws sso login"); markdown sinks (tooltips) add text with
 * MarkdownString.appendText. Two checks: no translatable string in src/
 * holds a backtick, and what the rules and the error mapper say about a set
 * of bad inputs holds none either (that covers text built around t()).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { compileSchema } from '../../src/schemaValidator';
import { checkAgainst } from '../../src/answers/resultSchemas';
import { describeSwfError, errorMessage } from '../../src/swf/errors';
import { parseRegistryFile } from '../../src/validation/registryFile';
import { checkDuration, checkName, checkRetention, validateDomainRegistration } from '../../src/validation/registryValidation';
import { notSentMessage, validateCompletion, validateFailure, validateStart, validateTaskToken, validateTimeout, validateWorkflowId } from '../../src/validation/validation';

const SRC = path.resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `line: text` of each `t('...')` / `vscode.l10n.t('...')` message in `code` that holds a backtick. */
function markdownMessages(fileName: string, code: string): string[] {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isT = (ts.isIdentifier(callee) && callee.text === 't') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && callee.expression.getText(file).endsWith('l10n'));
      const first = node.arguments[0];
      if (isT && first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) && first.text.includes('`')) {
        found.push(`${file.getLineAndCharacterOfPosition(first.getStart()).line + 1}: ${first.text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function sdkError(name: string, message: string, status?: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, attempts: 1, totalRetryDelay: 0 } });
}

/** Every string anywhere in `value` (messages nested in results and problem lists). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('plain-text messages', () => {
  it('no translatable message in src/ holds a markdown backtick', () => {
    const found = sourceFiles(SRC).flatMap((file) => markdownMessages(file, fs.readFileSync(file, 'utf8')).map((hit) => `${path.relative(SRC, file)}:${hit}`));
    assert.deepEqual(found, [], `plain-text places show backticks as they are; quote names with "..." instead:\n${found.join('\n')}`);
  });

  it('the scan finds backticks in t() and vscode.l10n.t() and nothing else', () => {
    const code = [
      "t('Run `{0}` first', cmd);",
      'vscode.l10n.t(`Set \\`region\\``);',
      "t('Run \"{0}\" first', cmd);",
      'const doc = `a `;',
      "other('`x`');",
    ].join('\n');
    assert.deepEqual(markdownMessages('sample.ts', code), ['1: Run `{0}` first', '2: Set `region`']);
  });

  it('what the rules say about bad inputs holds no backtick', () => {
    const schema = compileSchema({ type: 'object', required: ['orderId', 'amount'], properties: { orderId: { type: 'string' }, amount: { type: 'number' }, items: { type: 'array', items: { type: 'string' } } }, additionalProperties: false });
    const schemaCheck = (text: string) => checkAgainst(schema, 'ChargeCard@1.result.json', text);
    const completion = validateCompletion({ taskToken: 'tok', result: '{"amount":"x","items":[1,2],"extra":1}' }, schemaCheck);
    const messages = [
      ...['', '{', "{'a':1}", '[1,]', '{"amount":"12"}', '{"orderId":1,"amount":"x","items":[1],"more":true}', '"text"'].map(schemaCheck),
      completion,
      !completion.ok ? notSentMessage(completion.problems) : undefined,
      validateFailure({ taskToken: 'tok', reason: 'x'.repeat(300), details: '\u0000' }),
      validateStart({ workflowId: '', typeName: 'a:b', typeVersion: ' ', taskList: 'arn', input: '\ud800', tags: ['1', '2', '3', '4', '5', '6'], executionTimeout: 'soon', taskTimeout: '-1' } as unknown as Parameters<typeof validateStart>[0]),
      validateTaskToken(''),
      validateWorkflowId('a\tb'),
      validateTimeout('three days', { allowNone: false }),
      checkName('Name', 'arn:x'),
      checkRetention('120'),
      checkDuration('Task timeout', 'soon'),
      validateDomainRegistration({ name: '', retentionDays: 'x' }),
      parseRegistryFile('{"types": [{"kind": "workflow"}]}'),
      parseRegistryFile('not json'),
    ];
    const errors = [
      sdkError('TokenProviderError', 'Token is expired. To refresh this SSO session run aws sso login with the corresponding profile.'),
      sdkError('ExpiredTokenException', 'The security token included in the request is expired', 400),
      sdkError('CredentialsProviderError', 'Could not load credentials from any providers'),
      sdkError('Error', 'Region is missing'),
      sdkError('ValidationException', 'Value at reason failed to satisfy constraint', 400),
    ].map((error) => errorMessage(describeSwfError(error, { profile: 'dev' })));
    const all = [...strings(messages), ...errors];
    assert.ok(all.length > 20, `expected many messages, got ${all.length}`);
    const marked = all.filter((message) => message.includes('`'));
    assert.deepEqual(marked, []);
  });
});
