/**
 * Drives the extension's prompts from inside the extension host.
 *
 * The tests load from the extension's own folder, so VS Code hands them the
 * same `vscode` API object as the extension: replacing a `vscode.window`
 * function here replaces it for the extension too (answerNextInputBoxes
 * counts the boxes it sees, so a test notices if that ever stops holding).
 *
 * Input boxes are real: the extension's box is shown in the workbench, the
 * value is typed into it, and it is accepted with VS Code's own command
 * `workbench.action.acceptSelectedQuickOpenItem` (what Enter does).
 * Notifications and modal dialogs are replaced by recorders that pick a button.
 */
import * as vscode from 'vscode';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `predicate` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | Promise<T>, what: string, timeoutMs = 10_000, intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** What happened to one input box the extension showed. */
export interface InputBoxRecord {
  title: string | undefined;
  prompt: string | undefined;
  /** What the box held when it was shown: a prefilled value. */
  shownValue: string;
  placeholder: string | undefined;
  /** The value the test typed; undefined for a box beyond the values given, which is dismissed with Escape. */
  value: string | undefined;
  /** onDidAccept fired (Enter was pressed). */
  accepted: boolean;
  /** The extension closed the box (it took the value, or the person backed out). */
  closed: boolean;
  /** The box refused the value: still open after Enter; it was then dismissed with Escape. */
  rejected: boolean;
  /** The box's validation message after the value was typed and Enter pressed. */
  validationMessage: string | undefined;
  /**
   * That message without the box's prompt, which the extension puts first so
   * the prompt stays in view (VS Code shows the message instead of the
   * prompt); `(prompt hidden) …` when the message does not start with it.
   */
  problem: string | undefined;
  /** The validation message as the box opened, before anything was typed: none means the prompt shows. */
  shownValidationMessage: string | undefined;
}

export interface InputBoxDriver extends vscode.Disposable {
  readonly boxes: readonly InputBoxRecord[];
  /** Resolves once every value was typed and each box was closed or rejected. */
  done(timeoutMs?: number): Promise<readonly InputBoxRecord[]>;
}

const ACCEPT = 'workbench.action.acceptSelectedQuickOpenItem';
const ESCAPE = 'workbench.action.closeQuickOpen';
/** Time the workbench gets to take a value typed from the extension host before Enter is pressed. */
const SETTLE_MS = 100;
const CLOSE_WAIT_MS = 1_500;

/** A value for `answerNextInputBoxes` that is typed, then abandoned with Escape, as a person backs out. */
export interface TypedThenEscaped {
  typeThenEscape: string;
}

/**
 * Answers the input boxes created with `vscode.window.createInputBox` until
 * disposed: after the extension shows box i, types `values[i]` into it and
 * presses Enter. A box still open after Enter refused the value (its
 * validation message is recorded) and is dismissed with Escape, as a person
 * gives up. A box beyond `values` is recorded and dismissed with Escape, so
 * an unexpected prompt shows in `boxes` instead of hanging the test.
 */
export function answerNextInputBoxes(values: readonly (string | TypedThenEscaped)[]): InputBoxDriver {
  const window = vscode.window as { createInputBox: typeof vscode.window.createInputBox };
  const original = window.createInputBox;
  const boxes: InputBoxRecord[] = [];
  const driving: Promise<void>[] = [];
  let restored = false;

  window.createInputBox = function createInputBox(this: unknown): vscode.InputBox {
    const box = original.call(vscode.window);
    if (restored) return box;
    const given = values[boxes.length];
    const escape = typeof given === 'object';
    const value = typeof given === 'object' ? given.typeThenEscape : given;
    const record: InputBoxRecord = { title: undefined, prompt: undefined, shownValue: '', placeholder: undefined, value, accepted: false, closed: false, rejected: false, validationMessage: undefined, problem: undefined, shownValidationMessage: undefined };
    boxes.push(record);
    box.onDidAccept(() => (record.accepted = true));
    box.onDidHide(() => (record.closed = true));
    const show = box.show.bind(box);
    box.show = () => {
      show();
      driving.push(drive(box, record, escape));
    };
    return box;
  };

  const restore = (): void => {
    if (restored) return;
    restored = true;
    window.createInputBox = original;
  };

  return {
    boxes,
    async done(timeoutMs = 15_000) {
      await waitFor(() => boxes.length >= values.length, `${values.length} input box(es) to be shown (saw ${boxes.length})`, timeoutMs);
      await Promise.all(driving);
      restore();
      return boxes;
    },
    dispose: restore,
  };
}

