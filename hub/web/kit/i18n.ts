/**
 * The pages' two languages: Vietnamese first, English on request (`?lang=en`, kept in a cookie). Every
 * text a page shows is a pair; `t(lang, pair)` picks one. Field and status names in words live here too.
 */
import type { Request } from 'express';

export type Lang = 'vi' | 'en';
export interface Text {
  vi: string;
  en: string;
}

export const t = (lang: Lang, text: Text): string => text[lang];

/** The page's language: `?lang=`, else the `lang` cookie, else Vietnamese. */
export function langOf(req: Request): Lang {
  const q = req.query.lang;
  if (q === 'en' || q === 'vi') return q;
  return /(?:^|;\s*)lang=en(?:;|$)/.test(req.headers.cookie ?? '') ? 'en' : 'vi';
}

/** Names of the fields of citizens' records, in words (the access log's "which fields"). */
const FIELDS: Record<string, Text> = {
  personalId: { vi: 'Số định danh cá nhân', en: 'Personal ID number' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  fullNameSearchKey: { vi: 'Họ tên (dạng tìm kiếm)', en: 'Name (search form)' },
  dateOfBirth: { vi: 'Ngày sinh', en: 'Date of birth' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  nationality: { vi: 'Quốc tịch', en: 'Nationality' },
  ethnicity: { vi: 'Dân tộc', en: 'Ethnicity' },
  religion: { vi: 'Tôn giáo', en: 'Religion' },
  permanentResidence: { vi: 'Nơi thường trú', en: 'Permanent residence' },
  householdId: { vi: 'Số hộ khẩu', en: 'Household' },
  spouseId: { vi: 'Vợ/chồng', en: 'Spouse' },
  fatherId: { vi: 'Cha', en: 'Father' },
  motherId: { vi: 'Mẹ', en: 'Mother' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  status: { vi: 'Tình trạng', en: 'Status' },
  accessLog: { vi: 'Nhật ký truy cập dữ liệu', en: 'Data access log' },
};
const FIELD_NAMES = new Map(Object.entries(FIELDS));

export const fieldName = (lang: Lang, field: string): string => FIELD_NAMES.get(field)?.[lang] ?? field;

/** Step and item states, in words. */
const STATES = new Map<string, Text>(
  Object.entries({
    waiting: { vi: 'Đang chờ', en: 'Waiting' },
    queued: { vi: 'Đang xử lý', en: 'In progress' },
    done: { vi: 'Đã xong', en: 'Done' },
    failed: { vi: 'Không thành công', en: 'Failed' },
    compensated: { vi: 'Đã hoàn tác', en: 'Undone' },
    skipped: { vi: 'Không cần', en: 'Not needed' },
  }),
);
export const stateName = (lang: Lang, state: string): string => STATES.get(state)?.[lang] ?? state;

/** An instant in Vietnam time, as people read it: `08/12/2026 09:41 (+07:00)`. */
export function vnDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + 7 * 3_600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)} (+07:00)`;
}
