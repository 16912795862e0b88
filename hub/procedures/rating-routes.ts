/**
 * The rating link an applicant gets with the result: GET /v1/ratings/{code}/{token} (the dossier, the
 * portal's criteria and levels) and POST /v1/ratings/{code}/{token} (the answers). The applicant has no
 * key: the token in the link authenticates, and requests are rate-limited per address. Answers are
 * JSON (a citizen portal's page posts them), problems are problem+json like every hub error; both are
 * signed by the hub like every answer under /v1 (docs/protocol.md §6), bound to the message id when the
 * page sends one.
 */
import type { Request, Response } from 'express';
import Joi from 'joi';
import { contractProblem, fieldErrorsFromJoi, Joi as VnJoi } from '../../contracts';
import { RATING_CRITERIA, RATING_LEVELS } from '../../adapters/national-portal/mapping';
import type { HubDeps } from '../context';
import { jsonAnswer, signAndSend, type Answer } from '../exchange/respond';
import { problemAnswer } from '../http/member-route';
import { parseJsonBody, readRawBody } from '../http/body';
import { HubError } from '../http/problem';
import { requestBinding } from '../protocol';
import type { RatingAnswers, Ratings } from './rating';

/** The answers of a rating, as the rating link and the lookup page (hub/web/citizen/rating-form.tsx) take them. */
export const ratingBody = Joi.object({
  answers: Joi.array()
    .items(
      Joi.object({
        criterion: Joi.string()
          .valid(...Object.keys(RATING_CRITERIA))
          .required(),
        level: Joi.string()
          .valid(...Object.keys(RATING_LEVELS))
          .required(),
      }),
    )
    .min(1)
    .max(Object.keys(RATING_CRITERIA).length)
    .unique('criterion')
    .required(),
  comment: VnJoi.vnText().max(2000),
});

export function createRatingRoutes(deps: HubDeps, ratings: Ratings) {
  const params = (req: Request) => {
    const p = req.params as Record<string, string>;
    return { code: String(p.code).slice(0, 80), token: String(p.token).slice(0, 80) };
  };
  /** An outsider's requests are bounded: one point per request from the address. */
  const limit = async (req: Request) => {
    try {
      await deps.rateLimiter.consume(`rating:${req.ip ?? 'unknown'}`);
    } catch (err) {
      if (err instanceof Error) throw err;
      const retryAfter = Math.max(
        1,
        Math.ceil(((err as { msBeforeNext?: number }).msBeforeNext ?? 1000) / 1000),
      );
      throw new HubError('RATE_LIMITED', { retryAfter }, { headers: { 'retry-after': String(retryAfter) } });
    }
  };
  const send = (req: Request, res: Response, a: Answer) =>
    signAndSend(deps, res, a, requestBinding(req.headersDistinct, undefined));
  const answer = (req: Request, res: Response, status: number, value: unknown) =>
    send(req, res, jsonAnswer(status, value));
  const fail = (req: Request, res: Response, err: unknown) => send(req, res, problemAnswer(deps, err));

  return {
    async get(req: Request, res: Response) {
      try {
        await limit(req);
        const { code, token } = params(req);
        const form = await ratings.form(code, token);
        if (!form) throw new HubError('RATING_UNKNOWN');
        answer(req, res, 200, form);
      } catch (err) {
        fail(req, res, err);
      }
    },
    async post(req: Request, res: Response) {
      try {
        await limit(req);
        const { code, token } = params(req);
        const raw = await readRawBody(req, deps.config.hub.limits.bodyBytes);
        const v = ratingBody.validate(parseJsonBody(req, raw, deps.config.hub.limits.jsonDepth), {
          abortEarly: false,
        });
        if (v.error) {
          const p = contractProblem('rating', fieldErrorsFromJoi(v.error));
          throw new HubError('CONTRACT_INVALID', { contract: 'rating' }, { errors: p.errors });
        }
        const r = await ratings.rate(code, token, v.value as RatingAnswers);
        if (r === 'unknown') throw new HubError('RATING_UNKNOWN');
        if (r === 'given') throw new HubError('RATING_GIVEN', { code });
        answer(req, res, 202, { dossierCode: r.code, ratedAt: r.rating!.ratedAt });
      } catch (err) {
        fail(req, res, err);
      }
    },
  };
}
