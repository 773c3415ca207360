/**
 * What a person typed for an answer, a workflow action or a start, kept until it is
 * sent: across a failed call, a cancelled prompt, a closed answer editor and a
 * window reload.
 *
 * Text written for a decider can hold business data, so drafts live in the
 * secret store (VS Code's SecretStorage), like the claims, and never in
 * settings or state files. A draft of a task answer is keyed by a hash of
 * the task token, never the token itself. Drafts expire after a week unused.
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

/** The key of a task answer's draft: the action and a hash of the token, so the token is never stored twice. */
export function answerDraftId(action: string, taskToken: string): string {
  return `${action}:${createHash('sha256').update(taskToken).digest('hex').slice(0, 32)}`;
}

export class DraftStore {
  private drafts: Map<string, Stored> | undefined;
  private loading: Promise<Map<string, Stored>> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The draft kept under `id`, or a new empty one. The object returned is the
   * stored one: change its fields, then call `changed(id)` to have it written.
   */
  async open(id: string): Promise<Draft> {
    const drafts = await this.load();
    let entry = drafts.get(id);
    if (!entry) {
      entry = { savedAt: this.now(), draft: {} };
      drafts.set(id, entry);
    }
    return entry.draft;
  }

  /** The draft under `id` was changed: write it soon. */
  changed(id: string): void {
    const entry = this.drafts?.get(id);
    if (entry) entry.savedAt = this.now();
    this.schedule();
  }

  /** The draft was sent (or is no longer wanted): forget it. */
  async discard(id: string): Promise<void> {
    const drafts = await this.load();
    if (drafts.delete(id)) this.schedule();
  }

  /** Writes what is pending now (on deactivation, and in tests). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const drafts = this.drafts;
    if (drafts) this.writing = this.writing.then(() => this.write(drafts), () => this.write(drafts));
    await this.writing;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), WRITE_DELAY_MS);
    this.timer.unref?.();
  }

  private async write(drafts: Map<string, Stored>): Promise<void> {
    // Empty drafts (a prompt opened and left blank) are not worth keeping.
    const kept = [...drafts].filter(([, entry]) => Object.values(entry.draft).some((text) => text !== undefined && text !== ''));
    if (kept.length === 0) await this.secrets.delete(SecretKeys.drafts);
    else await this.secrets.store(SecretKeys.drafts, JSON.stringify(Object.fromEntries(kept)));
  }

  private load(): Promise<Map<string, Stored>> {
    if (this.drafts) return Promise.resolve(this.drafts);
    this.loading ??= (async () => {
      const drafts = parseDrafts(await this.secrets.get(SecretKeys.drafts), this.now() - EXPIRES_AFTER_MS);
      this.drafts = drafts;
      return drafts;
    })();
    return this.loading;
  }
}

/** Stored drafts newer than `notBefore`; anything unreadable is dropped, never thrown. */
function parseDrafts(raw: string | undefined, notBefore: number): Map<string, Stored> {
  const drafts = new Map<string, Stored>();
  if (!raw) return drafts;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return drafts;
  }
  if (typeof parsed !== 'object' || parsed === null) return drafts;
  for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
    const entry = value as Partial<Stored> | null;
    if (typeof entry?.savedAt !== 'number' || entry.savedAt < notBefore || typeof entry.draft !== 'object' || entry.draft === null) continue;
    const draft: Draft = {};
    for (const [field, text] of Object.entries(entry.draft)) if (typeof text === 'string') draft[field] = text;
    drafts.set(id, { savedAt: entry.savedAt, draft });
  }
  return drafts;
}
