/**
 * What a person typed for an answer or a workflow action, kept until it is
 * sent: across a failed call, a cancelled prompt, a closed answer editor and a
 * window reload.
 *
 * Text written for a decider can hold business data, so drafts live in the
 * secret store (VS Code's SecretStorage), like the claims, and never in
 * settings or state files. A draft of a task answer is keyed by a hash of
 * the task token, never the token itself. Drafts expire after a week unused.
 *
 * Each draft has its own secret entry, and a small index entry lists them with
 * when each was last changed (for expiry). A write touches only the drafts
 * that changed, so one huge draft never makes every later keystroke rewrite
 * it. A draft whose entry would exceed `MAX_DRAFT_BYTES` is not stored (an OS
 * keychain may refuse it, and writing it on every change is slow): it stays
 * in memory, whole, and the person is told once that it will not survive a
 * reload. Nothing typed is ever cut.
 *
 * Writes are coalesced: a prompt remembers its text on every keystroke, and
 * the store writes at most once per `WRITE_DELAY_MS`.
 *
 * No `vscode` import: unit-tested in plain Node.
 */
import { createHash } from 'node:crypto';
import { SecretKeys } from '../ids';
import type { SecretStore } from '../claims/claims';

/** A draft's fields: what was typed into each prompt. */
export type Draft = Partial<Record<string, string>>;

interface Stored {
  savedAt: number;
  draft: Draft;
}

const WRITE_DELAY_MS = 500;
const EXPIRES_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
/** The largest draft entry stored (UTF-8 bytes of its JSON): far above any answer a person types, far below a keychain's limits. */
export const MAX_DRAFT_BYTES = 1024 * 1024;

export interface DraftStoreOptions {
  /** Called once per draft when it becomes too large to store (it is kept in memory only). */
  onTooLarge?: (id: string, bytes: number) => void;
  /** Overrides `MAX_DRAFT_BYTES` (tests). */
  maxDraftBytes?: number;
}

/** The key of a task answer's draft: the action and a hash of the token, so the token is never stored twice. */
export function answerDraftId(action: string, taskToken: string): string {
  return `${action}:${createHash('sha256').update(taskToken).digest('hex').slice(0, 32)}`;
}

export class DraftStore {
  /** Stored drafts: id to when it was last written. Loaded once. */
  private index: Map<string, number> | undefined;
  private loading: Promise<Map<string, number>> | undefined;
  /** Drafts opened in this window, whether stored or not. */
  private readonly drafts = new Map<string, Stored>();
  /** Drafts changed or discarded since the last write. */
  private readonly dirty = new Set<string>();
  /** Drafts the person was already told are too large to keep. */
  private readonly toldTooLarge = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly maxBytes: number;

  constructor(
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
    private readonly options: DraftStoreOptions = {},
  ) {
    this.maxBytes = options.maxDraftBytes ?? MAX_DRAFT_BYTES;
  }

  /**
   * The draft kept under `id`, or a new empty one. The object returned is the
   * stored one: change its fields, then call `changed(id)` to have it written.
   */
  async open(id: string): Promise<Draft> {
    const index = await this.load();
    let entry = this.drafts.get(id);
    if (!entry) {
      entry = (index.has(id) ? parseEntry(await this.secrets.get(draftKey(id))) : undefined) ?? { savedAt: this.now(), draft: {} };
      // Another open of the same id may have finished while this one read.
      const raced = this.drafts.get(id);
      if (raced) return raced.draft;
      this.drafts.set(id, entry);
    }
    return entry.draft;
  }

  /** The draft under `id` was changed: write it soon. */
  changed(id: string): void {
    const entry = this.drafts.get(id);
    if (!entry) return;
    entry.savedAt = this.now();
    this.dirty.add(id);
    this.schedule();
  }

  /** The draft was sent (or is no longer wanted): forget it. */
  async discard(id: string): Promise<void> {
    const index = await this.load();
    const known = this.drafts.delete(id) || index.has(id);
    this.toldTooLarge.delete(id);
    if (known) {
      this.dirty.add(id);
      this.schedule();
    }
  }

