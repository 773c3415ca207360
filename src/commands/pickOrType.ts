/**
 * A quick pick that also takes a typed value: text that matches no listed
 * label is offered first, as `typedItem(text)`. A person may know a domain,
 * region or task list that the list does not (or cannot) show. Typed text
 * that `validate` refuses is offered with the reason and cannot be picked.
 * The logic is in pickOrTypeFlow.ts (unit-tested with a fake quick pick).
 */
import * as vscode from 'vscode';
import { pickOrTypeIn, type PickOrTypeOptions } from './pickOrTypeFlow';

export type { PickOrTypeOptions } from './pickOrTypeFlow';

/** Resolves with the accepted item, or `undefined` when the pick was dismissed. */
export function pickOrType<T extends vscode.QuickPickItem>(options: PickOrTypeOptions<T>): Promise<T | undefined> {
  return pickOrTypeIn(vscode.window.createQuickPick<T>(), options);
}
