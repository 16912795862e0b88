/**
 * Pure mapping between canonical records and the national portal's dialect (dialect.ts): dossier@2 ⇄ HoSo,
 * a status change → TienDo, a rating → DanhGia, the portal's acknowledgement and look-up → canonical
 * answers. Also the on-time flag (on-time.ts), shared with the hub. No I/O.
 *
 * Online-service kind (Decree 42/2022) → the portal's fields. The portal flags end-to-end services with
 * `DVCToanTrinh = 1` and still requires the OLD level 1–4 (`MucDoDVC`) for every other service:
 *   end-to-end → DVCToanTrinh 1, MucDoDVC null (the old level is not asked for)
 *   partial    → DVCToanTrinh 0, MucDoDVC 3 (submitted online, paid or collected in person)
 *   none       → DVCToanTrinh 0, MucDoDVC 2 (forms published online, dossier handled at the desk)
 * Back: DVCToanTrinh 1 or MucDoDVC 4 → end-to-end; 3 → partial; 1, 2 or none → none — the inverse of the
 * contracts' dossier@1 → dossier@2 upgrade, so old and new records of one dossier agree on the portal.
 */
import type { Dossier } from '../../contracts';
import {
  formatDisplayDate,
  parseDate,
  parseTimestamp,
  toPortalTimestamp,
} from '../../contracts/validators/date';
import { normalisePhone } from '../../contracts/validators/phone';
import { compact } from '../sdk';
import type { DanhGia, DonVi, HoSo, QuaTrinhXuLy, TienDo, TraCuuHoSo, XacNhan } from './dialect';
import { computeOnTime } from './on-time';

export { computeOnTime, type TimedStatus } from './on-time';

export type OnlineService = Dossier['onlineService'];
type Unit = { code: string; name?: string };

/** Canonical timestamp → yyyyMMddHHmmss (HCM). */
export const toPortalTime = (iso: string): string => toPortalTimestamp(iso);

/** yyyyMMddHHmmss → canonical timestamp. @throws RangeError when it is not one (the dialect schema checks first). */
export function fromPortalTime(t: string): string {
  const r = parseTimestamp(t);
  if (!r.ok) throw new RangeError(`Not a portal timestamp: ${t}`);
  return r.value;
}

const optTime = (t: string | null | undefined): string | undefined => (t ? fromPortalTime(t) : undefined);
const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null || v === '' ? undefined : v);

/** E.164 → the portal's phone form: national 0xxxxxxxxx for Vietnamese numbers, E.164 otherwise. */
export function toPortalPhone(e164: string): string {
  return e164.startsWith('+84') ? `0${e164.slice(3)}` : e164;
}

/** The portal's phone form → E.164, or undefined when it is not a phone number. */
export function fromPortalPhone(p: string | null | undefined): string | undefined {
  if (!p) return undefined;
  const r = normalisePhone(p);
  return r.ok ? r.value.e164 : undefined;
}

export function toServiceLevel(kind: OnlineService): Pick<HoSo, 'DVCToanTrinh' | 'MucDoDVC'> {
  if (kind === 'end-to-end') return { DVCToanTrinh: 1, MucDoDVC: null };
  return { DVCToanTrinh: 0, MucDoDVC: kind === 'partial' ? 3 : 2 };
}

export function fromServiceLevel(h: Pick<HoSo, 'DVCToanTrinh' | 'MucDoDVC'>): OnlineService {
  if (h.DVCToanTrinh === 1 || h.MucDoDVC === 4) return 'end-to-end';
  return h.MucDoDVC === 3 ? 'partial' : 'none';
}

export const toDonVi = (u: Unit): DonVi => ({ MaDonVi: u.code, TenDonVi: u.name ?? null });
export const fromDonVi = (d: DonVi): Unit => compact({ code: d.MaDonVi, name: orUndefined(d.TenDonVi) });

type Progress = Dossier['history'][number];

