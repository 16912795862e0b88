/**
 * rate-dossier/v1: the citizen's satisfaction rating of a finished dossier — one answer per criterion of
 * the portal's form, each very satisfied / satisfied / not satisfied. The portal keeps the latest rating;
 * it refuses one for a dossier still in processing (HO_SO_CHUA_KET_THUC).
 */
import { Joi } from '../../../contracts';
import { defineService } from '../../sdk';
import { xacNhanSchema, type XacNhan } from '../dialect';
import { readEnvelope } from '../envelope';
import type { PortalClient } from '../index';
import { fromXacNhan, RATING_CRITERIA, RATING_LEVELS, toDanhGia, type RatingInput } from '../mapping';
import { dossierCode, portalAck } from './common';

export const rateDossierInput = Joi.object({
  dossierCode: dossierCode.required(),
  ratedAt: Joi.timestamp().required(),
  answers: Joi.array()
    .items(
      Joi.object({
        criterion: Joi.string()
          .valid(...Object.keys(RATING_CRITERIA))
          .required(),
        level: Joi.string()
          .valid(...Object.keys(RATING_LEVELS))
          .required()
          .description('very-satisfied, satisfied or not-satisfied'),
      }),
    )
    .min(1)
    .max(Object.keys(RATING_CRITERIA).length)
    .unique('criterion')
    .required(),
  comment: Joi.vnText().max(2000),
}).id('RateDossierRequest_v1');

export const rateDossier = defineService<PortalClient, RatingInput, Record<string, unknown>>({
  name: 'rate-dossier',
  version: 1,
  title: "The citizen's satisfaction rating of a dossier, to the national portal",
  kind: 'write',
  input: rateDossierInput,
  output: portalAck,
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/hoso/danhgia',
      body: toDanhGia(input),
    });
    return fromXacNhan(readEnvelope<XacNhan>(ctx.client.upstream, res.data, xacNhanSchema, res.status));
  },
});