  /** Writes what is pending now (on deactivation, and in tests). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const write = () => this.write();
    this.writing = this.writing.then(write, write);
    await this.writing;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), WRITE_DELAY_MS);
    this.timer.unref?.();
  }

  /** Writes the drafts changed since the last write, each to its own entry, then the index if it changed. */
  private async write(): Promise<void> {
    if (this.dirty.size === 0) return;
    const index = await this.load();
    const ids = [...this.dirty];
    this.dirty.clear();
    let indexChanged = false;
    for (const id of ids) indexChanged = (await this.writeOne(index, id, this.drafts.get(id))) || indexChanged;
    if (indexChanged) await this.writeIndex(index);
  }

  /** Stores, or removes, one draft's entry; true when the index changed. */
  private async writeOne(index: Map<string, number>, id: string, entry: Stored | undefined): Promise<boolean> {
    // Empty drafts (a prompt opened and left blank) are not worth keeping.
    const keep = entry !== undefined && Object.values(entry.draft).some((text) => text !== undefined && text !== '');
    const raw = keep ? JSON.stringify(entry) : '';
    const bytes = Buffer.byteLength(raw, 'utf8');
    if (keep && bytes <= this.maxBytes) {
      this.toldTooLarge.delete(id);
      await this.secrets.store(draftKey(id), raw);
      const changed = index.get(id) !== entry.savedAt;
      index.set(id, entry.savedAt);
      return changed;
    }
    if (keep && !this.toldTooLarge.has(id)) {
      this.toldTooLarge.add(id);
      this.options.onTooLarge?.(id, bytes);
    }
    // Too large or empty: an older stored version would bring back text the person has since changed.
    if (!index.has(id)) return false;
    await this.secrets.delete(draftKey(id));
    index.delete(id);
    return true;
  }

  private async writeIndex(index: Map<string, number>): Promise<void> {
    if (index.size === 0) await this.secrets.delete(SecretKeys.draftIndex);
    else await this.secrets.store(SecretKeys.draftIndex, JSON.stringify(Object.fromEntries(index)));
  }

  /** The index, read once; drafts expired since are removed, and the single v1 entry is migrated. */
  private load(): Promise<Map<string, number>> {
    if (this.index) return Promise.resolve(this.index);
    this.loading ??= (async () => {
      const notBefore = this.now() - EXPIRES_AFTER_MS;
      const index = parseIndex(await this.secrets.get(SecretKeys.draftIndex));
      let indexChanged = false;
      for (const [id, savedAt] of [...index]) {
        if (savedAt >= notBefore) continue;
        await this.secrets.delete(draftKey(id));
        index.delete(id);
        indexChanged = true;
      }
      const legacy = await this.secrets.get(SecretKeys.drafts);
      if (legacy !== undefined) {
        for (const [id, entry] of parseLegacy(legacy, notBefore)) {
          if (index.has(id)) continue;
          this.drafts.set(id, entry);
          indexChanged = (await this.writeOne(index, id, entry)) || indexChanged;
        }
        if (indexChanged) await this.writeIndex(index);
        indexChanged = false;
        await this.secrets.delete(SecretKeys.drafts);
      }
      if (indexChanged) await this.writeIndex(index);
      this.index = index;
      return index;
    })();
    return this.loading;
  }
}

function draftKey(id: string): string {
  return `${SecretKeys.draftPrefix}${id}`;
}

/** The index: id to a time; anything unreadable is dropped, never thrown. */
function parseIndex(raw: string | undefined): Map<string, number> {
  const index = new Map<string, number>();
  const parsed = parseObject(raw);
  for (const [id, savedAt] of Object.entries(parsed ?? {})) if (typeof savedAt === 'number') index.set(id, savedAt);
  return index;
}

/** One stored draft, or undefined when unreadable. */
function parseEntry(raw: string | undefined): Stored | undefined {
  const entry = parseObject(raw) as Partial<Stored> | undefined;
  if (typeof entry?.savedAt !== 'number' || typeof entry.draft !== 'object' || entry.draft === null) return undefined;
  const draft: Draft = {};
  for (const [field, text] of Object.entries(entry.draft)) if (typeof text === 'string') draft[field] = text;
  return { savedAt: entry.savedAt, draft };
}

/** The v1 entry (every draft in one): those newer than `notBefore`. */
function parseLegacy(raw: string, notBefore: number): Map<string, Stored> {
  const drafts = new Map<string, Stored>();
  for (const [id, value] of Object.entries(parseObject(raw) ?? {})) {
    const entry = parseEntry(JSON.stringify(value));
    if (entry && entry.savedAt >= notBefore) drafts.set(id, entry);
  }
  return drafts;
}

function parseObject(raw: string | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
