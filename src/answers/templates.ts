/**
 * Answer templates: results a team sends again and again, kept per activity
 * type in the workspace (`.swf/templates/<type>@<version>/<name>.json`), so
 * they are shared through git like the schemas.
 *
 * A template may hold placeholders filled from the task's input JSON:
 * `${input.orderId}`, `${input.customer.name}`, `${input.items[0].sku}`, or
 * `${input}` for the whole input. How a value is written:
 * - a placeholder that is a whole JSON string (`"${input.amount}"`) becomes
 *   the value as JSON: a number stays a number, an object an object;
 * - elsewhere a string is inserted as its text (escaped for JSON when the
 *   template is JSON), any other value as its JSON text.
 * A placeholder whose value the input lacks is left as written and named in
 * `missing`, so the person sees what to fill in by hand.
 *
 * No `vscode` import.
 */
import { t } from '@vscode/l10n';
import type { ActivityTypeRef } from './resultSchemas';

export const TEMPLATES_FOLDER = '.swf/templates';
/**
 * Inputs of Start Workflow Execution, per workflow type: a folder of their
 * own, so a workflow type and an activity type of the same name and version
 * never share templates.
 */
export const INPUT_TEMPLATES_FOLDER = '.swf/input-templates';

/** An activity type's answers, or a workflow type's inputs. */
export type TemplateKind = 'answer' | 'input';

export function templatesFolder(kind: TemplateKind): string {
  return kind === 'input' ? INPUT_TEMPLATES_FOLDER : TEMPLATES_FOLDER;
}

/** The folder of one type's templates, below its kind's folder. */
export function templateDirName(type: ActivityTypeRef): string {
  return `${type.name}@${type.version}`;
}

/** `approved.json` for JSON text, `approved.txt` for anything else. */
export function templateFileName(name: string, text: string): string {
  return `${name.trim()}.${looksLikeJson(text) ? 'json' : 'txt'}`;
}

/** A template's name is its file name: letters, digits, spaces, `.`, `-`, `_`; `undefined` when fine. */
export function checkTemplateName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return t('Name the template (it becomes its file name).');
  if (trimmed.length > 100) return t('A template name has at most 100 characters.');
  if (!/^[\p{L}\p{N} ._-]+$/u.test(trimmed) || trimmed.startsWith('.')) return t('Use letters, digits, spaces, ".", "-" or "_" only (the name becomes a file name).');
  return undefined;
}

/** The template's name as shown: its file name without the extension. */
export function templateName(fileName: string): string {
  return fileName.replace(/\.(json|txt)$/, '');
}

export interface FilledTemplate {
  text: string;
  /** The placeholders (`input.orderId`) the task input did not provide, once each, in order. */
  missing: string[];
}

const PLACEHOLDER = /("?)\$\{input((?:\.[A-Za-z_$][\w$-]*|\[\d+\])*)\}("?)/g;

/** Fills `${input...}` placeholders of `template` from the task input (`undefined` when the task has none). */
export function fillTemplate(template: string, input: string | undefined): FilledTemplate {
  const parsed = parseInput(input);
  const json = looksLikeJson(template);
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (whole: string, open: string, path: string, close: string) => {
    const value = parsed === NO_INPUT ? undefined : path === '' ? wholeInput(parsed) : lookup(parsed, path);
    if (value === undefined) {
      const name = `input${path}`;
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    if (open && close) return JSON.stringify(value);
    const inner = typeof value === 'string' ? (json ? JSON.stringify(value).slice(1, -1) : value) : JSON.stringify(value);
    return `${open}${inner}${close}`;
  });
  return { text, missing };
}

/** The placeholders left in `text`, as `input.orderId`, once each. */
export function placeholdersIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = `input${match[2]}`;
    if (!found.includes(name)) found.push(name);
  }
  return found;
}

const NO_INPUT = Symbol('no input');

/** The task input as JSON, or as its text when it is not JSON (then only `${input}` resolves). */
function parseInput(input: string | undefined): unknown {
  if (input === undefined) return NO_INPUT;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return { [RAW]: input };
  }
}

const RAW = Symbol('raw input');

/** `${input}`: the parsed JSON, or the text of an input that is not JSON. */
function wholeInput(parsed: unknown): unknown {
  return typeof parsed === 'object' && parsed !== null && RAW in parsed ? (parsed as Record<symbol, unknown>)[RAW] : parsed;
}

function lookup(root: unknown, path: string): unknown {
  if (typeof root === 'object' && root !== null && RAW in root) return undefined;
  let value = root;
  for (const [, key, index] of path.matchAll(/\.([^.[]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') return undefined;
    if (index !== undefined) {
      if (!Array.isArray(value)) return undefined;
      value = value[Number(index)];
    } else {
      if (Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
  }
  return value;
}

function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}
