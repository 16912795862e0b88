/**
 * land-registry: the land registry (Hệ thống thông tin đất đai, văn phòng đăng ký đất đai), SOAP/XML without
 * XML-DSig. Parcels by commune + map sheet + parcel number, and the land office's side of the land-use-right
 * transfer joint procedure: registration of the change, the Mẫu 15 slip to tax, and the update after payment.
 */
import Joi from 'joi';
import { defineAdapter, SoapTransport } from '../sdk';
import { ask } from './ask';
import { ENDPOINT_PATH, NAMESPACE } from './dialect';
import { completeTransfer } from './services/complete-transfer';
import { issueInformationSlip } from './services/issue-information-slip';
import { parcel } from './services/parcel';
import { registerTransfer } from './services/register-transfer';

export type LandRegistryClient = SoapTransport;

const pingAnswer = Joi.object({ trangThai: Joi.string().valid('HOAT_DONG').required() });

export const adapter = defineAdapter<LandRegistryClient>({
  id: 'land-registry',
  version: 1,
  protocol: 'soap',
  title: 'Land registry (Hệ thống thông tin đất đai / văn phòng đăng ký đất đai)',
  spec: 'upstream/dang-ky-dat-dai.wsdl',
  services: [parcel, registerTransfer, issueInformationSlip, completeTransfer],
  createClient: (config, deps) =>
    new SoapTransport({
      upstream: 'land-registry',
      endpoint: `${config.baseUrl}${ENDPOINT_PATH}`,
      agent: deps.agent,
      namespace: NAMESPACE,
      maxBytes: config.maxBodyBytes,
    }),
  async ping(ctx) {
    await ask(ctx, 'KiemTraHoatDong', {}, pingAnswer);
  },
});
