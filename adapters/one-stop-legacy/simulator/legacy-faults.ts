/**
 * The simulator's own fault knobs, beside the SDK's: dirty records of the kinds a legacy system really holds,
 * per dossier code — a name half in Unicode, text in VNI instead of TCVN3, a reception date whose two-digit year
 * no rule can place, a date of birth that could be a newborn's or a centenarian's, a procedure code missing from
 * the mapping table, a status code outside the list. Dates that depend on "today" use the clock when served.
 */
import Joi from 'joi';
import { encodeTcvn3, encodeVni } from '../../../contracts/validators/legacy-encoding';
import { todayInVietnam } from '../../../contracts/validators/date';
import { DOSSIER_CODE, type HoSo } from '../dialect';
import { nextDay, toLegacyDate } from '../two-digit-year';

export const DIRTY_KINDS = [
  'mixed-encoding',
  'vni',
  'future-date',
  'ambiguous-birth-date',
  'unknown-procedure',
  'unknown-status',
] as const;
export type DirtyKind = (typeof DIRTY_KINDS)[number];

export interface LegacyFaults {
  /** Dossier code → the dirt served in that dossier (in lists and alone). */
  dirty?: Record<string, DirtyKind>;
}

export const legacyFaultsSchema = Joi.object<LegacyFaults>({
  dirty: Joi.object()
    .pattern(Joi.string().pattern(DOSSIER_CODE), Joi.string().valid(...DIRTY_KINDS))
    .max(1000),
});

/** Every string of a value through `encode`. */
export function encodeStrings(value: unknown, encode: (s: string) => string): unknown {
  if (typeof value === 'string') return encode(value);
  if (Array.isArray(value)) return value.map((v) => encodeStrings(v, encode));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeStrings(v, encode)]));
  return value;
}

/** The record as the system sends it: its text in TCVN3 (Windows-1252 reading), with the dirt asked for. */
export function serveRecord(record: HoSo, dirt: DirtyKind | undefined, now: Date = new Date()): HoSo {
  if (dirt === 'vni') return encodeStrings(record, encodeVni) as HoSo;
  const out = encodeStrings(record, encodeTcvn3) as HoSo;
  const today = todayInVietnam(now);
  switch (dirt) {
    case 'mixed-encoding': {
      // The family name re-typed in a Unicode form, the rest of the name still TCVN3.
      const [family, ...rest] = record.NguoiNop.HoTen.split(' ');
      out.NguoiNop.HoTen = [family, encodeTcvn3(rest.join(' '))].join(' ');
      break;
    }
    case 'future-date':
      out.NgayNhan = `${toLegacyDate(nextDay(today))} 08:00`;
      break;
    case 'ambiguous-birth-date':
      out.NguoiNop.NgaySinh = toLegacyDate(today);
      break;
    case 'unknown-procedure':
      out.MaThuTuc = 'T-HNO-999999-TT';
      break;
    case 'unknown-status':
      (out as { TrangThai: string }).TrangThai = 'CHO_PHE_DUYET';
      break;
  }
  return out;
}
