/**
 * Node's HTTP parser refusals (the server's `clientError` event): a request line or headers that do not
 * parse (400), headers over the server's limit (431, 16 KiB by default), a request not received within
 * the server's timeouts (408). The hub never saw a request it could read, so the answer cannot be bound
 * to one (no message id, no request hash); it is still a problem document, signed by the hub, and counted
 * as a refusal before authentication. Then the connection is closed.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemCode } from '../../contracts';
import type { HubDeps } from '../context';
import { signResponse } from '../protocol';

const CODE_OF = new Map<string, ProblemCode>([
  ['HPE_HEADER_OVERFLOW', 'HEADERS_TOO_LARGE'],
  ['ERR_HTTP_REQUEST_TIMEOUT', 'REQUEST_TIMEOUT'],
  ['HPE_HEADERS_TIMEOUT', 'REQUEST_TIMEOUT'],
]);

export function createClientErrorHandler(deps: Pick<HubDeps, 'trust' | 'metrics'>) {
  return (err: Error & { code?: string }, socket: Duplex): void => {
    // A reset connection, or one whose answer has begun (a pipelined request), gets nothing more.
    const inProgress = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
      ?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || inProgress) return void socket.destroy();
    const code = CODE_OF.get(err.code ?? '') ?? 'REQUEST_MALFORMED';
    const p = problem(code);
    const body = Buffer.from(JSON.stringify(p));
    const signed = signResponse({ body, status: p.status, signer: deps.trust.hubSigner });
    deps.metrics.refusalsBeforeAuth.inc({ code });
    const head =
      `HTTP/1.1 ${p.status} ${STATUS_CODES[p.status] ?? ''}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n` +
      Object.entries(signed)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('') +
      '\r\n';
    socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  };
}