async function drive(box: vscode.InputBox, record: InputBoxRecord, escapeAfterTyping: boolean): Promise<void> {
  record.title = box.title;
  record.prompt = box.prompt;
  record.shownValue = box.value;
  record.shownValidationMessage = validationText(box.validationMessage);
  record.placeholder = box.placeholder;
  await sleep(SETTLE_MS);
  if (record.value === undefined) {
    await vscode.commands.executeCommand(ESCAPE);
    await waitFor(() => record.closed, 'an unexpected input box to close after Escape', CLOSE_WAIT_MS);
    return;
  }
  box.value = record.value;
  await sleep(SETTLE_MS);
  if (escapeAfterTyping) {
    await vscode.commands.executeCommand(ESCAPE);
    await waitFor(() => record.closed, 'the input box to close after Escape', CLOSE_WAIT_MS);
    return;
  }
  // Enter again only if the first one was not seen: a box that saw Enter and stayed open refused the value.
  for (let attempt = 0; attempt < 3 && !record.accepted && !record.closed; attempt++) {
    await vscode.commands.executeCommand(ACCEPT);
    await waitFor(() => record.accepted || record.closed, 'the input box to take Enter', CLOSE_WAIT_MS).catch(() => undefined);
  }
  await waitFor(() => record.closed, 'the input box to close', CLOSE_WAIT_MS).catch(() => undefined);
  if (record.closed) return;
  record.rejected = true;
  record.validationMessage = validationText(box.validationMessage);
  record.problem = withoutPrompt(record.validationMessage, box.prompt);
  await vscode.commands.executeCommand(ESCAPE);
  await waitFor(() => record.closed, 'the input box to close after Escape', CLOSE_WAIT_MS);
}

/** See InputBoxRecord.problem. A prompt never holds " · " itself: the extension joins its parts with it. */
function withoutPrompt(message: string | undefined, prompt: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  const lead = `${(prompt ?? '').split(' · ')[0]} · `;
  return prompt && message.startsWith(lead) ? message.slice(lead.length) : `(prompt hidden) ${message}`;
}

function validationText(message: vscode.InputBox['validationMessage']): string | undefined {
  return typeof message === 'string' ? message : message?.message;
}

/** One message the extension showed through showInformationMessage / showWarningMessage / showErrorMessage. */
export interface ShownMessage {
  severity: 'info' | 'warning' | 'error';
  message: string;
  modal: boolean;
  detail: string | undefined;
  items: string[];
  /** The button the recorder answered with. */
  choice: string | undefined;
}

type MessageFunction = (message: string, ...rest: unknown[]) => Thenable<unknown>;
type Chooser = (shown: ShownMessage) => string | undefined;

export interface MessageRecorder extends vscode.Disposable {
  readonly shown: readonly ShownMessage[];
  of(severity: ShownMessage['severity']): ShownMessage[];
  /** Decides the answer of later messages; by default every message is dismissed. */
  answerWith(chooser: Chooser): void;
}

const MESSAGE_FUNCTIONS = { info: 'showInformationMessage', warning: 'showWarningMessage', error: 'showErrorMessage' } as const;

/** Replaces the three message functions with a recorder; `dispose` puts the originals back. */
export function recordMessages(): MessageRecorder {
  const window = vscode.window as unknown as Record<string, MessageFunction>;
  const shown: ShownMessage[] = [];
  let chooser: Chooser = () => undefined;
  const originals = Object.values(MESSAGE_FUNCTIONS).map((name) => [name, window[name]] as const);

  for (const [severity, name] of Object.entries(MESSAGE_FUNCTIONS) as [ShownMessage['severity'], string][]) {
    window[name] = (message: string, ...rest: unknown[]) => {
      const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest.shift() as vscode.MessageOptions) : undefined;
      const items = rest.map((item) => (typeof item === 'string' ? item : (item as vscode.MessageItem).title));
      const entry: ShownMessage = { severity, message, modal: options?.modal === true, detail: options?.detail, items, choice: undefined };
      entry.choice = chooser(entry);
      shown.push(entry);
      const picked = entry.choice === undefined ? undefined : rest[items.indexOf(entry.choice)];
      return Promise.resolve(picked);
    };
  }

  return {
    shown,
    of: (severity) => shown.filter((m) => m.severity === severity),
    answerWith: (next) => {
      chooser = next;
    },
    dispose: () => {
      for (const [name, fn] of originals) window[name] = fn;
    },
  };
}

/** Replaces showQuickPick: `choose` picks from the resolved items; `dispose` restores it. */
export function answerQuickPick<T extends vscode.QuickPickItem>(choose: (items: readonly T[]) => T | undefined): vscode.Disposable & { readonly offered: T[][] } {
  const window = vscode.window as unknown as { showQuickPick: (items: readonly T[] | Thenable<readonly T[]>) => Thenable<T | undefined> };
  const original = window.showQuickPick;
  const offered: T[][] = [];
  window.showQuickPick = async (items) => {
    const resolved = [...(await items)];
    offered.push(resolved);
    return choose(resolved);
  };
  return {
    offered,
    dispose: () => {
      window.showQuickPick = original;
    },
  };
}

