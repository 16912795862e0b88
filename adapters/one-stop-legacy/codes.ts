/**
 * The legacy one-stop system's own code lists — dossier statuses, channels, applicant kinds, the old online-service
 * level — and the table its administrators keep from the old procedure codes (T-HNO-xxxxxx-TT, from the former
 * national procedure database) to the portal's codes (d.dDDDDD). Pure data and lookups.
 */
import type { DossierStatus } from '../../contracts/schemas/dossier';

/** The system's status codes, each with the portal status (1–10) it stands for. */
export const LEGACY_STATUSES = {
  MOI: 1,
  DA_TIEP_NHAN: 2,
  KHONG_TIEP_NHAN: 3,
  DANG_XU_LY: 4,
  CHO_BO_SUNG: 5,
  CHO_NVTC: 6,
  CONG_DAN_RUT: 7,
  DUNG_XU_LY: 8,
  DA_XONG: 9,
  DA_TRA: 10,
} as const satisfies Record<string, DossierStatus>;
export type LegacyStatus = keyof typeof LEGACY_STATUSES;
export const LEGACY_STATUS_CODES = Object.keys(LEGACY_STATUSES) as LegacyStatus[];

/** Portal status → the system's code (the table read backwards; it is one-to-one). */
export function legacyStatusOf(status: number): LegacyStatus | undefined {
  return LEGACY_STATUS_CODES.find((code) => LEGACY_STATUSES[code] === status);
}

/** Channels: at the desk, online (the system's own portal), by post. */
export const LEGACY_CHANNELS = { TRUC_TIEP: 1, TRUC_TUYEN: 2, BUU_CHINH: 3 } as const;
export type LegacyChannel = keyof typeof LEGACY_CHANNELS;
export const LEGACY_CHANNEL_CODES = Object.keys(LEGACY_CHANNELS) as LegacyChannel[];
export const legacyChannelOf = (channel: number): LegacyChannel | undefined =>
  LEGACY_CHANNEL_CODES.find((c) => LEGACY_CHANNELS[c] === channel);

/** Applicant kinds: a citizen (CCCD) or an organisation (tax code). */
export const APPLICANT_KINDS = { CONG_DAN: 1, TO_CHUC: 2 } as const;
export type ApplicantKind = keyof typeof APPLICANT_KINDS;

export type OnlineService = 'end-to-end' | 'partial' | 'none';

/**
 * The old online-service level (Decree 43/2011) → the Decree 42/2022 kind, by the same rule as the contracts'
 * dossier@1 → dossier@2 upgrade: level 4 is end-to-end, level 3 partial, levels 1–2 (information and forms only)
 * no online service.
 */
export function onlineServiceOfLevel(level: 1 | 2 | 3 | 4): OnlineService {
  return level === 4 ? 'end-to-end' : level === 3 ? 'partial' : 'none';
}

/** The kind → the level the system records for it (2 for "none": the system's lowest level in use). */
export function levelOfOnlineService(kind: OnlineService): 2 | 3 | 4 {
  return kind === 'end-to-end' ? 4 : kind === 'partial' ? 3 : 2;
}

/**
 * The system's procedure-code table: old code → portal code, as the district's administrators configured it.
 * The portal codes are shaped like the national database's but unverified against it (synthetic, like the
 * system); an old code that is not in the table has no portal code, and a dossier carrying it is refused, never
 * guessed.
 */
export const PROCEDURE_CODES: Readonly<Record<string, string>> = {
  'T-HNO-264512-TT': '2.000720', // Đăng ký thành lập hộ kinh doanh
  'T-HNO-264513-TT': '2.000575', // Đăng ký thay đổi nội dung đăng ký hộ kinh doanh
  'T-HNO-285871-TT': '1.009997', // Cấp giấy phép xây dựng nhà ở riêng lẻ
  'T-HNO-286034-TT': '1.004227', // Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất
  'T-HNO-277413-TT': '2.000815', // Chứng thực bản sao từ bản chính giấy tờ, văn bản
  'T-HNO-277420-TT': '2.000884', // Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản
  'T-HNO-281122-TT': '1.001695', // Đăng ký khai sinh có yếu tố nước ngoài
  'T-HNO-291507-TT': '1.003605', // Xác nhận hộ gia đình làm nông nghiệp có mức sống trung bình
};

export const portalProcedureCodeOf = (legacyCode: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(PROCEDURE_CODES, legacyCode) ? PROCEDURE_CODES[legacyCode] : undefined;

export const legacyProcedureCodeOf = (portalCode: string): string | undefined =>
  Object.keys(PROCEDURE_CODES).find((k) => PROCEDURE_CODES[k] === portalCode);
