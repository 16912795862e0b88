/**
 * issue-information-slip/v1: the land office draws up the Mẫu số 15 slip (phiếu chuyển thông tin để xác định
 * nghĩa vụ tài chính về đất đai) for a registered transfer and sends it to tax (step 3) → information-slip@1,
 * with the land price per m² from the province's price table. The dossier moves to DA_CHUYEN_THUE.
 */
import { Joi } from '../../../contracts';
import { defineService } from '../../sdk';
import { ask } from '../ask';
import { lapPhieuAnswer, type PhieuChuyenThongTin } from '../dialect';
import type { LandRegistryClient } from '../index';
import { fromPhieu } from '../mapping-transfer';

export const issueInformationSlip = defineService<
  LandRegistryClient,
  { dossierCode: string },
  Record<string, unknown>
>({
  name: 'issue-information-slip',
  version: 1,
  title: 'Issue the Mẫu 15 information slip to tax for a registered transfer',
  kind: 'write',
  input: Joi.object({
    dossierCode: Joi.string().max(50).required().description('The dossier of a registered transfer'),
  }).id('IssueInformationSlipRequest_v1'),
  output: 'information-slip@1',
  async execute(ctx, input) {
    const r = await ask<{ phieu: PhieuChuyenThongTin }>(
      ctx,
      'LapPhieuChuyenThongTin',
      { maHoSo: input.dossierCode },
      lapPhieuAnswer,
    );
    return fromPhieu(r.phieu);
  },
});
