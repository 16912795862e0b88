/**
 * The SMS and e-mail gateway's own dialect (a Vietnamese brandname SMS API, as upstream/openapi.yaml
 * describes it): PascalCase fields, phones as 84xxxxxxxxx without a plus, `IsUnicode` 0/1, answers
 * `{ CodeResult, SMSID|EmailID, ErrorMessage, SendTime }` where CodeResult "100" means accepted and any other
 * code is a refusal — sent with HTTP 200 like the acceptance. Times are dd/MM/yyyy HH:mm:ss (Asia/Ho_Chi_Minh).
 */
import Joi from 'joi';
import { parseTimestamp } from '../../contracts/validators/date';
import { readUpstream, UpstreamError } from '../sdk';

/** The gateway's phone form: the international number without its plus (84 + national number, no trunk 0). */
export const GATEWAY_PHONE = /^\d{8,15}$/;
/** The numbers the gateway delivers SMS to: Vietnamese mobiles. */
export const GATEWAY_MOBILE = /^84[35789]\d{8}$/;

export interface SmsRequest {
  Phone: string;
  Content: string;
  /** The registered sender name (at most 11 characters, the GSM limit for alphanumeric senders). */
  Brandname: string;
  /** 1 when the content needs UCS-2 (Vietnamese diacritics), 0 for plain GSM text. */
  IsUnicode: 0 | 1;
  /** The partner's id of the request, echoed in delivery reports. */
  RequestId: string;
  /** A free partner reference (e.g. the dossier code). */
  PartnerRef: string | null;
}

export interface EmailRequest {
  To: string;
  Subject: string;
  Content: string;
  IsHtml: 0 | 1;
  FromName: string;
  RequestId: string;
  PartnerRef: string | null;
}

export interface GatewayAnswer {
  CodeResult: string;
  SMSID?: string;
  EmailID?: string;
  ErrorMessage: string;
  /** dd/MM/yyyy HH:mm:ss */
  SendTime?: string;
}

/** The gateway's result codes. Every code but "100" is a refusal. */
export const CODE_RESULTS: Readonly<Record<string, string>> = {
  '100': 'Thành công',
  '99': 'Lỗi không xác định hoặc sai định dạng yêu cầu',
  '104': 'Brandname chưa được đăng ký',
  '118': 'Số điện thoại không hợp lệ hoặc không phải số di động Việt Nam',
  '119': 'Nội dung không hợp lệ (rỗng, quá dài, hoặc có ký tự Unicode khi IsUnicode=0)',
  '120': 'Địa chỉ e-mail không hợp lệ',
  '122': 'Tên miền người nhận không nhận thư',
};
export const ACCEPTED = '100';

const sendTime = Joi.string()
  .pattern(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/)
  .custom((v: string, h) => (parseTimestamp(v).ok ? v : h.error('any.invalid')));

const text = Joi.string().allow('', null);

export const smsRequestSchema = Joi.object({
  Phone: Joi.string().pattern(GATEWAY_PHONE).required(),
  Content: Joi.string().allow('').required(),
  Brandname: Joi.string().required(),
  IsUnicode: Joi.number().valid(0, 1).required(),
  RequestId: Joi.string().min(1).max(100).required(),
  PartnerRef: text.max(100),
});

export const emailRequestSchema = Joi.object({
  To: Joi.string().min(3).max(254).required(),
  Subject: Joi.string().min(1).max(200).required(),
  Content: Joi.string().min(1).max(100_000).required(),
  IsHtml: Joi.number().valid(0, 1).required(),
  FromName: Joi.string().min(1).max(100).required(),
  RequestId: Joi.string().min(1).max(100).required(),
  PartnerRef: text.max(100),
});

const resultSchema = Joi.object({
  CodeResult: Joi.string()
    .pattern(/^\d{2,3}$/)
    .required(),
  ErrorMessage: Joi.string().allow('').required(),
});

/** An accepted SMS: the gateway's message id and when it took the message. */
export const smsAcceptedSchema = resultSchema.keys({
  SMSID: Joi.string().min(1).max(100).required(),
  SendTime: sendTime.required(),
});

export const emailAcceptedSchema = resultSchema.keys({
  EmailID: Joi.string().min(1).max(100).required(),
  SendTime: sendTime.required(),
});

/** Reads an error body on a 4xx/5xx answer (the transport's ErrorBodyReader). */
export function readError(data: unknown): { upstreamCode?: string; reason?: string } | undefined {
  const { error } = resultSchema.validate(data, { allowUnknown: true, convert: false });
  if (error) return undefined;
  const d = data as GatewayAnswer;
  return { upstreamCode: d.CodeResult, reason: CODE_RESULTS[d.CodeResult] ?? `CodeResult ${d.CodeResult}` };
}

/**
 * Reads a 2xx answer: well formed (else malformed); CodeResult ≠ "100" is a refusal (rejected, not retryable,
 * the code as upstream code); an acceptance must carry the fields of `accepted`. A refusal's reason is the
 * catalogue's text for its code, not the gateway's ErrorMessage, which may quote the recipient.
 */
export function readAnswer<T>(upstream: string, body: unknown, accepted: Joi.Schema, status = 200): T {
  // An acceptance, the common case, in one reading: `accepted` extends resultSchema.
  if (typeof body === 'object' && body !== null && (body as { CodeResult?: unknown }).CodeResult === ACCEPTED)
    return readUpstream<T>(upstream, accepted, body);
  const r = readUpstream<GatewayAnswer>(upstream, resultSchema, body);
  if (r.CodeResult !== ACCEPTED) {
    throw new UpstreamError({
      upstream,
      code: 'rejected',
      status,
      upstreamCode: r.CodeResult,
      reason: `${CODE_RESULTS[r.CodeResult] ?? 'Từ chối'} (CodeResult ${r.CodeResult})`,
    });
  }
  return readUpstream<T>(upstream, accepted, body);
}
