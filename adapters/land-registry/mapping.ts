/**
 * Pure mapping between the land registry's SOAP dialect (Hệ thống thông tin đất đai: Vietnamese element names,
 * dd/MM/yyyy dates, 'dd/MM/yyyy HH:mm:ss' timestamps, areas and amounts as decimal strings) and canonical
 * land-parcel@1 records and parties. No I/O. Transfers, slips and completions are in mapping-transfer.ts.
 *
 * xml2js hands over strings only, an element that occurs once as a value but several times as an array, and an
 * empty element as ''. The dialect schemas (dialect.ts) accept exactly that; `many()` and `opt()` undo it here.
 */
import type { CanonicalAddress, Party } from '../sdk';
import { formatDisplayDate, parseDate, parseTimestamp } from '../../contracts/validators/date';
import { LATEST_CATALOGUE } from '../../contracts/validators/admin-units';
import { compact } from '../sdk';
import type { DiaChiThuaDat, GiayChungNhan, MucDich, Nguoi, OneOrMany, ThuaDat } from './dialect';

/** An element that may occur once (a value), several times (an array), or not at all ('' or absent). */
export function many<T>(v: OneOrMany<T> | '' | null | undefined): T[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

/** An optional text element: absent and empty are the same. */
export const opt = (v: string | null | undefined): string | undefined =>
  v === undefined || v === null || v === '' ? undefined : v;

/** Drops undefined, null and '' members (deeply), so that no empty element is sent for an absent value. */
export function dropEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropEmpty) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && v !== null && v !== '') out[k] = dropEmpty(v);
    }
    return out as T;
  }
  return value;
}

export type { CanonicalAddress, Party };

/** dd/MM/yyyy (or MM/yyyy, yyyy) → ISO; the dialect schema has already checked the shape. */
export function isoDate(v: string): string {
  const r = parseDate(v);
  return r.ok ? r.value.value : v;
}

/** 'dd/MM/yyyy HH:mm:ss' (Asia/Ho_Chi_Minh) → canonical ISO timestamp with +07:00. */
export function isoTimestamp(v: string): string {
  const r = parseTimestamp(v);
  return r.ok ? r.value : v;
}

/** Any timestamp parseTimestamp accepts → the registry's 'dd/MM/yyyy HH:mm:ss' in Asia/Ho_Chi_Minh. */
export function registryTimestamp(at: string | Date): string {
  const r = parseTimestamp(at);
  if (!r.ok) throw new RangeError('not a timestamp');
  const c = r.value; // YYYY-MM-DDTHH:mm:ss+07:00
  return `${c.slice(8, 10)}/${c.slice(5, 7)}/${c.slice(0, 4)} ${c.slice(11, 19)}`;
}

/** Areas travel as xs:decimal strings with at most two decimals; canonical areas keep one. */
export const toArea = (v: string): number => Math.round(Number(v) * 10) / 10;
export const fromArea = (m2: number): string => m2.toFixed(1);

/** "Lâu dài" (long-term) or "Đến ngày dd/MM/yyyy" (until) → 'long-term' or the ISO date. */
export function fromThoiHan(v: string): string {
  if (/^lâu dài$/i.test(v.normalize('NFC').trim())) return 'long-term';
  const m = /(\d{2}\/\d{2}\/\d{4})$/.exec(v.trim());
  return m ? isoDate(m[1]) : v;
}

export const toThoiHan = (term: string): string =>
  term === 'long-term' ? 'Lâu dài' : `Đến ngày ${formatDisplayDate(term)}`;

export function fromDiaChiThuaDat(d: DiaChiThuaDat): CanonicalAddress {
  return compact({
    text: opt(d.diaChiDayDu),
    houseNumber: opt(d.soNha),
    street: opt(d.duong),
    hamlet: opt(d.thonXom),
    communeCode: d.maXa,
    provinceCode: d.maTinh,
    catalogue: LATEST_CATALOGUE,
  });
}

export function toDiaChiThuaDat(a: CanonicalAddress, communeCode: string): DiaChiThuaDat {
  return dropEmpty({
    soNha: a.houseNumber,
    duong: a.street,
    thonXom: a.hamlet,
    maXa: a.communeCode ?? communeCode,
    maTinh: a.provinceCode ?? '',
    diaChiDayDu: a.text,
  });
}

