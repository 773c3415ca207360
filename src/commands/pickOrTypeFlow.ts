/**
 * The logic of a quick pick that also takes a typed value (see pickOrType.ts),
 * apart from `vscode.window` so that a unit test can drive it with a fake
 * quick pick and replay the window's events in any order. Only types come
 * from `vscode`.
 *
 * Enter can reach the extension before the list has caught up with the last
 * keystroke: the window then reports the listed item its own filter made
 * active, not the typed entry this module offers first. So a listed item that
 * is not named exactly by the text is taken only when the window has shown
 * the typed entry for this text (it had our list) and the person then moved
 * to the listed one; otherwise what was typed wins. The outcome no longer
 * depends on how fast Enter follows the last key.
 */
import type * as vscode from 'vscode';

export interface PickOrTypeOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  /** The listed items; while a promise is pending the pick shows busy. A `placeholder` it settles with replaces the first. */
  items: readonly T[] | Promise<{ items: readonly T[]; placeholder?: string }>;
  typedItem(text: string): T;
  /** Why typed text cannot be used (it is then shown with the reason and cannot be accepted); undefined when it can. */
  validate?(text: string): string | undefined;
}

/** The part of `vscode.QuickPick` this flow uses. */
export type PickWidget<T extends vscode.QuickPickItem> = Pick<
  vscode.QuickPick<T>,
  'title' | 'placeholder' | 'items' | 'activeItems' | 'selectedItems' | 'value' | 'busy' | 'onDidChangeValue' | 'onDidChangeActive' | 'onDidAccept' | 'onDidHide' | 'show' | 'dispose'
>;

/** Runs the pick in `quickPick` (disposed at the end); resolves with the accepted item, or `undefined` when dismissed. */
export async function pickOrTypeIn<T extends vscode.QuickPickItem>(quickPick: PickWidget<T>, options: PickOrTypeOptions<T>): Promise<T | undefined> {
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  let listed: readonly T[] = [];
  // The typed entry now offered, the text it was made for, and whether the window has shown it active since.
  let offered: T | undefined;
  let offeredFor = '';
  let offeredSeen = false;
  const show = (): void => {
    const typed = quickPick.value.trim();
    const exact = typed ? listed.find((item) => item.label === typed) : undefined;
    const problem = typed && !exact ? options.validate?.(typed) : undefined;
    const typedItem = typed && !exact ? options.typedItem(typed) : undefined;
    // A refused name stays in the box, with the reason under it: nothing typed is lost.
    const shown = typedItem && problem ? { ...typedItem, detail: `$(error) ${problem}` } : typedItem;
    if (shown !== offered || typed !== offeredFor) offeredSeen = false;
    offered = shown;
    offeredFor = typed;
    const items = shown ? [shown, ...listed] : listed;
    if (items !== quickPick.items) quickPick.items = items;
    // Typing a listed name exactly and pressing Enter picks that name, not whichever entry the filter put first.
    if (exact) quickPick.activeItems = [exact];
  };
  quickPick.onDidChangeValue(show);
  quickPick.onDidChangeActive((active) => {
    if (offered && active.includes(offered)) offeredSeen = true;
  });

  let loading: Promise<void> = Promise.resolve();
  if (options.items instanceof Promise) {
    quickPick.busy = true;
    loading = options.items
      .then(({ items, placeholder }) => {
        listed = items;
        if (placeholder) quickPick.placeholder = placeholder;
      })
      .finally(() => {
        quickPick.busy = false;
        show();
      });
  } else {
    listed = options.items;
    show();
  }

  const picked = await new Promise<T | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      const typed = quickPick.value.trim();
      let chosen = (typed ? listed.find((item) => item.label === typed) : undefined) ?? quickPick.selectedItems[0];
      // A listed item the text does not name counts only if the person moved to it after the window showed the typed entry.
      const movedThere = offeredFor === typed && offeredSeen;
      if (typed && (chosen === undefined || listed.includes(chosen)) && chosen?.label !== typed && !movedThere) {
        chosen = offeredFor === typed && offered ? offered : options.typedItem(typed);
      }
      if (chosen && !listed.includes(chosen) && options.validate?.(typed) !== undefined) return; // stays open on the refused text
      resolve(chosen);
    });
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  await loading;
  return picked;
}
