/**
 * Bounds on what one read may take from an SWF endpoint, whoever answers:
 * a peer that hands out `nextPageToken`s forever, or a page of 100 MB, must
 * not hang a refresh or fill the extension host's memory. Each bound sits
 * well above anything the real service sends, so only a broken or hostile
 * peer meets one; the read then stops with a `ReadBoundExceeded` error that
 * errors.ts turns into a row saying what happened.
 *
 * No `vscode` import.
 */
import { Transform, type Readable } from 'node:stream';

/**
 * Bytes of one response body. A page of 1,000 events each carrying SWF's
 * largest field (32,768 characters) is about 33 MB of JSON; twice that is
 * allowed. A larger body is refused: at once when its Content-Length says
 * so (nothing read), else as soon as that many bytes have come.
 */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Pages of one history read. SWF keeps at most 25,000 events per execution
 * and pages them by up to 1,000 (100 has been seen): 250 pages at most.
 */
export const MAX_HISTORY_PAGES = 500;

/** Pages of one ListDomains read: an account has at most 100 domains, in pages of up to 1,000. */
export const MAX_DOMAIN_PAGES = 100;

/** Pages of one List*Types read: a domain has at most 10,000 types of each kind, in pages of up to 1,000. */
export const MAX_TYPE_PAGES = 100;

/**
 * Pages of one listing of open executions: 100, or one page for every 10
 * executions asked for (`swfTasks.maxExecutions`, raised by Load More) when
 * that is more. SWF pages by 100 or 1,000.
 */
export function maxListingPages(executionsWanted: number): number {
  return Math.max(100, Math.ceil(executionsWanted / 10));
}

export type BoundedRead = 'listing' | 'history' | 'domains' | 'types' | 'response';

/** A read stopped at one of the bounds above. */
export class ReadBoundExceeded extends Error {
  override readonly name = 'ReadBoundExceeded';
  constructor(
    readonly read: BoundedRead,
    /** Pages read, or bytes of the response. */
    readonly count: number,
    /** The same page token came twice: the chain would never end. */
    readonly repeatedToken = false,
  ) {
    super(`${read} read stopped at ${count} ${read === 'response' ? 'bytes' : 'pages'}${repeatedToken ? ' (a page token repeated)' : ''}`);
  }
}

/**
 * Counts the pages of one paged read and stops it at `max`, or at once when
 * a page token repeats. Call `next(token)` with each page's token; it throws
 * ReadBoundExceeded when the read must stop.
 */
export function pageBound(read: Exclude<BoundedRead, 'response'>, max: number): { next(token: string | undefined): void } {
  const seen = new Set<string>();
  let pages = 0;
  return {
    next(token) {
      pages++;
      if (token === undefined) return;
      if (seen.has(token)) throw new ReadBoundExceeded(read, pages, true);
      seen.add(token);
      if (pages >= max) throw new ReadBoundExceeded(read, pages);
    },
  };
}

/**
 * Applies MAX_RESPONSE_BYTES to an SDK response (`{ headers, body }`, the
 * body a Node stream), before the deserializer reads it: a Content-Length
 * over the bound is refused without reading (the socket is closed); any
 * other body is counted as it streams and fails once over the bound, which
 * fails the deserializer's read and drops what it had collected.
 */
export function boundResponseBody(response: unknown, maxBytes = MAX_RESPONSE_BYTES): void {
  const r = response as { headers?: Record<string, string | undefined>; body?: unknown } | undefined;
  if (!r || !isNodeReadable(r.body)) return;
  const length = Number(r.headers?.['content-length']);
  if (Number.isFinite(length) && length > maxBytes) {
    r.body.destroy();
    throw new ReadBoundExceeded('response', length);
  }
  const source = r.body;
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) {
        source.destroy();
        done(new ReadBoundExceeded('response', seen));
      } else {
        done(null, chunk);
      }
    },
  });
  source.on('error', (error) => counter.destroy(error));
  r.body = source.pipe(counter);
}

function isNodeReadable(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && typeof (body as Readable).pipe === 'function' && typeof (body as Readable).destroy === 'function';
}
