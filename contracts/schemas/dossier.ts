/**
 * Dossier (hồ sơ) as exchanged with the national public-service portal.
 * dossier@1 carries the old online-service level 1–4 (Decree 43/2011, Decree 61/2018);
 * dossier@2 carries the online-service kind of Decree 42/2022: end-to-end online (toàn trình) or
 * partly online (một phần). `upgradeDossierV1` maps one to the other.
 */
import { Joi } from '../extensions';
import {
  addressSchema,
  documentSchema,
  emailSchema,
  PROCEDURE_CODE_PATTERN,
  unitRefSchema,
  vndSchema,
} from './common';

/** The 10 dossier statuses used across one-stop systems and the portal. */
export const DOSSIER_STATUSES = {
  1: { en: 'newly submitted', vi: 'Mới đăng ký' },
  2: { en: 'accepted', vi: 'Được tiếp nhận' },
  3: { en: 'rejected at intake', vi: 'Không được tiếp nhận' },
  4: { en: 'processing', vi: 'Đang xử lý' },
  5: { en: 'supplement requested', vi: 'Yêu cầu bổ sung' },
  6: { en: 'financial obligation to pay', vi: 'Chờ thực hiện nghĩa vụ tài chính' },
  7: { en: 'withdrawn by the citizen', vi: 'Công dân yêu cầu rút hồ sơ' },
  8: { en: 'processing stopped', vi: 'Dừng xử lý' },
  9: { en: 'processing finished', vi: 'Đã xử lý xong' },
  10: { en: 'result returned', vi: 'Đã trả kết quả' },
} as const;
export type DossierStatus = keyof typeof DOSSIER_STATUSES;
const statusCodes = Object.keys(DOSSIER_STATUSES).map(Number);

/** Channels: 1 in person, 2 online, 3 postal. */
export const CHANNELS = { 1: 'in-person', 2: 'online', 3: 'postal' } as const;

const statusSchema = Joi.number()
  .integer()
  .valid(...statusCodes)
  .description(
    '1 new · 2 accepted · 3 rejected at intake · 4 processing · 5 supplement requested · 6 financial obligation · 7 withdrawn · 8 stopped · 9 finished · 10 returned',
  );

const applicantSchema = Joi.object({
  name: Joi.personName().required(),
  kind: Joi.number().integer().valid(1, 2).required().description('1 citizen, 2 organisation'),
  id: Joi.alternatives()
    .conditional('kind', { is: 1, then: Joi.personalId(), otherwise: Joi.taxCode() })
    .required()
    .description('Personal ID of a citizen, tax code of an organisation'),
  phone: Joi.phone(),
  email: emailSchema,
  address: addressSchema,
});

const progressSchema = Joi.object({
  at: Joi.timestamp().required(),
  status: statusSchema.required(),
  unit: unitRefSchema,
  actor: Joi.string().max(200).description('Officer or system that made the change'),
  note: Joi.vnText().max(2000),
  dueAt: Joi.timestamp().description('For a supplement request: when the citizen must answer'),
});

const feeSchema = Joi.object({
  name: Joi.vnText().max(300).required(),
  amount: vndSchema.required(),
  paid: Joi.boolean().default(false),
  voucherNumber: Joi.string().max(50),
});

const dossierFields = {
  dossierCode: Joi.string()
    .pattern(/^[A-Za-z0-9.\-_]{4,50}$/)
    .required(),
  procedureCode: Joi.string()
    .pattern(PROCEDURE_CODE_PATTERN)
    .required()
    .description('Portal procedure code, d.dDDDDD'),
  procedureName: Joi.vnText().max(500).required(),
  applicant: applicantSchema.required(),
  summary: Joi.vnText().max(2000),
  receivedAt: Joi.timestamp().required(),
  dueAt: Joi.timestamp().required(),
  finishedAt: Joi.timestamp(),
  returnedAt: Joi.timestamp(),
  processingUnit: unitRefSchema.required(),
  channel: Joi.number().integer().valid(1, 2, 3).required().description('1 in person, 2 online, 3 postal'),
  onlinePayment: Joi.boolean().default(false),
  fees: Joi.array().items(feeSchema).max(50).default([]),
  documents: Joi.array().items(documentSchema).max(200).default([]),
  status: statusSchema.required(),
  history: Joi.array().items(progressSchema).max(1000).default([]),
};

export const dossierV1Schema = Joi.object({
  ...dossierFields,
  onlineServiceLevel: Joi.number()
    .integer()
    .valid(1, 2, 3, 4)
    .required()
    .description('Old online public-service level 1–4 (Decree 43/2011)'),
}).description('A dossier with the old online-service level 1–4');

export const ONLINE_SERVICE_KINDS = ['end-to-end', 'partial', 'none'] as const;

export const dossierV2Schema = Joi.object({
  ...dossierFields,
  onlineService: Joi.string()
    .valid(...ONLINE_SERVICE_KINDS)
    .required()
    .description(
      'Decree 42/2022: end-to-end online (toàn trình), partly online (một phần), or none (information only)',
    ),
}).description('A dossier with the online-service kind of Decree 42/2022');

/**
 * dossier@1 → dossier@2. Level 4 (everything online, payment included) is end-to-end; level 3 (submitted
 * online, paid or collected in person) is partial; levels 1–2 only published information and forms,
 * which Decree 42/2022 no longer counts as an online public service.
 */
export function upgradeDossierV1(v1: Record<string, unknown>): Record<string, unknown> {
  const { onlineServiceLevel, ...rest } = v1;
  const onlineService =
    onlineServiceLevel === 4 ? 'end-to-end' : onlineServiceLevel === 3 ? 'partial' : 'none';
  return { ...rest, onlineService };
}
