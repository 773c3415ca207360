/**
 * The one machine-readable line a test process prints when its suite ends:
 *
 *     SWF_TEST_RESULT {"passed":3,"failed":0,"pending":0}
 *
 * Test suites run in places whose exit codes say little (an extension host
 * inside a browser page, a VS Code desktop window), so the counts travel in
 * their output instead. Every runner reads them back with the same parser.
 */

export const RESULT_MARKER = 'SWF_TEST_RESULT';

export interface TestCounts {
  passed: number;
  failed: number;
  pending: number;
}

export const NO_TESTS: TestCounts = Object.freeze({ passed: 0, failed: 0, pending: 0 });

export function formatResultLine(counts: TestCounts): string {
  const { passed, failed, pending } = counts;
  return `${RESULT_MARKER} ${JSON.stringify({ passed, failed, pending })}`;
}

/** Reads one line; undefined unless it is a well-formed result line. */
export function parseResultLine(line: string): TestCounts | undefined {
  const start = line.indexOf(`${RESULT_MARKER} `);
  if (start < 0) return undefined;
  try {
    const value: unknown = JSON.parse(line.slice(start + RESULT_MARKER.length + 1).trim());
    return isTestCounts(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isTestCounts(value: unknown): value is TestCounts {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['passed', 'failed', 'pending'].every((key) => Number.isInteger(record[key]) && (record[key] as number) >= 0);
}

export function addCounts(a: TestCounts, b: TestCounts): TestCounts {
  return { passed: a.passed + b.passed, failed: a.failed + b.failed, pending: a.pending + b.pending };
}

/** The human summary `N passed, N failed[, N skipped]` that ends `npm test`. */
export function formatSummary(counts: TestCounts): string {
  const skipped = counts.pending > 0 ? `, ${counts.pending} skipped` : '';
  return `${counts.passed} passed, ${counts.failed} failed${skipped}`;
}

/**
 * Splits a stream of output chunks into lines and remembers the last result
 * line among them. Chunks may end mid-line, so the tail waits for the next one.
 */
export class ResultLineScanner {
  private pending = '';
  private last: TestCounts | undefined;

  push(chunk: string): void {
    const lines = (this.pending + chunk).split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    lines.forEach((line) => this.scan(line));
  }

  /** The counts of the last result line seen, the unterminated tail included. */
  result(): TestCounts | undefined {
    if (this.pending) this.scan(this.pending);
    this.pending = '';
    return this.last;
  }

  private scan(line: string): void {
    this.last = parseResultLine(line) ?? this.last;
  }
}
