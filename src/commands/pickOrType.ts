/**
 * A quick pick that also takes a typed value: text that matches no listed
 * label is offered first, as `typedItem(text)`. A person may know a domain,
 * region or task list that the list does not (or cannot) show. Typed text
 * that `validate` refuses is offered with the reason and cannot be picked.
 */
import * as vscode from 'vscode';

export interface PickOrTypeOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  /** The listed items; while a promise is pending the pick shows busy. A `placeholder` it settles with replaces the first. */
  items: readonly T[] | Promise<{ items: readonly T[]; placeholder?: string }>;
  typedItem(text: string): T;
  /** Why typed text cannot be used (it is then shown with the reason and cannot be accepted); undefined when it can. */
  validate?(text: string): string | undefined;
}

/** Resolves with the accepted item, or `undefined` when the pick was dismissed. */
export async function pickOrType<T extends vscode.QuickPickItem>(options: PickOrTypeOptions<T>): Promise<T | undefined> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  let listed: readonly T[] = [];
  const show = (): void => {
    const typed = quickPick.value.trim();
    const exact = typed ? listed.find((item) => item.label === typed) : undefined;
    const problem = typed && !exact ? options.validate?.(typed) : undefined;
    const typedItem = typed && !exact ? options.typedItem(typed) : undefined;
    // A refused name stays in the box, with the reason under it: nothing typed is lost.
    const items = typedItem ? [problem ? { ...typedItem, detail: `$(error) ${problem}` } : typedItem, ...listed] : listed;
    if (items !== quickPick.items) quickPick.items = items;
    // Typing a listed name exactly and pressing Enter picks that name, not whichever entry the filter put first.
    if (exact) quickPick.activeItems = [exact];
  };
  quickPick.onDidChangeValue(show);

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
      // Enter can beat the filter of the last keystroke: a name typed exactly is the one meant.
      const typed = quickPick.value.trim();
      const chosen = listed.find((item) => item.label === typed) ?? quickPick.selectedItems[0];
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