/** A party's address as the registry keeps it: one line of text. */
export function addressLine(a: CanonicalAddress | undefined): string | undefined {
  if (!a) return undefined;
  if (a.text) return a.text;
  const parts = [a.houseNumber, a.street, a.hamlet, a.communeName, a.provinceName].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

export function fromNguoi(n: Nguoi): Party {
  const ngaySinh = opt(n.ngaySinh);
  const diaChi = opt(n.diaChi);
  const party: Party = {
    kind: n.loaiDoiTuong === 'TO_CHUC' ? 'organisation' : 'individual',
    fullName: n.hoTen,
    personalId: opt(n.soDinhDanh),
    taxCode: opt(n.maSoThue),
    dateOfBirth: ngaySinh ? isoDate(ngaySinh) : undefined,
    address: diaChi ? { text: diaChi } : undefined,
  };
  return compact(party);
}

export function toNguoi(p: Party): Nguoi {
  return dropEmpty({
    loaiDoiTuong: p.kind === 'organisation' ? 'TO_CHUC' : 'CA_NHAN',
    hoTen: p.fullName,
    soDinhDanh: p.personalId,
    maSoThue: p.kind === 'organisation' ? p.taxCode : undefined,
    ngaySinh: p.dateOfBirth ? formatDisplayDate(p.dateOfBirth) : undefined,
    diaChi: addressLine(p.address),
  }) as Nguoi;
}

/** Upstream parcel → canonical land-parcel@1 (the hub validates and normalises it against the contract). */
export function fromThuaDat(t: ThuaDat): Record<string, unknown> {
  const gcn = t.giayChungNhan && typeof t.giayChungNhan === 'object' ? t.giayChungNhan : undefined;
  return compact({
    key: { communeCode: t.maXa, mapSheetNumber: t.soTo, parcelNumber: t.soThua },
    address: fromDiaChiThuaDat(t.diaChi),
    areaM2: toArea(t.dienTich),
    uses: many(t.mucDichSuDung.mucDich).map((u: MucDich) => ({
      purpose: u.ma,
      areaM2: toArea(u.dienTich),
      term: fromThoiHan(u.thoiHan),
    })),
    origin: opt(t.nguonGoc),
    certificate: gcn
      ? compact({
          serial: gcn.soPhatHanh,
          registerNumber: gcn.soVaoSo,
          issuedAt: isoDate(gcn.ngayCap),
          issuer: opt(gcn.coQuanCap),
        })
      : undefined,
    holders: many(t.chuSuDung.nguoi).map(fromNguoi),
  });
}

/** Canonical land-parcel@1 → upstream parcel (the mapping tests' round trip). */
export function toThuaDat(p: {
  key: { communeCode: string; mapSheetNumber: string; parcelNumber: string };
  address: CanonicalAddress;
  areaM2: number;
  uses: { purpose: string; areaM2: number; term: string }[];
  origin?: string;
  certificate?: { serial: string; registerNumber: string; issuedAt: string; issuer?: string };
  holders: Party[];
}): ThuaDat {
  const gcn: GiayChungNhan | undefined = p.certificate && {
    soPhatHanh: p.certificate.serial,
    soVaoSo: p.certificate.registerNumber,
    ngayCap: formatDisplayDate(p.certificate.issuedAt),
    coQuanCap: p.certificate.issuer,
  };
  return dropEmpty({
    maXa: p.key.communeCode,
    soTo: p.key.mapSheetNumber,
    soThua: p.key.parcelNumber,
    diaChi: toDiaChiThuaDat(p.address, p.key.communeCode),
    dienTich: fromArea(p.areaM2),
    mucDichSuDung: {
      mucDich: p.uses.map((u) => ({
        ma: u.purpose,
        dienTich: fromArea(u.areaM2),
        thoiHan: toThoiHan(u.term),
      })),
    },
    nguonGoc: p.origin,
    giayChungNhan: gcn,
    chuSuDung: { nguoi: p.holders.map(toNguoi) },
  });
}
