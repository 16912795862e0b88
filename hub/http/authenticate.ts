/**
 * Authentication of a member's request, shared by every member route: the signature and hub headers
 * (hub/protocol), the member and subsystem known to the configuration, replay refusal, and the
 * member's rate limit. Throws HubError; fills in what it learnt (message id, request hash, client) for
 * the audit record even when it fails.
 */
import type { Request } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { HubDeps } from '../context';
import { verifyRequest, type VerifiedRequest } from '../protocol';
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
    headers: req.headers,
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
  if (!(await deps.replay.checkAndRemember(v.kid, v.messageId)))
    throw new HubError('REPLAYED', { messageId: v.messageId });
  try {
    await deps.rateLimiter.consume(v.memberId);
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new HubError('RATE_LIMITED', { retryAfter }, { headers: { 'retry-after': String(retryAfter) } });
    }
    throw err;
  }
  return v;
}
