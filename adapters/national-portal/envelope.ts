/**
 * The portal's answer envelope `{ error_code, message, data }` and its error catalogue. The portal wraps
 * every answer in it, refusals included: a business refusal comes with HTTP 200 and `error_code ≠ 0`,
 * a transport-level one (bad request, server fault) with a 4xx/5xx and the same envelope. Both become an
 * UpstreamError here; a 200 with `error_code ≠ 0` is never data.
 */
import Joi, { type Schema } from 'joi';
import { readUpstream, UpstreamError } from '../sdk';

export interface Envelope {
  error_code: number;
  message: string;
  data?: unknown;
}

/** The portal's numeric error codes and the names its documentation gives them. */
export const PORTAL_ERRORS: Readonly<Record<number, { name: string; vi: string; notFound?: boolean }>> = {
  0: { name: 'THANH_CONG', vi: 'Thành công' },
  1: { name: 'THAM_SO_KHONG_HOP_LE', vi: 'Thiếu hoặc sai tham số' },
  2: { name: 'HO_SO_KHONG_TON_TAI', vi: 'Hồ sơ không tồn tại trên Cổng', notFound: true },
  3: { name: 'THU_TU_KHONG_HOP_LE', vi: 'Cập nhật cũ hơn trạng thái Cổng đang lưu' },
  4: { name: 'HO_SO_CHUA_KET_THUC', vi: 'Hồ sơ chưa kết thúc xử lý, chưa thể đánh giá' },
  99: { name: 'LOI_HE_THONG', vi: 'Lỗi hệ thống' },
};

/** The catalogue entry of an error code; unknown codes keep their number (`PORTAL_ERROR_<n>`). */
export function portalError(code: number): { name: string; vi: string; notFound: boolean } {
  const e = PORTAL_ERRORS[code];
  return e
    ? { name: e.name, vi: e.vi, notFound: e.notFound ?? false }
    : { name: `PORTAL_ERROR_${code}`, vi: 'Lỗi không xác định', notFound: false };
}

export const envelopeSchema = Joi.object({
  error_code: Joi.number().integer().required(),
  message: Joi.string().allow('').required(),
  data: Joi.any(),
});

/** Reads an envelope on a 4xx/5xx answer (the transport's ErrorBodyReader). */
export function readError(
  data: unknown,
): { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined {
  const { error } = envelopeSchema.validate(data, { allowUnknown: true, convert: false });
  if (error) return undefined;
  const env = data as Envelope;
  const e = portalError(env.error_code);
  return { upstreamCode: e.name, reason: env.message || e.vi, notFound: e.notFound };
}

/**
 * Reads a 2xx answer: the envelope must be well formed (else malformed), `error_code ≠ 0` is a refusal
 * (rejected, not retryable, with the catalogue name as upstream code), and `data` must match the schema
 * of the operation's answer.
 */
export function readEnvelope<T>(upstream: string, body: unknown, dataSchema: Schema, status = 200): T {
  const env = readUpstream<Envelope>(upstream, envelopeSchema, body);
  if (env.error_code !== 0) {
    const e = portalError(env.error_code);
    throw new UpstreamError({
      upstream,
      code: 'rejected',
      status,
      upstreamCode: e.name,
      notFound: e.notFound,
      reason: `${env.message || e.vi} (error_code ${env.error_code})`,
    });
  }
  return readUpstream<T>(upstream, dataSchema.required(), env.data);
}
