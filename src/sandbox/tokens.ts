/** Opaque identifiers: task tokens, run ids and page tokens. */
import { randomBytes } from 'node:crypto';
import { SwfError } from './errors';

/**
 * Task tokens are opaque and long like the real service's (several hundred
 * characters), so clients that truncate or mangle them fail here too. The
 * 32 random bytes make each one unique; the per-process filler only gives
 * them their length, without paying for 192 random bytes per task.
 */
const TOKEN_FILLER = randomBytes(160);
const UNIQUE_BYTES = 32;
/** Random bytes are drawn in bulk: one crypto call per task is what large generated domains spend most time on. */
let pool = Buffer.alloc(0);

export function newTaskToken(): string {
  if (pool.length < UNIQUE_BYTES) pool = randomBytes(UNIQUE_BYTES * 1024);
  const unique = pool.subarray(0, UNIQUE_BYTES);
  pool = pool.subarray(UNIQUE_BYTES);
  return Buffer.concat([unique, TOKEN_FILLER]).toString('base64');
}

/** Run ids look like the real ones: 44 characters of base64. */
export function newRunId(): string {
  return randomBytes(33).toString('base64');
}

interface PageCursor {
  scope: string;
  offset: number;
}

export interface PageRequest {
  maximumPageSize?: number;
  nextPageToken?: string;
}

/**
 * Cuts one page out of an already filtered and ordered list. The page token is
 * bound to `scope` (the operation and its target) so a token from another
 * listing is rejected instead of silently skipping items.
 */
export function paginate<T>(items: readonly T[], request: PageRequest, pageSizeCap: number, scope: string): { page: T[]; nextPageToken?: string } {
  const requested = request.maximumPageSize;
  const size = requested && requested > 0 ? Math.min(requested, pageSizeCap) : pageSizeCap;
  const offset = request.nextPageToken ? decodeCursor(request.nextPageToken, scope) : 0;
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextPageToken: encodeCursor({ scope, offset: next }) } : { page };
}

/** The scope a page token was issued for, without validating it (the caller re-checks via paginate). */
export function pageTokenScope(token: string): string | undefined {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Partial<PageCursor>;
    return typeof cursor.scope === 'string' ? cursor.scope : undefined;
  } catch {
    return undefined;
  }
}

function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64');
}

function decodeCursor(token: string, scope: string): number {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Partial<PageCursor>;
    if (cursor.scope === scope && Number.isInteger(cursor.offset) && (cursor.offset ?? -1) >= 0) return cursor.offset as number;
  } catch {
    // Falls through to the fault below: a token that is not ours is invalid, whatever its shape.
  }
  throw new SwfError('ValidationException', 'Invalid nextPageToken');
}
