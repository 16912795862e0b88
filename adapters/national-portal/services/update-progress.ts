/**
 * update-progress/v1: one status change of a dossier, delivered in order. The portal refuses a change
 * older than the last one it holds for the dossier (THU_TU_KHONG_HOP_LE) and a change for a dossier it
 * never received (HO_SO_KHONG_TON_TAI, not found): both are rejected UpstreamErrors, never retried.
 */
import { Joi } from '../../../contracts';
import { defineService } from '../../sdk';
import { xacNhanSchema, type XacNhan } from '../dialect';
import { readEnvelope } from '../envelope';
import type { PortalClient } from '../index';
import { fromXacNhan, toTienDo, type ProgressInput } from '../mapping';
import { dossierCode, dossierStatus, portalAck, unitRef } from './common';

export const updateProgressInput = Joi.object({
  dossierCode: dossierCode.required(),
  status: dossierStatus.required(),
  at: Joi.timestamp().required().description('When the status changed'),
  unit: unitRef.required().description('The unit that made the change'),
  note: Joi.vnText().max(2000),
  actor: Joi.string().max(200).description('Officer or system that made the change'),
  dueAt: Joi.timestamp().description('For a supplement request (status 5): when the citizen must answer'),
}).id('UpdateProgressRequest_v1');

export const updateProgress = defineService<PortalClient, ProgressInput, Record<string, unknown>>({
  name: 'update-progress',
  version: 1,
  title: "One status change of a dossier, to the national portal (in the dossier's order)",
  kind: 'write',
  input: updateProgressInput,
  output: portalAck,
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/hoso/tiendo',
      body: toTienDo(input),
    });
    return fromXacNhan(readEnvelope<XacNhan>(ctx.client.upstream, res.data, xacNhanSchema, res.status));
  },
});
