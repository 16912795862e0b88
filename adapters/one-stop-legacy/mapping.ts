/**
 * Pure mapping between the legacy one-stop system's dossier (HoSo, its text already converted to Unicode by
 * legacy-text.ts) and canonical dossier@2. Two-digit years are expanded by the field's meaning
 * (two-digit-year.ts), statuses, channels, levels and procedure codes go through codes.ts, 11-digit mobiles
 * become today's numbers, and the applicant's address stays in the legacy catalogue with its old district: the
 * contract maps it to the latest catalogue and says when that is ambiguous. No I/O.
 */
import { normalisePhone } from '../../contracts/validators/phone';
import { checkPersonalIdAgainstRecord, parsePersonalId } from '../../contracts/validators/personal-id';
import { compact } from '../sdk';
import {
  APPLICANT_KINDS,
  LEGACY_CHANNELS,
  LEGACY_STATUSES,
  legacyChannelOf,
  legacyProcedureCodeOf,
  legacyStatusOf,
  levelOfOnlineService,
  onlineServiceOfLevel,
  portalProcedureCodeOf,
  type OnlineService,
} from './codes';
import type { DiaChi, DonVi, HoSo, Loi, QuaTrinh } from './dialect';
import { NOT_FOUND } from './dialect';
import { readLegacyString } from './legacy-text';
import {
  birthWindow,
  followingWindow,
  pastEventWindow,
  readLegacyDate,
  readLegacyTimestamp,
  sinceWindow,
  toLegacyDate,
  toLegacyTimestamp,
  type DateWindow,
} from './two-digit-year';

/** A field the mapping cannot turn into canonical data; `path` is in the dialect, the reason has no values. */
export class MappingError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'MappingError';
  }
}

export interface AddressOut {
  text?: string;
  houseNumber?: string;
  street?: string;
  hamlet?: string;
  communeCode?: string;
  legacyDistrictCode?: string;
  provinceCode?: string;
  catalogue?: 'legacy';
}

export interface UnitOut {
  code: string;
  name?: string;
}

export interface ProgressOut {
  at: string;
  status: number;
  unit?: UnitOut;
  actor?: string;
  note?: string;
  dueAt?: string;
}

/** dossier@2 as this adapter builds it (before the contract's defaults and derived fields). */
export interface DossierOut {
  dossierCode: string;
  procedureCode: string;
  procedureName: string;
  applicant: {
    name: string;
    kind: 1 | 2;
    id: string;
    phone?: string;
    email?: string;
    address?: AddressOut;
  };
  summary?: string;
  receivedAt: string;
  dueAt: string;
  finishedAt?: string;
  returnedAt?: string;
  processingUnit: UnitOut;
  channel: 1 | 2 | 3;
  onlineService: OnlineService;
  onlinePayment: boolean;
  fees: { name: string; amount: number; paid: boolean; voucherNumber?: string }[];
  documents: { code?: string; name: string; reference?: string }[];
  status: number;
  history: ProgressOut[];
}

const given = (v: string | null | undefined): string | undefined => (v === null || v === '' ? undefined : v);

function moment(text: string, window: DateWindow, path: string): string {
  const r = readLegacyTimestamp(text, window);
  if (!r.ok) throw new MappingError(path, `two-digit-year date not decidable (${r.problem})`);
  return r.value;
}

/** 11-digit mobiles of before 2018 become today's numbers; everything is returned in E.164. */
export function phoneFromLegacy(raw: string): string {
  const r = normalisePhone(raw);
  if (!r.ok) throw new MappingError('NguoiNop.DienThoai', 'not a Vietnamese phone number');
  return r.value.e164;
}

/** E.164 → the national form the system stores ('+84912345678' → '0912345678'). */
export const phoneToLegacy = (e164: string): string => (e164.startsWith('+84') ? `0${e164.slice(3)}` : e164);

const unitFrom = (d: DonVi): UnitOut => compact({ code: d.Ma, name: given(d.Ten) });