/** A progress entry; one without a unit is attributed to the dossier's processing unit (the portal needs one). */
export function toQuaTrinh(p: Progress, defaultUnit: Unit): QuaTrinhXuLy {
  return {
    TrangThai: p.status,
    ThoiDiemXuLy: toPortalTime(p.at),
    DonViXuLy: toDonVi(p.unit ?? defaultUnit),
    NguoiXuLy: p.actor ?? null,
    NoiDungXuLy: p.note ?? null,
    HanBoSung: p.dueAt ? toPortalTime(p.dueAt) : null,
  };
}

export function fromQuaTrinh(q: QuaTrinhXuLy): Record<string, unknown> {
  return compact({
    at: fromPortalTime(q.ThoiDiemXuLy),
    status: q.TrangThai,
    unit: fromDonVi(q.DonViXuLy),
    actor: orUndefined(q.NguoiXuLy),
    note: orUndefined(q.NoiDungXuLy),
    dueAt: optTime(q.HanBoSung),
  });
}

/** Canonical dossier@2 (validated, defaults applied) → the portal's HoSo. */
export function toHoSo(d: Dossier): HoSo {
  const a = d.applicant;
  const address = a.address as { text?: string } | undefined;
  return {
    MaHoSo: d.dossierCode,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    ChuHoSo: {
      HoTen: a.name,
      LoaiDoiTuong: a.kind,
      SoDinhDanh: a.id,
      SoDienThoai: a.phone ? toPortalPhone(a.phone) : null,
      Email: a.email ?? null,
      DiaChi: address?.text ?? null,
    },
    TrichYeu: d.summary ?? null,
    NgayTiepNhan: toPortalTime(d.receivedAt),
    NgayHenTra: toPortalTime(d.dueAt),
    NgayKetThucXuLy: d.finishedAt ? toPortalTime(d.finishedAt) : null,
    NgayTra: d.returnedAt ? toPortalTime(d.returnedAt) : null,
    DonViXuLy: toDonVi(d.processingUnit),
    KenhThucHien: d.channel,
    ThanhToanTrucTuyen: d.onlinePayment ? 1 : 0,
    PhiLePhi: d.fees.map((f) => ({
      TenPhiLePhi: f.name,
      SoTien: f.amount,
      DaThanhToan: f.paid ? 1 : 0,
      SoBienLai: f.voucherNumber ?? null,
    })),
    TaiLieuNop: d.documents.map((doc) => ({
      MaGiayTo: doc.code ?? null,
      TenGiayTo: doc.name,
      SoGiayTo: doc.reference ?? null,
      DuongDan: doc.url ?? null,
      MaBam: doc.sha256 ?? null,
      NgayCap: doc.issuedAt ? formatDisplayDate(doc.issuedAt) : null,
      NoiCap: doc.issuer ?? null,
    })),
    TrangThaiHoSo: d.status,
    ...toServiceLevel(d.onlineService),
    QuaTrinhXuLy: d.history.map((p) => toQuaTrinh(p, d.processingUnit)),
  };
}

/** The portal's HoSo → canonical dossier@2 (the simulator's records, and the mapping tests). */
export function fromHoSo(h: HoSo): Record<string, unknown> {
  const c = h.ChuHoSo;
  const issued = (v: string | null) => {
    const r = v ? parseDate(v) : undefined;
    return r?.ok ? r.value.value : undefined;
  };
  return compact({
    dossierCode: h.MaHoSo,
    procedureCode: h.MaTTHC,
    procedureName: h.TenTTHC,
    applicant: compact({
      name: c.HoTen,
      kind: c.LoaiDoiTuong,
      id: c.SoDinhDanh,
      phone: fromPortalPhone(c.SoDienThoai),
      email: orUndefined(c.Email),
      address: c.DiaChi ? { text: c.DiaChi } : undefined,
    }),
    summary: orUndefined(h.TrichYeu),
    receivedAt: fromPortalTime(h.NgayTiepNhan),
    dueAt: fromPortalTime(h.NgayHenTra),
    finishedAt: optTime(h.NgayKetThucXuLy),
    returnedAt: optTime(h.NgayTra),
    processingUnit: fromDonVi(h.DonViXuLy),
    channel: h.KenhThucHien,
    onlinePayment: h.ThanhToanTrucTuyen === 1,
    fees: h.PhiLePhi.map((f) =>
      compact({
        name: f.TenPhiLePhi,
        amount: f.SoTien,
        paid: f.DaThanhToan === 1,
        voucherNumber: orUndefined(f.SoBienLai),
      }),
    ),
    documents: h.TaiLieuNop.map((t) =>
      compact({
        code: orUndefined(t.MaGiayTo),
        name: t.TenGiayTo,
        reference: orUndefined(t.SoGiayTo),
        url: orUndefined(t.DuongDan),
        sha256: orUndefined(t.MaBam),
        issuedAt: issued(t.NgayCap),
        issuer: orUndefined(t.NoiCap),
      }),
    ),
    status: h.TrangThaiHoSo,
    history: h.QuaTrinhXuLy.map(fromQuaTrinh),
    onlineService: fromServiceLevel(h),
  });
}

