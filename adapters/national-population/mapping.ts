/**
 * Pure mapping between the national population database's dialect (CSDLQG về dân cư: Vietnamese field
 * names, dd/MM/yyyy dates, sex as 1/2, its own catalogue tags) and canonical person@1 records. No I/O.
 */
import Joi from 'joi';
import { formatDisplayDate, parseDate } from '../../contracts/validators/date';
import { LATEST_CATALOGUE } from '../../contracts/validators/admin-units';
import { compact } from '../sdk';

/** The upstream's address: `danhMuc` says which catalogue its codes belong to ('2025' or 'CU' = legacy). */
export interface DiaChi {
  soNha?: string | null;
  duong?: string | null;
  thonXom?: string | null;
  maXa?: string | null;
  maHuyen?: string | null;
  maTinh?: string | null;
  danhMuc?: '2025' | 'CU' | null;
  diaChi?: string | null;
}

export interface CongDan {
  soDinhDanh: string;
  hoVaTen: string;
  /** dd/MM/yyyy, or MM/yyyy / yyyy for old records */
  ngaySinh: string;
  /** 1 male, 2 female */
  gioiTinh: 1 | 2;
  danToc?: { ma: string; ten: string } | null;
  tonGiao?: string | null;
  quocTich?: string | null;
  queQuan?: DiaChi | null;
  thuongTru?: DiaChi | null;
  tamTru?: DiaChi | null;
  maHo?: string | null;
  soDienThoai?: string | null;
  email?: string | null;
  cmnd?: string[] | null;
  maSoThue?: string | null;
  soDinhDanhCha?: string | null;
  soDinhDanhMe?: string | null;
  soDinhDanhVoChong?: string | null;
  trangThai: 'CON_SONG' | 'DA_MAT';
  ngayMat?: string | null;
}

const text = Joi.string().allow(null, '');
const diaChiSchema = Joi.object({
  soNha: text,
  duong: text,
  thonXom: text,
  maXa: Joi.string()
    .pattern(/^\d{5}$/)
    .allow(null),
  maHuyen: Joi.string()
    .pattern(/^\d{3}$/)
    .allow(null),
  maTinh: Joi.string()
    .pattern(/^\d{2}$/)
    .allow(null),
  danhMuc: Joi.string().valid('2025', 'CU').allow(null),
  diaChi: text,
}).allow(null);

/** The upstream's record as its spec (upstream/openapi.yaml) describes it. */
export const congDanSchema = Joi.object({
  soDinhDanh: Joi.string()
    .pattern(/^\d{12}$/)
    .required(),
  hoVaTen: Joi.string().min(1).required(),
  ngaySinh: Joi.string()
    .pattern(/^(\d{2}\/)?(\d{2}\/)?\d{4}$/)
    .required(),
  gioiTinh: Joi.number().valid(1, 2).required(),
  danToc: Joi.object({ ma: Joi.string().required(), ten: Joi.string().required() }).allow(null),
  tonGiao: text,
  quocTich: Joi.string()
    .pattern(/^[A-Z]{2}$/)
    .allow(null),
  queQuan: diaChiSchema,
  thuongTru: diaChiSchema,
  tamTru: diaChiSchema,
  maHo: text,
  soDienThoai: text,
  email: text,
  cmnd: Joi.array()
    .items(Joi.string().pattern(/^\d{9}$/))
    .allow(null),
  maSoThue: text,
  soDinhDanhCha: Joi.string()
    .pattern(/^\d{12}$/)
    .allow(null),
  soDinhDanhMe: Joi.string()
    .pattern(/^\d{12}$/)
    .allow(null),
  soDinhDanhVoChong: Joi.string()
    .pattern(/^\d{12}$/)
    .allow(null),
  trangThai: Joi.string().valid('CON_SONG', 'DA_MAT').required(),
  ngayMat: text,
});

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null || v === '' ? undefined : v);

/** dd/MM/yyyy (or partial) → ISO reduced precision; the upstream schema already guarantees the shape. */
function isoDate(v: string): string {
  const r = parseDate(v);
  return r.ok ? r.value.value : v;
}

export function fromDiaChi(d: DiaChi | null | undefined): Record<string, unknown> | undefined {
  if (!d) return undefined;
  const catalogue = d.danhMuc === 'CU' ? 'legacy' : LATEST_CATALOGUE;
  return compact({
    text: orUndefined(d.diaChi),
    houseNumber: orUndefined(d.soNha),
    street: orUndefined(d.duong),
    hamlet: orUndefined(d.thonXom),
    communeCode: orUndefined(d.maXa),
    legacyDistrictCode: catalogue === 'legacy' ? orUndefined(d.maHuyen) : undefined,
    provinceCode: orUndefined(d.maTinh),
    catalogue: d.maXa || d.maTinh ? catalogue : undefined,
  });
}

