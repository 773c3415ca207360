/**
 * The answer journal: one JSON line per answer (complete, fail, cancel), per
 * workflow action (signal, request cancel, terminate) and per execution
 * started (start, re-run) from this machine, so a team can tell afterwards who answered what, where, and what
 * SWF recorded for it.
 *
 * A line holds who, where and what happened, and the sent text's length and
 * SHA-256 (to match it against the history without keeping it); the text
 * itself only when the person asks for it (`swfTasks.journal.includeText`).
 * Never a task token.
 *
 * The file (JSON Lines, in the extension's global storage) is only ever
 * appended to, one whole line per `write`: a crash can at worst leave a torn
 * last line, which `read` skips and reports, and the next append starts on a
 * fresh line. Lines older than the retention are dropped by writing the kept
 * ones to a temporary file and renaming it over the journal (atomic on one
 * file system).
 *
 * No `vscode` import.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export type JournalAction = 'complete' | 'fail' | 'cancel' | 'signal' | 'requestCancel' | 'terminate' | 'start' | 'rerun';

export interface JournalEntry {
  /** ISO time the call returned. */
  time: string;
  action: JournalAction;
  /** `recorded`: SWF accepted the call; `error`: it refused or failed (see `error`). */
  outcome: 'recorded' | 'error';
  /** The error's name (`UnknownResourceFault`, ...), when the outcome is `error`. */
  error?: string;
  connection: string;
  domain?: string;
  workflowId?: string;
  runId?: string;
  activityId?: string;
  activityType?: { name: string; version: string };
  /** The workflow type of a started execution (start, rerun). */
  workflowType?: { name: string; version: string };
  /** The run a re-run repeats. */
  rerunOf?: { workflowId: string; runId: string };
  /** The worker identity the task was claimed with. */
  identity?: string;
  /** The history event that recorded the call (ActivityTaskCompleted, WorkflowExecutionSignaled, ...), when it was read. */
  eventId?: number;
  /** What was sent: the result, the details, the signal's input, or a started execution's input. */
  textLength?: number;
  textSha256?: string;
  /** The signal's name or a failure's reason: short, and what the decider branches on. Only with `includeText`. */
  reason?: string;
  text?: string;
}

export interface JournalReading {
  entries: JournalEntry[];
  /** 1-based numbers of lines that are not a journal entry (a torn last line after a crash). */
  skipped: number[];
}

/** The `textLength` / `textSha256` / `text` of an entry for `text` (nothing for no text). */
export function describeText(text: string | undefined, includeText: boolean): Pick<JournalEntry, 'textLength' | 'textSha256' | 'text'> {
  if (text === undefined) return {};
  return { textLength: text.length, textSha256: createHash('sha256').update(text, 'utf8').digest('hex'), ...(includeText ? { text } : {}) };
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class AnswerJournal {
  /** Appends and rewrites run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private pruned = false;

  constructor(
    readonly file: string,
    /** Days an entry is kept; 0 keeps every entry. */
    private readonly retentionDays: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends one line; drops expired lines first, once per session. Resolves with the bytes written. */
  append(entry: JournalEntry): Promise<number> {
    return this.serial(async () => {
      if (!this.pruned) {
        this.pruned = true;
        await this.pruneNow();
      }
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const line = `${JSON.stringify(entry)}\n`;
      const handle = await fs.open(this.file, 'a+');
      try {
        // After a torn last line (a crash mid-write), start on a line of its own.
        const { size } = await handle.stat();
        let text = line;
        if (size > 0) {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) text = `\n${line}`;
        }
        const bytes = Buffer.from(text, 'utf8');
        await handle.write(bytes, 0, bytes.length); // one write of one whole line: O_APPEND puts it at the end
        await handle.datasync();
        return bytes.length;
      } finally {
        await handle.close();
      }
    });
  }

  /** Every entry, oldest first, and the lines that could not be read. A missing file is an empty journal. */
  async read(): Promise<JournalReading> {
    await this.queue.catch(() => undefined);
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] };
      throw error;
    }
    return parseJournal(text);
  }

  /** Drops entries older than the retention now (atomically); resolves with how many lines went. */
  prune(): Promise<number> {
    return this.serial(() => this.pruneNow());
  }

  private async pruneNow(): Promise<number> {
    const days = this.retentionDays();
    if (!(days > 0)) return 0;
    let reading: JournalReading;
    try {
      reading = parseJournal(await fs.readFile(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    const notBefore = this.now() - days * DAY_MS;
    const kept = reading.entries.filter((e) => Date.parse(e.time) >= notBefore);
    const dropped = reading.entries.length - kept.length + reading.skipped.length;
    if (dropped === 0) return 0;
    const temporary = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, kept.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
    await fs.rename(temporary, this.file);
    return dropped;
  }

  private serial<T>(body: () => Promise<T>): Promise<T> {
    const run = this.queue.then(body, body);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Lines that parse as an object with a time and an action are entries; any other non-empty line is skipped. */
export function parseJournal(text: string): JournalReading {
  const entries: JournalEntry[] = [];
  const skipped: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const value = JSON.parse(line) as Partial<JournalEntry> | null;
      if (value && typeof value === 'object' && typeof value.time === 'string' && typeof value.action === 'string') entries.push(value as JournalEntry);
      else skipped.push(index + 1);
    } catch {
      skipped.push(index + 1);
    }
  });
  return { entries, skipped };
}
