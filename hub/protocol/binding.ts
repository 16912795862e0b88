/**
 * What binds an answer to its request when the request was not (or not yet) verified: the message id
 * from `X-Hub-Message-Id` when it is well formed, and the request hash when the `Hub-Signature` header's
 * protected-header part can be read and the whole body was read. Every answer the hub's own code gives
 * under /v1 carries what of this it could compute (docs/protocol.md §6), refusals included.
 */
import { HEADER, readHeader, type HeaderBag } from './headers';
import { MESSAGE_ID_PATTERN } from './identifiers';
import { MAX_HEADER_B64, requestHash } from './jws';

export interface Binding {
  messageId?: string;
  requestHash?: string;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** The binding of a request: `body` is its exact bytes, or undefined when the body was not read (413). */
export function requestBinding(headers: HeaderBag, body: Buffer | undefined): Binding {
  const out: Binding = {};
  const id = readHeader(headers, HEADER.messageId);
  if (id.kind === 'value' && MESSAGE_ID_PATTERN.test(id.value)) out.messageId = id.value;
  const sig = readHeader(headers, HEADER.signature);
  if (body !== undefined && sig.kind === 'value') {
    const dot = sig.value.indexOf('..');
    const headerB64 = dot > 0 ? sig.value.slice(0, dot) : '';
    if (headerB64.length <= MAX_HEADER_B64 && B64URL.test(headerB64) && headerB64.length % 4 !== 1)
      out.requestHash = requestHash(headerB64, body);
  }
  return out;
}
