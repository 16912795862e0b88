/**
 * Pure mapping between the tax authority's dialect and canonical tax-registration@1 records: addresses cross
 * the GSO ↔ tax location crosswalk (crosswalk.ts), dates are dd/MM/yyyy, timestamps yyyyMMddHHmmss, and the
 * taxpayer status is the authority's two-digit code. Also the error body reader. No I/O.
 */
import type { CanonicalAddress, Party } from '../sdk';
import { formatDisplayDate, parseDate, parseTimestamp } from '../../contracts/validators/date';
import {
  LATEST_CATALOGUE,
  lookupCommune,
  lookupProvince,
  type Catalogue,
} from '../../contracts/validators/admin-units';
import { compact, UpstreamError } from '../sdk';
import { CrosswalkError, currentProvinceOf, gsoProvinceOf, taxLocationOf } from './crosswalk';
import type { DangKyThue, DiaChiThue, NguoiNopThue } from './dialect';

export const UPSTREAM = 'tax';

export type { CanonicalAddress, Party };

/** A tax registration as the hub sends it (RegisterTaxpayerRequest_v1). */
export interface RegisterTaxpayerInput {
  taxpayer: Party;
  businessName?: string;
  address: CanonicalAddress;
  activityCodes?: string[];
  capital?: number;
}

/**
 * The taxpayer status codes of the authority's look-up (meanings as published on its look-up page, unverified):
 * 00 active, 01 ceased and code closed, 02 moved to another tax office, 03 ceased but not closed, 04 active
 * (household/individual business with incomplete data), 05 temporarily suspended, 06 not at the registered
 * address, 07 awaiting bankruptcy.
 */
export const TRANG_THAI_NNT: Record<string, 'active' | 'suspended' | 'closed'> = {
  '00': 'active',
  '01': 'closed',
  '02': 'active',
  '03': 'suspended',
  '04': 'active',
  '05': 'suspended',
  '06': 'suspended',
  '07': 'suspended',
};

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null || v === '' ? undefined : v);

/**
 * Runs a crosswalk step. A gap on the way out (a request the authority cannot be sent) is the caller's to fix
 * → rejected; a gap on the way in (an answer with a code we cannot map) → malformed. Both name the code.
 */
export function crosswalk<T>(direction: 'request' | 'answer', step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (!(e instanceof CrosswalkError)) throw e;
    throw new UpstreamError({
      upstream: UPSTREAM,
      code: direction === 'request' ? 'rejected' : 'malformed',
      retryable: false,
      upstreamCode: `CROSSWALK_${e.code}`,
      reason: e.message,
    });
  }
}

export function fromDiaChiThue(d: DiaChiThue): CanonicalAddress {
  const province = crosswalk('answer', () => gsoProvinceOf(d.maDiaBan));
  return compact({
    text: orUndefined(d.diaChiDayDu),
    houseNumber: orUndefined(d.soNha),
    street: orUndefined(d.duongPho),
    hamlet: orUndefined(d.toThon),
    provinceCode: province.gso,
    catalogue: LATEST_CATALOGUE,
  });
}

export function toDiaChiThue(a: CanonicalAddress): DiaChiThue {
  const location = crosswalk('request', () => taxLocationOf(currentProvinceOf(a)));
  const catalogue = (a.catalogue ?? LATEST_CATALOGUE) as Catalogue;
  const commune =
    a.communeName ?? (a.communeCode ? lookupCommune(a.communeCode, catalogue)?.name : undefined);
  const province = lookupProvince(location.gso, LATEST_CATALOGUE)?.name ?? location.name;
  const composed = [a.houseNumber, a.street, a.hamlet, commune, province].filter(Boolean).join(', ');
  return {
    soNha: a.houseNumber ?? null,
    duongPho: a.street ?? null,
    toThon: a.hamlet ?? null,
    phuongXa: commune ?? null,
    maDiaBan: location.tax,
    tinhThanh: province,
    diaChiDayDu: a.text ?? (composed || null),
  };
}

/** Canonical registration → the authority's DangKyThue body. */
export function toDangKyThue(i: RegisterTaxpayerInput): DangKyThue {
  return {
    loaiNguoiNopThue: i.businessName ? 'HO_KINH_DOANH' : 'CA_NHAN',
    tenNguoiNopThue: i.taxpayer.fullName,
    soDinhDanh: i.taxpayer.personalId ?? null,
    ngaySinh: i.taxpayer.dateOfBirth ? formatDisplayDate(i.taxpayer.dateOfBirth) : null,
    tenHoKinhDoanh: i.businessName ?? null,
    diaChi: toDiaChiThue(i.address),
    nganhNghe: (i.activityCodes ?? []).map((maNganh, n) => ({ maNganh, laNganhChinh: n === 0 })),
    vonKinhDoanh: i.capital ?? null,
  };
}

/** The authority's taxpayer record → canonical tax-registration@1. */
export function fromNguoiNopThue(n: NguoiNopThue): Record<string, unknown> {
  const dob = n.ngaySinh ? parseDate(n.ngaySinh) : undefined;
  const registered = n.ngayCapMst ? parseTimestamp(n.ngayCapMst) : undefined;
  const individual = n.loaiNguoiNopThue !== 'TO_CHUC';
  const main = [...n.nganhNghe].sort((a, b) => Number(b.laNganhChinh) - Number(a.laNganhChinh));
  return compact({
    taxpayer: compact(
      individual
        ? {
            kind: 'individual',
            fullName: n.tenNguoiNopThue,
            personalId: n.soDinhDanh ?? undefined,
            dateOfBirth: dob?.ok ? dob.value.value : undefined,
          }
        : { kind: 'organisation', fullName: n.tenNguoiNopThue, taxCode: n.maSoThue },
    ),
    businessName: orUndefined(n.tenHoKinhDoanh),
    address: fromDiaChiThue(n.diaChi),
    activityCodes: main.length ? main.map((x) => x.maNganh) : undefined,
    capital: n.vonKinhDoanh ?? undefined,
    taxId: n.maSoThue,
    taxOffice: { code: n.maCoQuanThue, name: n.tenCoQuanThue },
    registeredAt: registered?.ok ? registered.value : undefined,
    status: TRANG_THAI_NNT[n.trangThai],
  });
}

/** The authority's error body: `{ error: { code, message } }`. */
export function readError(
  data: unknown,
): { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined {
  const e = (data as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (typeof e?.code !== 'string') return undefined;
  return {
    upstreamCode: e.code,
    reason: typeof e.message === 'string' ? e.message : undefined,
    notFound: e.code === 'NNT_KHONG_TON_TAI' || e.code === 'THONG_BAO_KHONG_TON_TAI',
  };
}