/** Replaces showInputBox (a plain prompt with no box object to drive) with fixed answers. */
export function answerShowInputBox(values: readonly string[]): vscode.Disposable & { readonly asked: vscode.InputBoxOptions[] } {
  const window = vscode.window as unknown as { showInputBox: (options?: vscode.InputBoxOptions) => Thenable<string | undefined> };
  const original = window.showInputBox;
  const asked: vscode.InputBoxOptions[] = [];
  window.showInputBox = async (options) => {
    const value = values[asked.length];
    asked.push(options ?? {});
    const problem = value === undefined ? undefined : await options?.validateInput?.(value);
    if (problem) throw new Error(`showInputBox refused ${JSON.stringify(value)}: ${JSON.stringify(problem)}`);
    return value;
  };
  return {
    asked,
    dispose: () => {
      window.showInputBox = original;
    },
  };
}

type SettingKey = 'identity' | 'autoRefreshSeconds' | 'keepClaimedTasksAlive' | 'requestTimeoutSeconds';
const SETTING_KEYS: readonly SettingKey[] = ['identity', 'autoRefreshSeconds', 'keepClaimedTasksAlive', 'requestTimeoutSeconds'];

/** Writes user settings of the extension, as the settings UI would. */
export async function setSettings(values: Partial<Record<SettingKey, string | number | boolean>>): Promise<void> {
  const config = vscode.workspace.getConfiguration('swfTasks');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

/** Removes every user setting the tests write. */
export async function resetSettings(): Promise<void> {
  const config = vscode.workspace.getConfiguration('swfTasks');
  for (const key of SETTING_KEYS) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
}

/**
 * When `items` are a confirmation of src/commands/confirm.ts (the entry that
 * keeps things first, the action second), the entry `answer` names; else
 * `undefined`, for a chooser to handle other picks.
 */
export function confirmationEntry<T extends vscode.QuickPickItem>(items: readonly T[], answer: 'act' | 'keep'): T | undefined {
  if (!isConfirmation(items)) return undefined;
  return answer === 'act' ? items[1] : items[0];
}

export function isConfirmation(items: readonly vscode.QuickPickItem[]): boolean {
  return items.length === 2 && items[0].label.startsWith('$(arrow-left) ') && items[1].label.startsWith('$(warning) ');
}

/** Answers every confirmation with `answer` (and dismisses any other pick) until disposed; `offered` holds the confirmations shown. */
export function answerConfirmations(answer: 'act' | 'keep'): vscode.Disposable & { readonly offered: vscode.QuickPickItem[][] } {
  const picks = answerQuickPick<vscode.QuickPickItem>((items) => confirmationEntry(items, answer));
  return {
    get offered() {
      return picks.offered.filter(isConfirmation);
    },
    dispose: () => picks.dispose(),
  };
}

/** What happened to one quick pick (createQuickPick) that answerNextQuickPicks typed into. */
export interface PickRecord {
  value: string;
  /** The pick stayed open after Enter: the typed text was refused (then dismissed with Escape). */
  rejected: boolean;
  /** What the first item (the typed one) said under its label. */
  detail: string | undefined;
}

/** Types each value into the next quick pick created with createQuickPick, presses Enter, and records whether it closed. */
export function answerNextQuickPicks(values: readonly string[]): vscode.Disposable & { readonly picks: PickRecord[]; done(): Promise<PickRecord[]> } {
  const window = vscode.window as { createQuickPick: typeof vscode.window.createQuickPick };
  const original = window.createQuickPick;
  const picks: PickRecord[] = [];
  const driving: Promise<void>[] = [];
  window.createQuickPick = function createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T> {
    const pick = original.call(vscode.window) as vscode.QuickPick<T>;
    const value = values[picks.length];
    if (value === undefined) return pick;
    const record: PickRecord = { value, rejected: false, detail: undefined };
    picks.push(record);
    let closed = false;
    pick.onDidHide(() => (closed = true));
    const show = pick.show.bind(pick);
    pick.show = () => {
      show();
      driving.push(
        (async () => {
          await waitFor(() => !pick.busy, 'the pick to load');
          pick.value = value;
          // Enter once the workbench has filtered the list and made the typed entry the active one, as a person sees it.
          await waitFor(() => pick.activeItems[0]?.label === value.trim(), `the typed entry "${value}" to be the active item`, 5_000).catch(() => undefined);
          await sleep(100);
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          await waitFor(() => closed, 'the pick to close', 1_000).catch(() => undefined);
          if (closed) return;
          record.rejected = true;
          record.detail = pick.items[0]?.detail;
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
          await waitFor(() => closed, 'the pick to close after Escape');
        })(),
      );
    };
    return pick;
  } as typeof vscode.window.createQuickPick;
  const restore = (): void => void (window.createQuickPick = original);
  return {
    picks,
    async done() {
      await waitFor(() => picks.length >= values.length, `${values.length} quick pick(s)`);
      await Promise.all(driving);
      restore();
      return picks;
    },
    dispose: restore,
  };
}
