/**
 * The pick-or-type flow with a fake quick pick that replays the window's
 * events in the order a fast typist causes them: the value change, the
 * window's own filter making a listed item active, then Enter, all before the
 * window has the list with the typed entry.
 */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { pickOrTypeIn, type PickWidget } from '../../../src/commands/pickOrTypeFlow';

interface Item extends vscode.QuickPickItem {
  domain: string;
}

type Listener<E> = (e: E) => unknown;
function emitter<E>(): { event: vscode.Event<E>; fire(e: E): void } {
  const listeners = new Set<Listener<E>>();
  return {
    event: (listener: Listener<E>) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    fire: (e: E) => listeners.forEach((listener) => listener(e)),
  };
}

/** What the extension host sees of a window's quick pick; the test plays the window. */
class FakeQuickPick implements PickWidget<Item> {
  title: string | undefined;
  placeholder: string | undefined;
  items: readonly Item[] = [];
  activeItems: readonly Item[] = [];
  selectedItems: readonly Item[] = [];
  value = '';
  busy = false;
  disposed = false;
  readonly value$ = emitter<string>();
  readonly active$ = emitter<readonly Item[]>();
  readonly accept$ = emitter<void>();
  readonly hide$ = emitter<void>();
  onDidChangeValue = this.value$.event;
  onDidChangeActive = this.active$.event;
  onDidAccept = this.accept$.event;
  onDidHide = this.hide$.event;
  show(): void {}
  dispose(): void {
    this.disposed = true;
  }

  /** The window: a keystroke, and its filter's first match made active (from the items it has). */
  type(value: string): void {
    this.value = value;
    const filtered = this.items.filter((item) => item.label.includes(value));
    this.value$.fire(value);
    this.activate(filtered[0]);
  }
  /** The window received the extension's items and shows the first active. */
  catchUp(): void {
    this.activate(this.items.filter((item) => item.label.includes(this.value))[0]);
  }
  activate(item: Item | undefined): void {
    this.activeItems = item ? [item] : [];
    this.active$.fire(this.activeItems);
  }
  enter(): void {
    this.selectedItems = this.activeItems;
    this.accept$.fire();
  }
}

const listed: Item[] = ['orders-prod', 'orders-staging', 'payments'].map((name) => ({ label: name, domain: name }));
const options = {
  title: 'Add SWF Domain',
  placeholder: 'Pick or type',
  items: listed,
  typedItem: (name: string): Item => ({ label: name, description: 'use this name', domain: name }),
  validate: (name: string) => (name.includes(':') ? 'no colon' : undefined),
};

describe('pickOrType', () => {
  it('takes what was typed when Enter comes before the window has filtered the list with the typed entry', async () => {
    const pick = new FakeQuickPick();
    const picked = pickOrTypeIn(pick, options);
    pick.catchUp();
    pick.type('orders'); // the window's filter makes orders-prod active; the typed entry has not reached it
    pick.enter();
    assert.equal((await picked)?.domain, 'orders', 'the typed name, not the listed orders-prod');
    assert.ok(pick.disposed);
  });

  it('takes what was typed when Enter comes before a typed entry was ever shown, and the list is empty', async () => {
    const pick = new FakeQuickPick();
    const picked = pickOrTypeIn(pick, { ...options, items: [] });
    pick.type('fresh-domain');
    pick.enter();
    assert.equal((await picked)?.domain, 'fresh-domain');
  });

  it('takes a listed item the person moved to after the typed entry was shown', async () => {
    const pick = new FakeQuickPick();
    const picked = pickOrTypeIn(pick, options);
    pick.type('orders');
    pick.catchUp(); // the typed entry "orders" is shown first and active
    assert.equal(pick.activeItems[0]?.domain, 'orders');
    pick.activate(listed[1]); // arrow down to orders-staging
    pick.enter();
    assert.equal((await picked)?.domain, 'orders-staging');
  });

  it('takes a listed name typed exactly, and stays open on refused text, however early Enter comes', async () => {
    const exact = new FakeQuickPick();
    const exactPicked = pickOrTypeIn(exact, options);
    exact.type('orders-staging');
    exact.activate(listed[0]);
    exact.enter();
    assert.equal((await exactPicked)?.domain, 'orders-staging');

    const refused = new FakeQuickPick();
    let settled = false;
    const refusedPicked = pickOrTypeIn(refused, options).then((item) => {
      settled = true;
      return item;
    });
    refused.type('orders:');
    refused.activate(listed[0]);
    refused.enter();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false, 'refused text is not accepted, and no listed item is taken instead');
    assert.equal(refused.value, 'orders:', 'what was typed stays');
    refused.hide$.fire();
    assert.equal(await refusedPicked, undefined);
  });
});
