/** The HTTP side: reads SWF JSON 1.0 requests, hands them to the gateway, writes the answers. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { WireAnswer } from './gateway';

/** `accessKeyId`: whose key signed the call (SigV4's `Credential=` scope), as CloudTrail would name the caller; never checked. */
export type WireHandler = (target: string | undefined, body: string, signal: AbortSignal, accessKeyId?: string) => Promise<WireAnswer>;

/** The access key id of a SigV4 `Authorization` header; the signature itself is not checked (the sandbox has no authentication). */
export function signingKeyId(authorization: string | undefined): string | undefined {
  return /\bCredential=([^/,\s]+)\//.exec(authorization ?? '')?.[1];
}

/** How long an idle keep-alive connection stays open. */
export const KEEP_ALIVE_MS = 60_000;

/** Called with the signer of the first request on each new TCP connection. */
export type ConnectionListener = (accessKeyId: string | undefined) => void;

export class HttpListener {
  private server?: Server;
  private readonly inFlight = new Set<Promise<void>>();
  /** Connections whose first request was seen. */
  private readonly named = new WeakSet<Socket>();

  constructor(
    private readonly handler: WireHandler,
    private readonly onConnection?: ConnectionListener,
  ) {}

  /** Listens on the host (loopback only, by design) and returns the bound port. */
  async listen(port: number, host: string): Promise<number> {
    const server = createServer((request, response) => {
      if (!this.named.has(request.socket)) {
        this.named.add(request.socket);
        this.onConnection?.(signingKeyId(request.headers.authorization));
      }
      const done = this.serve(request, response)
        // A request that breaks mid-way (client vanished while sending) has no one left to answer.
        .catch(() => {
          response.destroy();
        })
        .finally(() => this.inFlight.delete(done));
      this.inFlight.add(done);
    });
    // Node closes a connection idle for 5 s by default; the service does not, and an SDK client with a
    // keep-alive agent would then open a new connection (a TLS handshake against AWS) after every pause.
    // A minute of idle keeps the pool of a client that calls every few seconds; headers must be allowed longer.
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  /** Waits for answers already under way (the caller has ended long polls), then closes every connection. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all(this.inFlight);
    server.closeAllConnections();
    await closed;
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const aborter = new AbortController();
    // 'close' before the answer is written means the client gave up (e.g. aborted a long poll).
    response.on('close', () => {
      if (!response.writableFinished) aborter.abort();
    });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = request.headers['x-amz-target'];
    const answer = await this.handler(typeof target === 'string' ? target : undefined, Buffer.concat(chunks).toString('utf8'), aborter.signal, signingKeyId(request.headers.authorization));
    if ('reset' in answer) {
      request.socket.destroy();
      return;
    }
    if (aborter.signal.aborted) return;
    response.writeHead(answer.status, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(answer.body),
      'x-amzn-requestid': randomUUID(),
    });
    response.end(answer.body);
  }
}
