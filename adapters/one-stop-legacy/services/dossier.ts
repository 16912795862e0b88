/**
 * dossier/v1: one dossier of the legacy system by its code → dossier@2, the applicant's address carried as the
 * system holds it (legacy commune code, old district code): the contract maps it to the latest catalogue and says
 * when the old commune was split (ambiguous, every candidate listed). Text that cannot be converted cleanly, a
 * two-digit year the rule cannot decide or a code without a mapping make the answer malformed.
 */
import { Joi } from '../../../contracts';
import { defineService } from '../../sdk';
import { DOSSIER_CODE } from '../dialect';
import type { LegacyClient } from '../index';
import { readDossier } from '../read';

export const dossier = defineService<LegacyClient, { dossierCode: string }, Record<string, unknown>>({
  name: 'dossier',
  version: 1,
  title: 'One dossier of the legacy one-stop system by its code',
  kind: 'read',
  input: Joi.object({
    dossierCode: Joi.string().pattern(DOSSIER_CODE).required().description('The dossier code (mã hồ sơ)'),
  }).id('LegacyDossierRequest_v1'),
  output: 'dossier@2',
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'GET',
      path: '/mcdt/api/HoSo/ChiTiet',
      query: { maHoSo: input.dossierCode },
    });
    return readDossier(ctx.client.upstream, res.data);
  },
});