export function fromDiaChi(d: DiaChi | null | undefined): AddressOut | undefined {
  if (!d) return undefined;
  const commune = given(d.MaXa);
  const province = given(d.MaTinh);
  const district = given(d.MaHuyen);
  const out: AddressOut = compact({
    text: given(d.DiaChiDayDu),
    houseNumber: given(d.SoNha),
    street: given(d.Duong),
    hamlet: given(d.ThonXom),
    communeCode: commune,
    legacyDistrictCode: district,
    provinceCode: province,
    catalogue: commune || province || district ? ('legacy' as const) : undefined,
  });
  return Object.keys(out).length ? out : undefined;
}

export function toDiaChi(a: AddressOut | undefined): DiaChi | null {
  if (!a) return null;
  return {
    SoNha: a.houseNumber ?? null,
    Duong: a.street ?? null,
    ThonXom: a.hamlet ?? null,
    MaXa: a.communeCode ?? null,
    MaHuyen: a.legacyDistrictCode ?? null,
    MaTinh: a.provinceCode ?? null,
    DiaChiDayDu: a.text ?? null,
  };
}

/**
 * The applicant's date of birth is not part of dossier@2, but a citizen's record carries it: it is expanded by
 * the birth rule and must agree with the birth year the personal ID encodes, or the record is inconsistent.
 */
function checkBirthDate(h: HoSo, now: Date): void {
  const raw = given(h.NguoiNop.NgaySinh);
  if (!raw || h.NguoiNop.LoaiDoiTuong !== 'CONG_DAN') return;
  const dob = readLegacyDate(raw, birthWindow(now));
  if (!dob.ok)
    throw new MappingError('NguoiNop.NgaySinh', `two-digit-year date not decidable (${dob.problem})`);
  const id = parsePersonalId(h.NguoiNop.SoGiayTo, { now });
  if (id.ok && checkPersonalIdAgainstRecord(id.value, { dateOfBirth: dob.value }).length) {
    throw new MappingError('NguoiNop.NgaySinh', 'date of birth disagrees with the personal ID');
  }
}

function progressFrom(q: QuaTrinh, i: number, received: string, now: Date): ProgressOut {
  const at = moment(q.ThoiGian, sinceWindow(received, now), `QuaTrinh[${i}].ThoiGian`);
  const due = given(q.HanBoSung);
  return compact({
    at,
    status: LEGACY_STATUSES[q.TrangThai],
    unit: q.DonVi ? unitFrom(q.DonVi) : undefined,
    actor: given(q.CanBo),
    note: given(q.GhiChu),
    dueAt: due ? moment(due, followingWindow(at), `QuaTrinh[${i}].HanBoSung`) : undefined,
  });
}

/** The system's dossier → canonical dossier@2 (the contract then validates and normalises it). */
export function fromHoSo(h: HoSo, now: Date = new Date()): DossierOut {
  const procedureCode = portalProcedureCodeOf(h.MaThuTuc);
  if (!procedureCode) throw new MappingError('MaThuTuc', 'old procedure code not in the mapping table');
  const receivedAt = moment(h.NgayNhan, pastEventWindow(now), 'NgayNhan');
  const after = sinceWindow(receivedAt, now);
  checkBirthDate(h, now);
  const n = h.NguoiNop;
  const phone = given(n.DienThoai);
  const finished = given(h.NgayXong);
  const returned = given(h.NgayTra);
  return compact({
    dossierCode: h.MaHoSo,
    procedureCode,
    procedureName: h.TenThuTuc,
    applicant: compact({
      name: n.HoTen,
      kind: APPLICANT_KINDS[n.LoaiDoiTuong],
      id: n.SoGiayTo,
      phone: phone ? phoneFromLegacy(phone) : undefined,
      email: given(n.Email),
      address: fromDiaChi(n.DiaChi),
    }),
    summary: given(h.TrichYeu),
    receivedAt,
    dueAt: moment(h.NgayHenTra, followingWindow(receivedAt), 'NgayHenTra'),
    finishedAt: finished ? moment(finished, after, 'NgayXong') : undefined,
    returnedAt: returned ? moment(returned, after, 'NgayTra') : undefined,
    processingUnit: unitFrom(h.DonViXuLy),
    channel: LEGACY_CHANNELS[h.KenhNop],
    onlineService: onlineServiceOfLevel(h.MucDo),
    onlinePayment: h.ThanhToanTrucTuyen === 1,
    fees: h.LePhi.map((f) =>
      compact({ name: f.Ten, amount: f.SoTien, paid: f.DaNop === 1, voucherNumber: given(f.SoBienLai) }),
    ),
    documents: h.GiayTo.map((g) => compact({ code: given(g.Ma), name: g.Ten, reference: given(g.SoKyHieu) })),
    status: LEGACY_STATUSES[h.TrangThai],
    history: h.QuaTrinh.map((q, i) => progressFrom(q, i, receivedAt, now)),
  });
}

