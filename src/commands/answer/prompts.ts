/**
 * Input boxes for answers, validated as the person types against SWF's
 * limits (an error blocks Enter; otherwise a live character count), with a
 * button to continue in an editor for long or multi-line text.
 *
 * VS Code shows an input box's validation message instead of its prompt, so
 * a count or a problem set there would hide what the field is (issue 21):
 * `showNote` keeps the prompt in the line whatever else it says.
 */
import * as vscode from 'vscode';
import type { ActivityTypeRef, SchemaCheck } from '../../answers/resultSchemas';
import { jsonSkeleton } from '../../answers/schemaSkeleton';
import { placeholdersIn } from '../../answers/templates';
import { lengthHint, type OptionalTextField, validateOptionalText, withSchema } from '../../validation/validation';
import type { AnswerEditors } from './answerEditors';

export interface TextPromptOptions {
  field: OptionalTextField;
  title: string;
  prompt: string;
  placeholder?: string;
  value?: string;
  step?: number;
  totalSteps?: number;
  /** Told every change of the text (typed, or written in the editor), so nothing typed is lost by backing out. */
  remember?: (text: string) => void;
  /** The field's schema (its activity type's): text that violates it cannot be accepted. */
  schema?: SchemaCheck;
  /** The task's activity type, for the editor's Save as Template. */
  activityType?: ActivityTypeRef;
  /** Placeholders left from a template (`${input.orderId}`) are named as still to fill in. */
  fromTemplate?: boolean;
  /** The answer editor's tab name, after the task (`Complete charge-order-1005`). */
  editorName?: string;
}

/** What the line under an input box says besides its prompt: a count, or a problem with the text. */
export type BoxNote = { severity: 'count' | 'warning' | 'error'; text: string } | undefined;

/**
 * Shows `note` with `prompt` in the line under the box. A count goes beside
 * the prompt; a problem goes after it, in the validation message (which is
 * what colours the line and, for an error, what VS Code reads out).
 */
export function showNote(box: vscode.InputBox, prompt: string, note: BoxNote): void {
  if (!note) {
    box.prompt = prompt;
    box.validationMessage = undefined;
    return;
  }
  const line = vscode.l10n.t('{0} · {1}', prompt, note.text);
  if (note.severity === 'count') {
    box.prompt = line;
    box.validationMessage = undefined;
    return;
  }
  box.prompt = prompt;
  box.validationMessage = { message: line, severity: note.severity === 'error' ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Warning };
}

/** Built when a box opens, so its tooltip is in the display language. */
function editorButton(): vscode.QuickInputButton {
  return { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: vscode.l10n.t('Write it in an editor (multi-line, JSON)') };
}

/** Resolves with the text (possibly empty), or `undefined` when the person backed out. */
export function promptText(options: TextPromptOptions, editors: AnswerEditors): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.prompt = options.prompt;
  // With a schema the text must be JSON: the placeholder shows its shape, not prose.
  const skeleton = options.schema ? jsonSkeleton(options.schema.schema) : undefined;
  box.placeholder = skeleton ?? options.placeholder;
  box.value = options.value ?? '';
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.ignoreFocusOut = true;
  box.buttons = [editorButton()];

  const validate = (text: string, accepting: boolean, typed: boolean): boolean => {
    const check = withSchema(options.field, validateOptionalText(options.field, text), text, options.schema?.check);
    if (!check.ok) {
      // An empty box is not wrong before the person types or presses Enter (a schema's "the text is empty").
      const quiet = text === '' && !typed && !accepting;
      showNote(box, options.prompt, quiet ? { severity: 'count', text: lengthHint(options.field, text) } : { severity: 'error', text: check.message });
      return false;
    }
    const left = options.fromTemplate ? placeholdersIn(text) : [];
    const note = left.length ? vscode.l10n.t('Not in the task input, fill in by hand: {0}', left.map((name) => `\${${name}}`).join(', ')) : check.note;
    showNote(box, options.prompt, note ? { severity: 'warning', text: note } : { severity: 'count', text: lengthHint(options.field, text) });
    return true;
  };
  const editorOptions = { schema: options.schema, activityType: options.activityType, name: options.editorName };
  return runInputBox(box, validate, options.remember, (current) => editors.edit(options.field, options.title, current, options.remember, editorOptions));
}

/**
 * Shows `box` until the person accepts text that `validate` allows (resolves
 * with it) or backs out (`undefined`). `validate` is told whether Enter was
 * pressed and whether the person has typed since the box opened. Every change, the text accepted and the
 * text left in the box when backing out go to `remember`, so nothing typed is
 * lost. A button hands the text to `onButton` (an editor), whose outcome is
 * the prompt's. Disposes the box.
 */
export function runInputBox(
  box: vscode.InputBox,
  validate: (text: string, accepting: boolean, typed: boolean) => boolean,
  remember?: (text: string) => void,
  onButton?: (current: string) => Promise<string | undefined>,
): Promise<string | undefined> {
  /** The person changed the text since the box opened: before that, an empty box is not yet an error. */
  let typed = false;
  validate(box.value, false, typed);
  return new Promise<string | undefined>((resolve) => {
    let settled = false;
    const finish = (value: string | undefined): void => {
      if (settled) return;
      settled = true;
      box.dispose();
      resolve(value);
    };
    box.onDidChangeValue((text) => {
      typed = true;
      validate(text, false, typed);
      remember?.(text);
    });
    box.onDidAccept(() => {
      remember?.(box.value);
      if (validate(box.value, true, typed)) finish(box.value);
    });
    box.onDidTriggerButton(() => {
      if (!onButton) return;
      const current = box.value;
      settled = true; // hiding the box must not resolve as "backed out"
      box.dispose();
      void onButton(current).then(resolve);
    });
    box.onDidHide(() => {
      // Backing out keeps what is in the box, typed or pasted, as the draft.
      if (!settled) remember?.(box.value);
      finish(undefined);
    });
    box.show();
  });
}

/** A task token pasted from a worker's log; masked, trimmed, checked for SWF's 1..1024 characters. */
export async function promptTaskToken(validate: (raw: string) => string | undefined): Promise<string | undefined> {
  const token = await vscode.window.showInputBox({
    title: vscode.l10n.t('Task Token'),
    prompt: vscode.l10n.t('Paste the task token of a started activity task (from a worker log, for example).'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (raw) => validate(raw),
  });
  return token?.trim();
}
