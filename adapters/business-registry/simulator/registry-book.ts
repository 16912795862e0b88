/**
 * The registry simulator's book: the shared population's household businesses (frozen) plus those registered
 * in the simulator, kept on the side, and the rules the commune office applies to a registration (Decree
 * 01/2021/NĐ-CP as carried over by Decree 168/2025/NĐ-CP: an adult owner, one household business per person
 * nationwide, a name "Hộ kinh doanh" + its own name unique in the registering area — the commune since
 * 1 July 2025 — and business lines from the VSIC).
 */
import { LATEST_CATALOGUE, lookupCommune } from '../../../contracts/validators/admin-units';
import { todayInVietnam } from '../../../contracts/validators/date';
import { nameComparisonKey, namesEqual } from '../../../contracts/validators/name';
import { ageAt, type Population } from '../../sdk/simulator/population';
import { dmy, type DangKyHoKinhDoanh, type HoKinhDoanh } from '../mapping';
import { hoKinhDoanhOf, lineName } from './dialect';
import { VSIC_2018 } from './vsic';

export interface Refusal {
  status: number;
  maLoi: string;
  /** Free of personal data: it ends up in the hub's error reason. */
  moTa: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const refuse = (status: number, maLoi: string, moTa: string): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { status, maLoi, moTa },
});

export interface BusinessRegistrySettings {
  /** "Today" for the owner's age and the registration date; tests pin it. @defaultValue () => new Date() */
  clock: () => Date;
  /** Age from which a person may own a household business (full civil capacity). @defaultValue 18 */
  minimumOwnerAge: number;
}

export const DEFAULT_SETTINGS: BusinessRegistrySettings = { clock: () => new Date(), minimumOwnerAge: 18 };

/** A name must read "Hộ kinh doanh" + its own name, and may not pose as a company (Decree 01/2021 Art. 88). */
const PREFIX = `${nameComparisonKey('Hộ kinh doanh')} `;
const COMPANY_WORDS = ['công ty', 'doanh nghiệp'].map(nameComparisonKey);

export class RegistryBook {
  private readonly seeded: HoKinhDoanh[];
  /** Registered here, by registration number. */
  private readonly registered = new Map<string, HoKinhDoanh>();
  /** Last serial per commune. */
  private readonly serials = new Map<string, number>();

  constructor(
    private readonly pop: Population,
    private readonly settings: BusinessRegistrySettings,
  ) {
    this.seeded = pop.businesses.map((b) => hoKinhDoanhOf(b, pop.person(b.ownerId)!));
  }

  reset(): void {
    this.registered.clear();
    this.serials.clear();
  }

  private all(): HoKinhDoanh[] {
    return [...this.seeded, ...this.registered.values()];
  }

  byNumber(maSoDangKy: string): HoKinhDoanh | undefined {
    return this.all().find((h) => h.maSoDangKy === maSoDangKy);
  }

  byOwner(soDinhDanh: string): HoKinhDoanh | undefined {
    return this.all().find((h) => h.chuHo.soDinhDanh === soDinhDanh);
  }

  register(b: DangKyHoKinhDoanh): Outcome<HoKinhDoanh> {
    const { maXa, maTinh } = b.diaChiKinhDoanh;
    if (lookupCommune(maXa, LATEST_CATALOGUE)?.provinceCode !== maTinh) {
      return refuse(
        422,
        'DIA_BAN_KHONG_HOP_LE',
        'Mã xã, mã tỉnh không có trong danh mục 2025 hoặc không khớp',
      );
    }
    const name = b.tenHoKinhDoanh.normalize('NFC').trim();
    const key = nameComparisonKey(name);
    if (!key.startsWith(PREFIX) || COMPANY_WORDS.some((w) => key.includes(w))) {
      return refuse(
        422,
        'TEN_KHONG_HOP_LE',
        'Tên phải gồm "Hộ kinh doanh" và tên riêng, không dùng "công ty", "doanh nghiệp"',
      );
    }
    const owner = this.pop.person(b.chuHo.soDinhDanh);
    if (!owner || !namesEqual(owner.fullName, b.chuHo.hoTen)) {
      return refuse(422, 'CHU_HO_KHONG_XAC_MINH_DUOC', 'Không xác minh được chủ hộ trong CSDLQG về dân cư');
    }
    const today = todayInVietnam(this.settings.clock());
    if (ageAt(owner.dateOfBirth, today) < this.settings.minimumOwnerAge) {
      return refuse(422, 'CHU_HO_CHUA_DU_18_TUOI', 'Chủ hộ chưa đủ 18 tuổi');
    }
    if (this.byOwner(owner.personalId)) {
      return refuse(409, 'CHU_HO_DA_CO_HO_KINH_DOANH', 'Mỗi cá nhân chỉ được đăng ký một hộ kinh doanh');
    }
    const unknown = b.nganhNghe.map((n) => n.maNganh).filter((c) => !VSIC_2018.has(c));
    if (unknown.length) {
      return refuse(422, 'MA_NGANH_KHONG_HOP_LE', `Mã ngành không có trong VSIC 2018: ${unknown.join(', ')}`);
    }
    if (b.nganhNghe.filter((n) => n.nganhChinh).length !== 1) {
      return refuse(400, 'DU_LIEU_KHONG_HOP_LE', 'Phải có đúng một ngành nghề chính');
    }
    if (this.all().some((h) => h.diaChiKinhDoanh.maXa === maXa && namesEqual(h.tenHoKinhDoanh, name))) {
      return refuse(409, 'TRUNG_TEN', 'Tên hộ kinh doanh đã được đăng ký trên địa bàn xã');
    }
    const serial = (this.serials.get(maXa) ?? 0) + 1;
    this.serials.set(maXa, serial);
    const record: HoKinhDoanh = {
      maSoDangKy: `${maXa}-8-${String(serial).padStart(6, '0')}`,
      tenHoKinhDoanh: name,
      chuHo: { soDinhDanh: owner.personalId, hoTen: owner.fullName },
      diaChiKinhDoanh: b.diaChiKinhDoanh,
      nganhNghe: b.nganhNghe.map((n) => ({
        maNganh: n.maNganh,
        tenNganh: lineName(n.maNganh),
        nganhChinh: n.nganhChinh,
      })),
      vonKinhDoanh: b.vonKinhDoanh,
      soLaoDong: b.soLaoDong,
      soDienThoai: b.soDienThoai,
      email: b.email,
      maSoThue: null,
      ngayDangKy: dmy(today),
    };
    this.registered.set(record.maSoDangKy, record);
    return { ok: true, value: record };
  }

  /** What the admin endpoint shows: the registrations made in the simulator (no personal data). */
  state(): unknown {
    return {
      registered: [...this.registered.values()].map((h) => ({
        maSoDangKy: h.maSoDangKy,
        maXa: h.diaChiKinhDoanh.maXa,
        ngayDangKy: h.ngayDangKy,
      })),
    };
  }
}
