/**
 * Authentication of a member's request, shared by every member route: the signature and hub headers
 * (hub/protocol), the member and subsystem known to the configuration, replay refusal, and the
 * member's rate limit (those two in one Redis round trip). Throws HubError; fills in what it learnt
 * (message id, request hash, client) for the audit record even when it fails.
 */
import { X509Certificate } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import type { Request } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { HubDeps } from '../context';
import { certificateKid, verifyRequest, type VerifiedRequest } from '../protocol';
import { HubError } from './problem';

/** What is known about a request's sender, as far as it got. */
export interface Caller {
  client?: string;
  claimedClient?: string;
  messageId?: string;
  requestHash?: string;
  purpose?: string;
}

export function claimedClient(req: Request): string | undefined {
  const claimed = req.headers['x-hub-client'];
  return typeof claimed === 'string' && /^[\x21-\x7e]{1,120}$/.test(claimed) ? claimed : undefined;
}

/** The TLS client certificate of a connection: its kid, or why it is not valid. Cached per connection. */
const peers = new WeakMap<TLSSocket, { kid?: string; refused?: string }>();

function tlsPeer(req: Request): { kid?: string; refused?: string } | undefined {
  const socket = req.socket;
  if (!(socket instanceof TLSSocket)) return undefined;
  let peer = peers.get(socket);
  if (!peer) {
    const raw = socket.getPeerCertificate()?.raw;
    if (!raw) peer = {};
    else if (!socket.authorized)
      peer = { refused: String(socket.authorizationError ?? 'not issued by the hub CA') };
    else peer = { kid: certificateKid(new X509Certificate(raw)) };
    peers.set(socket, peer);
  }
  return peer.kid || peer.refused ? peer : undefined;
}

export async function authenticate(
  deps: HubDeps,
  req: Request,
  raw: Buffer,
  caller: Caller,
): Promise<VerifiedRequest> {
  const clock = deps.clock ?? Date.now;
  const v = verifyRequest({
    method: req.method,
    path: req.originalUrl,
    // Repeated headers as arrays: a second Hub-Signature (or any hub header) is refused, not joined.
    headers: req.headersDistinct ?? req.headers,
    body: raw,
    trust: deps.trust,
    now: clock(),
    iatWindowSec: deps.config.hub.limits.iatWindowSec,
  });
  caller.requestHash = v.requestHash;
  caller.messageId = v.messageId;
  if (!v.ok) throw new HubError(v.code, v.context);
  caller.client = v.client;
  caller.purpose = v.purpose;
  const member = deps.config.members.find((m) => m.id === v.memberId);
  if (!member || !member.subsystems.includes(v.subsystem)) {
    throw new HubError('FORBIDDEN_SERVICE', { member: v.client, service: req.path.slice(0, 200) });
  }
  // mTLS: a client certificate, when the connection has one, must be a live certificate of the signer.
  const peer = tlsPeer(req);
  if (peer?.refused) throw new HubError('CLIENT_CERT_INVALID', { reason: peer.refused.slice(0, 120) });
  if (peer?.kid) {
    const key = deps.trust.resolve(peer.kid, clock());
    if (!key.ok) throw new HubError(key.code, { kid: peer.kid });
    if (key.memberId !== v.memberId)
      throw new HubError('CLIENT_CERT_MISMATCH', { certMember: key.memberId, member: v.memberId });
  }
  // The replay check and the rate limit are independent Redis calls: both are sent at once, one round
  // trip instead of two. The outcome is as if they ran in turn: a replay is refused before the rate limit
  // is looked at, and the point its consume took is given back.
  const fresh = deps.replay.checkAndRemember(v.kid, v.messageId);
  const refusal = deps.rateLimiter.consume(v.memberId).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(await fresh)) {
    const r = await refusal;
    // Refused by the limiter or not, the consume counted the point; a Redis failure counted nothing.
    if (r === undefined || r instanceof RateLimiterRes)
      await deps.rateLimiter.reward(v.memberId, 1).catch(() => undefined);
    throw new HubError(
      'REPLAYED',
      { messageId: v.messageId },
      {
        detail:
          'The outcome of the first request with this message id is unknown to this answer: read the status ' +
          '(GET /v1/deliveries/{id}), or send a new message with the same Idempotency-Key',
        detailVi:
          'Kết quả của yêu cầu đầu tiên với mã thông điệp này không có trong câu trả lời này: hãy xem trạng thái ' +
          '(GET /v1/deliveries/{id}), hoặc gửi thông điệp mới với cùng khoá Idempotency-Key',
      },
    );
  }
  const err = await refusal;
  if (err instanceof RateLimiterRes) {
    const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw new HubError('RATE_LIMITED', { retryAfter }, { headers: { 'retry-after': String(retryAfter) } });
  }
  if (err !== undefined) throw err;
  return v;
}
