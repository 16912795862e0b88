/**
 * dossier-status/v1: what the national portal holds for a dossier — its status, the history of status
 * changes it received, and its on-time flag once processing has finished.
 */
import { Joi } from '../../../contracts';
import { defineService } from '../../sdk';
import { traCuuSchema, type TraCuuHoSo } from '../dialect';
import { readEnvelope } from '../envelope';
import type { PortalClient } from '../index';
import { fromTraCuu } from '../mapping';
import { dossierCode, dossierStatus, unitRef } from './common';

export const portalDossierView = Joi.object({
  dossierCode: dossierCode.required(),
  status: dossierStatus.required(),
  history: Joi.array()
    .items(
      Joi.object({
        status: dossierStatus.required(),
        at: Joi.timestamp().required(),
        unit: unitRef.required(),
      }),
    )
    .required(),
  onTime: Joi.boolean().description(
    'Finished no later than the due date, not counting time spent in status 5; absent until finished',
  ),
})
  .id('PortalDossierView_v1')
  .description('What the national portal holds for a dossier');

export const dossierStatusService = defineService<
  PortalClient,
  { dossierCode: string },
  Record<string, unknown>
>({
  name: 'dossier-status',
  version: 1,
  title: 'What the national portal holds for a dossier',
  kind: 'read',
  input: Joi.object({ dossierCode: dossierCode.required() }).id('DossierStatusRequest_v1'),
  output: portalDossierView,
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'GET',
      path: `/api/v1/hoso/${encodeURIComponent(input.dossierCode)}`,
    });
    return fromTraCuu(readEnvelope<TraCuuHoSo>(ctx.client.upstream, res.data, traCuuSchema, res.status));
  },
});
