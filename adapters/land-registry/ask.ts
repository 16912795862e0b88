/**
 * One SOAP exchange with the land registry: send an operation, check that the answer is that operation's
 * response element, and read its content against the dialect schema (anything else is a malformed answer).
 */
import type { Schema } from 'joi';
import { readUpstream, UpstreamError, type ExecuteContext, type SoapTransport } from '../sdk';

export async function ask<T>(
  ctx: ExecuteContext<SoapTransport>,
  operation: string,
  body: Record<string, unknown>,
  schema: Schema,
): Promise<T> {
  const answer = await ctx.client.call(ctx, { operation, body });
  if (answer.operation !== `${operation}Response`) {
    throw new UpstreamError({
      upstream: ctx.client.upstream,
      code: 'malformed',
      reason: `expected ${operation}Response, got ${answer.operation.slice(0, 60)}`,
    });
  }
  return readUpstream<T>(ctx.client.upstream, schema, answer.body);
}