export interface ProgressInput {
  dossierCode: string;
  status: number;
  at: string;
  unit: Unit;
  note?: string;
  actor?: string;
  dueAt?: string;
}

export function toTienDo(p: ProgressInput): TienDo {
  return {
    MaHoSo: p.dossierCode,
    TrangThaiHoSo: p.status,
    ThoiDiemXuLy: toPortalTime(p.at),
    DonViXuLy: toDonVi(p.unit),
    NguoiXuLy: p.actor ?? null,
    NoiDungXuLy: p.note ?? null,
    HanBoSung: p.dueAt ? toPortalTime(p.dueAt) : null,
  };
}

/** The rating criteria of the portal's form, canonical name → the portal's code (synthetic catalogue). */
export const RATING_CRITERIA = {
  'procedure-information': 'TC01',
  reception: 'TC02',
  'processing-time': 'TC03',
  'staff-conduct': 'TC04',
  result: 'TC05',
} as const;
export type RatingCriterion = keyof typeof RATING_CRITERIA;

/** The three satisfaction levels, canonical → the portal's MucDo. */
export const RATING_LEVELS = { 'very-satisfied': 1, satisfied: 2, 'not-satisfied': 3 } as const;
export type RatingLevel = keyof typeof RATING_LEVELS;

export interface RatingInput {
  dossierCode: string;
  ratedAt: string;
  answers: { criterion: RatingCriterion; level: RatingLevel }[];
  comment?: string;
}

export function toDanhGia(r: RatingInput): DanhGia {
  return {
    MaHoSo: r.dossierCode,
    ThoiDiemDanhGia: toPortalTime(r.ratedAt),
    KetQuaDanhGia: r.answers.map((a) => ({
      MaTieuChi: RATING_CRITERIA[a.criterion],
      MucDo: RATING_LEVELS[a.level],
    })),
    GopY: r.comment ?? null,
  };
}

/** The portal's acknowledgement → PortalAck_v1. */
export function fromXacNhan(x: XacNhan): Record<string, unknown> {
  return {
    portalId: x.MaHoSoQG,
    receivedAt: fromPortalTime(x.ThoiGianNhan),
    dossierCode: x.MaHoSo,
    status: x.TrangThaiHoSo,
  };
}

/**
 * The portal's look-up → PortalDossierView_v1. `onTime` is the portal's own flag when it sent one, else
 * computed from the history by the same rule (computeOnTime); absent while the dossier is unfinished.
 */
export function fromTraCuu(t: TraCuuHoSo): Record<string, unknown> {
  const history = t.QuaTrinhXuLy.map((q) => ({
    status: q.TrangThai,
    at: fromPortalTime(q.ThoiDiemXuLy),
    unit: fromDonVi(q.DonViXuLy),
  }));
  const onTime = t.DungHan === null ? computeOnTime(fromPortalTime(t.NgayHenTra), history) : t.DungHan === 1;
  return compact({ dossierCode: t.MaHoSo, status: t.TrangThaiHoSo, history, onTime });
}
