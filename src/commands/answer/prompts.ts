/**
 * Input boxes for answers, validated as the person types against SWF's
 * limits (an error blocks Enter; otherwise a live character count), with a
 * button to continue in an editor for long or multi-line text.
 */
import * as vscode from 'vscode';
import type { ActivityTypeRef, SchemaCheck } from '../../answers/resultSchemas';
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
  box.placeholder = options.placeholder;
  box.value = options.value ?? '';
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.ignoreFocusOut = true;
  box.buttons = [editorButton()];

  const validate = (text: string): boolean => {
    const check = withSchema(options.field, validateOptionalText(options.field, text), text, options.schema?.check);
    if (!check.ok) {
      box.validationMessage = { message: check.message, severity: vscode.InputBoxValidationSeverity.Error };
      return false;
    }
    const left = options.fromTemplate ? placeholdersIn(text) : [];
    const note = left.length ? vscode.l10n.t('Not in the task input, fill in by hand: {0}', left.map((name) => `\${${name}}`).join(', ')) : check.note;
    box.validationMessage = note
      ? { message: note, severity: vscode.InputBoxValidationSeverity.Warning }
      : { message: lengthHint(options.field, text), severity: vscode.InputBoxValidationSeverity.Info };
    return true;
  };
  const editorOptions = { schema: options.schema, activityType: options.activityType };
  return runInputBox(box, validate, options.remember, (current) => editors.edit(options.field, options.title, current, options.remember, editorOptions));
}

/**
 * Shows `box` until the person accepts text that `validate` allows (resolves
 * with it) or backs out (`undefined`). Every change, the text accepted and the
 * text left in the box when backing out go to `remember`, so nothing typed is
 * lost. A button hands the text to `onButton` (an editor), whose outcome is
 * the prompt's. Disposes the box.
 */
export function runInputBox(
  box: vscode.InputBox,
  validate: (text: string, accepting: boolean) => boolean,
  remember?: (text: string) => void,
  onButton?: (current: string) => Promise<string | undefined>,
): Promise<string | undefined> {
  validate(box.value, false);
  return new Promise<string | undefined>((resolve) => {
    let settled = false;
    const finish = (value: string | undefined): void => {
      if (settled) return;
      settled = true;
      box.dispose();
      resolve(value);
    };
    box.onDidChangeValue((text) => {
      validate(text, false);
      remember?.(text);
    });
    box.onDidAccept(() => {
      remember?.(box.value);
      if (validate(box.value, true)) finish(box.value);
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
