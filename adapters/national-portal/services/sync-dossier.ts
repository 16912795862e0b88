/**
 * sync-dossier/v1: pushes a whole dossier (dossier@2) to the national portal, which creates it or replaces
 * its copy. The portal refuses a copy older than the one it holds (THU_TU_KHONG_HOP_LE).
 */
import type { Dossier } from '../../../contracts';
import { defineService } from '../../sdk';
import { xacNhanSchema, type XacNhan } from '../dialect';
import { readEnvelope } from '../envelope';
import type { PortalClient } from '../index';
import { fromXacNhan, toHoSo } from '../mapping';
import { dossierContract, portalAck } from './common';

export const syncDossier = defineService<PortalClient, Dossier, Record<string, unknown>>({
  name: 'sync-dossier',
  version: 1,
  title: 'Push a whole dossier to the national public-service portal',
  kind: 'write',
  input: dossierContract,
  output: portalAck,
  subject: (d) => ({ kind: d.applicant.kind === 1 ? 'citizen' : 'business', id: d.applicant.id }),
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/hoso/dongbo',
      body: toHoSo(input),
    });
    return fromXacNhan(readEnvelope<XacNhan>(ctx.client.upstream, res.data, xacNhanSchema, res.status));
  },
});