/**
 * Canonical dossier@2 → the system's dossier, text still in Unicode (the simulator encodes it). The applicant's
 * date of birth, which dossier@2 does not carry, is passed beside it.
 * @throws RangeError for codes the system's tables do not know (a programming error of the caller).
 */
export function toHoSo(d: DossierOut, extra: { applicantDateOfBirth?: string } = {}): HoSo {
  const legacyProcedure = legacyProcedureCodeOf(d.procedureCode);
  const status = legacyStatusOf(d.status);
  const channel = legacyChannelOf(d.channel);
  if (!legacyProcedure || !status || !channel) throw new RangeError(`No legacy code for ${d.dossierCode}`);
  const statusOf = (s: number) => {
    const code = legacyStatusOf(s);
    if (!code) throw new RangeError(`No legacy status for ${s}`);
    return code;
  };
  const unit = (u: UnitOut): DonVi => ({ Ma: u.code, Ten: u.name ?? null });
  return {
    MaHoSo: d.dossierCode,
    MaThuTuc: legacyProcedure,
    TenThuTuc: d.procedureName,
    NguoiNop: {
      HoTen: d.applicant.name,
      LoaiDoiTuong: d.applicant.kind === 1 ? 'CONG_DAN' : 'TO_CHUC',
      SoGiayTo: d.applicant.id,
      NgaySinh: extra.applicantDateOfBirth ? toLegacyDate(extra.applicantDateOfBirth) : null,
      DienThoai: d.applicant.phone ? phoneToLegacy(d.applicant.phone) : null,
      Email: d.applicant.email ?? null,
      DiaChi: toDiaChi(d.applicant.address),
    },
    TrichYeu: d.summary ?? null,
    NgayNhan: toLegacyTimestamp(d.receivedAt),
    NgayHenTra: toLegacyTimestamp(d.dueAt),
    NgayXong: d.finishedAt ? toLegacyTimestamp(d.finishedAt) : null,
    NgayTra: d.returnedAt ? toLegacyTimestamp(d.returnedAt) : null,
    DonViXuLy: unit(d.processingUnit),
    KenhNop: channel,
    MucDo: levelOfOnlineService(d.onlineService),
    ThanhToanTrucTuyen: d.onlinePayment ? 1 : 0,
    LePhi: d.fees.map((f) => ({
      Ten: f.name,
      SoTien: f.amount,
      DaNop: f.paid ? 1 : 0,
      SoBienLai: f.voucherNumber ?? null,
    })),
    GiayTo: d.documents.map((g) => ({ Ma: g.code ?? null, Ten: g.name, SoKyHieu: g.reference ?? null })),
    TrangThai: status,
    QuaTrinh: d.history.map((p) => ({
      ThoiGian: toLegacyTimestamp(p.at),
      TrangThai: statusOf(p.status),
      CanBo: p.actor ?? null,
      DonVi: p.unit ? unit(p.unit) : null,
      GhiChu: p.note ?? null,
      HanBoSung: p.dueAt ? toLegacyTimestamp(p.dueAt) : null,
    })),
  };
}

/** The system's error body `{ MaLoi, ThongDiep }` (ThongDiep in TCVN3). */
export function readError(
  data: unknown,
): { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined {
  const d = data as Partial<Loi> | undefined;
  if (typeof d?.MaLoi !== 'string') return undefined;
  return {
    upstreamCode: d.MaLoi,
    reason: typeof d.ThongDiep === 'string' ? readLegacyString(d.ThongDiep) : undefined,
    notFound: d.MaLoi === NOT_FOUND,
  };
}
