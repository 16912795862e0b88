/**
 * The land registry simulator's view of the shared synthetic population, in the registry's dialect: parcels as
 * ThuaDat, people as Nguoi, the offices of each province, and the dossiers the simulator starts with (transfers
 * received before the hub connected: some awaiting their Mẫu 15 slip, some slipped and awaiting payment).
 */
import { LATEST_CATALOGUE, lookupProvince } from '../../../contracts/validators/admin-units';
import type { Population, SynthParcel, SynthPerson } from '../../sdk/simulator/population';
import type { HoSoDaTiepNhan, Nguoi, ThuaDat } from '../dialect';
import { dropEmpty } from '../mapping';

/** How many dossiers of each kind the simulator starts with. */
export const SEEDED_PER_GROUP = 8;

export const dmy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export const parcelKey = (k: { maXa: string; soTo: string; soThua: string }): string =>
  `${k.maXa}/${k.soTo}/${k.soThua}`;

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function provinceName(code: string): string {
  return lookupProvince(code, LATEST_CATALOGUE)?.name ?? `Tỉnh ${code}`;
}

export const landOffice = (province: string) => ({
  ma: `VPDKDD-${province}`,
  ten: `Văn phòng Đăng ký đất đai ${lowerFirst(provinceName(province))}`,
});

/** The registry's own routing code for the tax office it sends slips to (not the tax authority's code). */
export const taxOfficeFor = (province: string) => ({
  ma: `THUE-${province}`,
  ten: `Thuế ${lowerFirst(provinceName(province))}`,
});

export function nguoiOf(p: SynthPerson): Nguoi {
  return dropEmpty({
    loaiDoiTuong: 'CA_NHAN',
    hoTen: p.fullName,
    soDinhDanh: p.personalId,
    ngaySinh: dmy(p.dateOfBirth),
    diaChi: p.permanentAddress.text,
  }) as Nguoi;
}

/** The certificate's issuer: the land department of the province as it was when the certificate was issued. */
function issuer(p: SynthParcel): string {
  const legacy = p.address.legacyProvinceCode && lookupProvince(p.address.legacyProvinceCode, 'legacy');
  const name = legacy ? legacy.name : provinceName(p.address.provinceCode);
  return `Sở Tài nguyên và Môi trường ${lowerFirst(name)}`;
}

export interface Endorsement {
  holders: Nguoi[];
  soVaoSo: string;
}

export function thuaDatOf(p: SynthParcel, pop: Population, change?: Endorsement): ThuaDat {
  const area = p.areaM2.toFixed(1);
  const holders = change?.holders ?? p.holderIds.map((id) => nguoiOf(pop.person(id) as SynthPerson));
  return dropEmpty({
    maXa: p.communeCode,
    soTo: p.mapSheetNumber,
    soThua: p.parcelNumber,
    diaChi: {
      soNha: p.address.houseNumber,
      duong: p.address.street,
      thonXom: p.address.hamlet,
      maXa: p.address.communeCode,
      maTinh: p.address.provinceCode,
      diaChiDayDu: p.address.text,
    },
    dienTich: area,
    mucDichSuDung: {
      mucDich: [
        {
          ma: p.usePurpose,
          dienTich: area,
          thoiHan: p.term === 'long-term' ? 'Lâu dài' : `Đến ngày ${dmy(p.term.replace(/^until /, ''))}`,
        },
      ],
    },
    nguonGoc: p.origin,
    giayChungNhan: {
      soPhatHanh: p.certificate.serial,
      soVaoSo: change?.soVaoSo ?? p.certificate.registerNumber,
      ngayCap: dmy(p.certificate.issuedAt),
      coQuanCap: issuer(p),
    },
    chuSuDung: { nguoi: holders },
  });
}

/** Parcels that start with a pending transfer: the last 2 × SEEDED_PER_GROUP (never the scenario parcel). */
function seededParcels(pop: Population): SynthParcel[] {
  const scenario = pop.scenarios.land.parcel;
  return pop.parcels.filter((p) => p !== scenario).slice(-2 * SEEDED_PER_GROUP);
}

/** Someone to receive a parcel: an adult of the parcel's province who holds none of it. */
export function buyerFor(p: SynthParcel, pop: Population, offset = 0): SynthPerson {
  const candidates = pop.persons.filter(
    (x) =>
      x.permanentAddress.provinceCode === p.address.provinceCode &&
      x.dateOfBirth < '2004-01-01' &&
      !p.holderIds.includes(x.personalId),
  );
  return candidates[offset % candidates.length];
}

export interface SeededDossier {
  hoSo: HoSoDaTiepNhan;
  parcel: SynthParcel;
}

/** The dossiers the simulator starts with: `received` await their slip, `slipped` await payment. */
export function seedDossiers(pop: Population): { received: SeededDossier[]; slipped: SeededDossier[] } {
  const parcels = seededParcels(pop);
  const make = (p: SynthParcel, i: number, group: 'TN' | 'CT'): SeededDossier => {
    const buyer = buyerFor(p, pop, i * 7);
    const tablePrice = Math.round(p.areaM2 * p.landPricePerM2);
    return {
      parcel: p,
      hoSo: {
        maHoSo: `HS-SEED-${group}-${String(i + 1).padStart(2, '0')}`,
        loaiBienDong: 'CHUYEN_NHUONG',
        thuaDat: { maXa: p.communeCode, soTo: p.mapSheetNumber, soThua: p.parcelNumber },
        benChuyenNhuong: { nguoi: p.holderIds.map((id) => nguoiOf(pop.person(id) as SynthPerson)) },
        benNhanChuyenNhuong: { nguoi: [nguoiOf(buyer)] },
        hopDong: {
          soHopDong: `${1200 + i}/2025/CCGD`,
          ngayCongChung: '15/12/2025',
          toChucCongChung: 'Văn phòng công chứng Nguyễn Trãi',
        },
        // Declared at 80% of the price table: the usual under-declaration the table price corrects.
        giaKeKhai: String(Math.round((tablePrice * 0.8) / 1_000_000) * 1_000_000),
        ngayNhanDuHoSo: '20/12/2025 09:30:00',
        trangThai: 'DA_TIEP_NHAN',
      },
    };
  };
  return {
    received: parcels.slice(0, SEEDED_PER_GROUP).map((p, i) => make(p, i, 'TN')),
    slipped: parcels.slice(SEEDED_PER_GROUP).map((p, i) => make(p, i, 'CT')),
  };
}

/** Codes of the dossiers the simulator starts with. */
export function seededDossierCodes(pop: Population): { received: string[]; slipped: string[] } {
  const s = seedDossiers(pop);
  return { received: s.received.map((d) => d.hoSo.maHoSo), slipped: s.slipped.map((d) => d.hoSo.maHoSo) };
}

/** Parcels free of any seeded transfer (and not the scenario parcel), for examples that register new ones. */
export function freeParcels(pop: Population): SynthParcel[] {
  const taken = new Set(seededParcels(pop));
  return pop.parcels.filter((p) => p !== pop.scenarios.land.parcel && !taken.has(p));
}
