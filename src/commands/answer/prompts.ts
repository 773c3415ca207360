/**
 * Input boxes for answers, validated as the person types against SWF's
 * limits (an error blocks Enter; otherwise a live character count), with a
 * button to continue in an editor for long or multi-line text.
 */
import * as vscode from 'vscode';
import { lengthHint, type OptionalTextField, validateOptionalText } from '../../swf/validation';
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
    const check = validateOptionalText(options.field, text);
    if (!check.ok) {
      box.validationMessage = { message: check.message, severity: vscode.InputBoxValidationSeverity.Error };
      return false;
    }
    box.validationMessage = check.note
      ? { message: check.note, severity: vscode.InputBoxValidationSeverity.Warning }
      : { message: lengthHint(options.field, text), severity: vscode.InputBoxValidationSeverity.Info };
    return true;
  };
  validate(box.value);

  return new Promise<string | undefined>((resolve) => {
    let settled = false;
    const finish = (value: string | undefined): void => {
      if (settled) return;
      settled = true;
      box.dispose();
      resolve(value);
    };
    box.onDidChangeValue((text) => {
      validate(text);
      options.remember?.(text);
    });
    box.onDidAccept(() => {
      options.remember?.(box.value);
      if (validate(box.value)) finish(box.value);
    });
    box.onDidTriggerButton(() => {
      const current = box.value;
      settled = true; // hiding the box must not resolve as "backed out"
      box.dispose();
      void editors.edit(options.field, options.title, current, options.remember).then(resolve);
    });
    box.onDidHide(() => {
      // Backing out keeps what is in the box, typed or pasted, as the draft.
      if (!settled) options.remember?.(box.value);
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