export function toDiaChi(a: Record<string, unknown> | undefined): DiaChi | undefined {
  if (!a) return undefined;
  return {
    soNha: (a.houseNumber as string) ?? null,
    duong: (a.street as string) ?? null,
    thonXom: (a.hamlet as string) ?? null,
    maXa: (a.communeCode as string) ?? null,
    maHuyen: (a.legacyDistrictCode as string) ?? null,
    maTinh: (a.provinceCode as string) ?? null,
    danhMuc: a.catalogue === 'legacy' ? 'CU' : '2025',
    diaChi: (a.text as string) ?? null,
  };
}

/** Upstream record → canonical person@1 (the hub validates and normalises it against the contract). */
export function fromCongDan(c: CongDan): Record<string, unknown> {
  return compact({
    personalId: c.soDinhDanh,
    legacyIds: c.cmnd?.length ? c.cmnd : undefined,
    fullName: c.hoVaTen,
    dateOfBirth: isoDate(c.ngaySinh),
    sex: c.gioiTinh === 1 ? 'male' : 'female',
    nationality: orUndefined(c.quocTich) ?? 'VN',
    ethnicity: c.danToc?.ten,
    religion: orUndefined(c.tonGiao),
    placeOfOrigin: fromDiaChi(c.queQuan),
    permanentResidence: fromDiaChi(c.thuongTru),
    temporaryResidence: fromDiaChi(c.tamTru),
    householdId: orUndefined(c.maHo),
    phone: orUndefined(c.soDienThoai),
    email: orUndefined(c.email),
    taxId: orUndefined(c.maSoThue),
    fatherId: orUndefined(c.soDinhDanhCha),
    motherId: orUndefined(c.soDinhDanhMe),
    spouseId: orUndefined(c.soDinhDanhVoChong),
    status: c.trangThai === 'DA_MAT' ? 'deceased' : 'living',
    dateOfDeath: c.trangThai === 'DA_MAT' && c.ngayMat ? isoDate(c.ngayMat) : undefined,
  });
}

/** Canonical person@1 → upstream record (used by the simulator and the mapping tests). */
export function toCongDan(p: Record<string, unknown>): CongDan {
  return {
    soDinhDanh: p.personalId as string,
    hoVaTen: p.fullName as string,
    ngaySinh: formatDisplayDate(p.dateOfBirth as string),
    gioiTinh: p.sex === 'male' ? 1 : 2,
    danToc: p.ethnicity
      ? { ma: ETHNIC_CODES[p.ethnicity as string] ?? '55', ten: p.ethnicity as string }
      : null,
    tonGiao: (p.religion as string) ?? null,
    quocTich: (p.nationality as string) ?? 'VN',
    queQuan: toDiaChi(p.placeOfOrigin as Record<string, unknown> | undefined) ?? null,
    thuongTru: toDiaChi(p.permanentResidence as Record<string, unknown> | undefined) ?? null,
    tamTru: toDiaChi(p.temporaryResidence as Record<string, unknown> | undefined) ?? null,
    maHo: (p.householdId as string) ?? null,
    soDienThoai: (p.phone as string) ?? null,
    email: (p.email as string) ?? null,
    cmnd: (p.legacyIds as string[]) ?? null,
    maSoThue: (p.taxId as string) ?? null,
    soDinhDanhCha: (p.fatherId as string) ?? null,
    soDinhDanhMe: (p.motherId as string) ?? null,
    soDinhDanhVoChong: (p.spouseId as string) ?? null,
    trangThai: p.status === 'deceased' ? 'DA_MAT' : 'CON_SONG',
    ngayMat: p.dateOfDeath ? formatDisplayDate(p.dateOfDeath as string) : null,
  };
}

/**
 * Ethnic-group codes of the groups in the synthetic population, as the 1979 list (Decision 121-TCTK/PPCĐ)
 * numbers them (unverified; only the name is mapped into canonical data). '55' stands for "other".
 */
export const ETHNIC_CODES: Record<string, string> = {
  Kinh: '01',
  Tày: '02',
  Hoa: '04',
  Mông: '08',
  'Ê Đê': '12',
};

/** The upstream's error body: `{ maLoi, thongBao }`. */
export function readError(
  data: unknown,
): { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined {
  const d = data as { maLoi?: unknown; thongBao?: unknown } | undefined;
  if (typeof d?.maLoi !== 'string') return undefined;
  return {
    upstreamCode: d.maLoi,
    reason: typeof d.thongBao === 'string' ? d.thongBao : undefined,
    notFound: d.maLoi === 'CD_KHONG_TON_TAI',
  };
}

export const xacThucSchema = Joi.object({
  ketQua: Joi.string().valid('KHOP', 'KHONG_KHOP').required(),
  chiTiet: Joi.object({
    soDinhDanh: Joi.boolean().required(),
    hoVaTen: Joi.boolean().required(),
    ngaySinh: Joi.boolean().required(),
  }).required(),
});

export const capSoSchema = Joi.object({
  soDinhDanh: Joi.string()
    .pattern(/^\d{12}$/)
    .required(),
  ngayCap: Joi.string()
    .pattern(/^\d{14}$/)
    .required(),
});
