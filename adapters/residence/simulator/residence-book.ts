/**
 * The residence simulator's book of permanent-residence registrations: the shared population's households
 * (frozen) plus what the simulator registered and removed, kept on the side, and the rules the police apply
 * to a registration (head's consent, one permanent residence per person) and a removal.
 */
import { parseDate, parseTimestamp, todayInVietnam } from '../../../contracts/validators/date';
import { parsePersonalId } from '../../../contracts/validators/personal-id';
import type { Population, SynthHousehold } from '../../sdk/simulator/population';
import { dmy, type DangKyThuongTru, type HoGiaDinh, type NguoiRutGon } from '../mapping';
import type { DangKyRequest, XoaDangKyRequest } from '../requests';
import { diaChiOf, relationCodeOf } from './dialect';

export interface Refusal {
  status: number;
  code: string;
  /** Free of personal data: it ends up in the hub's error reason. */
  detail: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

interface Removal {
  record: DangKyThuongTru;
  deathRegisterNumber: string | null;
}

const refuse = (status: number, code: string, detail: string): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { status, code, detail },
});

/** A consent stamped later than now (plus this much clock skew) is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

export class ResidenceBook {
  /** Registrations made in the simulator, by personal ID (a re-registration after a removal lands here too). */
  private readonly added = new Map<string, DangKyThuongTru>();
  /** Removed registrations, by personal ID: they hide the population's record of the person. */
  private readonly removed = new Map<string, Removal>();
  private serial = 0;
  /** Marriage dates by spouse: a spouse who married into the household registered then. */
  private readonly marriedOn = new Map<string, string>();

  constructor(
    private readonly pop: Population,
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const m of pop.marriages) for (const id of m.spouseIds) this.marriedOn.set(id, m.date);
  }

  reset(): void {
    this.added.clear();
    this.removed.clear();
    this.serial = 0;
  }

  /** The person's active permanent-residence registration, if any. */
  active(personalId: string): DangKyThuongTru | undefined {
    const added = this.added.get(personalId);
    if (added) return added;
    return this.removed.has(personalId) ? undefined : this.base(personalId);
  }

  household(maHo: string): HoGiaDinh | undefined {
    const h = this.pop.household(maHo);
    if (!h) return undefined;
    const members = [
      ...h.memberIds.filter((id) => !this.added.has(id)).map((id) => this.active(id)),
      ...[...this.added.values()].filter((r) => r.ma_ho === maHo),
    ].filter((r): r is DangKyThuongTru => r?.ma_ho === maHo);
    const head = members.find((m) => m.quan_he_voi_chu_ho === 'CH');
    return {
      ma_ho: h.id,
      dia_chi: diaChiOf(h.address),
      chu_ho: head ? { so_dinh_danh: head.so_dinh_danh, ho_ten: head.ho_ten } : null,
      thanh_vien: members.map((m) => ({
        so_dinh_danh: m.so_dinh_danh,
        ho_ten: m.ho_ten,
        quan_he_voi_chu_ho: m.quan_he_voi_chu_ho,
        ngay_dang_ky: m.ngay_dang_ky,
      })),
    };
  }

  householdOf(personalId: string): HoGiaDinh | undefined {
    const r = this.active(personalId);
    return r ? this.household(r.ma_ho) : undefined;
  }

  /** Registers a person into an existing household with the head's consent. */
  register(b: DangKyRequest): Outcome<DangKyThuongTru> {
    const dob = parseDate(b.ngay_sinh, { allowPartial: false, notFuture: true, now: this.now() });
    const consentAt = parseTimestamp(b.y_kien_chu_ho.thoi_diem_dong_y);
    if (!dob.ok) return refuse(400, 'THAM_SO_KHONG_HOP_LE', 'Ngày sinh không hợp lệ');
    if (!consentAt.ok || Date.parse(consentAt.value) > this.now().getTime() + CLOCK_SKEW_MS) {
      return refuse(400, 'THAM_SO_KHONG_HOP_LE', 'Thời điểm chủ hộ đồng ý không hợp lệ');
    }
    const h = this.household(b.ma_ho);
    if (!h) return refuse(404, 'HO_KHONG_TON_TAI', 'Không tìm thấy hộ gia đình');
    if (!h.chu_ho || h.chu_ho.so_dinh_danh !== b.y_kien_chu_ho.so_dinh_danh) {
      return refuse(422, 'KHONG_PHAI_CHU_HO', 'Ý kiến đồng ý không phải của chủ hộ');
    }
    if (this.active(b.so_dinh_danh)) {
      return refuse(
        409,
        'DA_DANG_KY_THUONG_TRU',
        'Công dân đang có nơi thường trú, phải xóa trước khi đăng ký',
      );
    }
    if (!this.identityAgrees(b.so_dinh_danh, b.ho_ten, dob.value.value)) {
      return refuse(422, 'THONG_TIN_KHONG_KHOP', 'Họ tên, ngày sinh không khớp với số định danh');
    }
    const record: DangKyThuongTru = {
      so_dang_ky: `TT-${b.ma_ho}-N${String(++this.serial).padStart(4, '0')}`,
      ma_ho: b.ma_ho,
      so_dinh_danh: b.so_dinh_danh,
      ho_ten: b.ho_ten.normalize('NFC'),
      ngay_sinh: b.ngay_sinh,
      quan_he_voi_chu_ho: b.quan_he_voi_chu_ho,
      dia_chi: h.dia_chi,
      chu_ho: h.chu_ho,
      ngay_dang_ky: dmy(todayInVietnam(this.now())),
      trang_thai: 'DANG_THUONG_TRU',
      ngay_xoa: null,
      ly_do_xoa: null,
    };
    this.added.set(b.so_dinh_danh, record);
    return { ok: true, value: record };
  }

  /** Removes a person's active registration; the answer shows the registration as it ended. */
  remove(b: XoaDangKyRequest): Outcome<DangKyThuongTru> {
    const current = this.active(b.so_dinh_danh);
    if (!current) return refuse(404, 'CHUA_DANG_KY_THUONG_TRU', 'Công dân không có đăng ký thường trú');
    if (b.ma_ho && b.ma_ho !== current.ma_ho) {
      return refuse(409, 'KHONG_THUOC_HO', 'Công dân không thường trú trong hộ đã nêu');
    }
    const record: DangKyThuongTru = {
      ...current,
      chu_ho: this.household(current.ma_ho)?.chu_ho ?? null,
      trang_thai: 'DA_XOA',
      ngay_xoa: dmy(todayInVietnam(this.now())),
      ly_do_xoa: b.ly_do_xoa,
    };
    this.added.delete(b.so_dinh_danh);
    this.removed.set(b.so_dinh_danh, { record, deathRegisterNumber: b.so_dang_ky_khai_tu });
    return { ok: true, value: record };
  }

  /** What the admin endpoint shows: registrations and removals made in the simulator. */
  state(): unknown {
    return {
      registered: [...this.added.values()].map((r) => ({
        so_dinh_danh: r.so_dinh_danh,
        ma_ho: r.ma_ho,
        so_dang_ky: r.so_dang_ky,
      })),
      removed: [...this.removed.values()].map((r) => ({
        so_dinh_danh: r.record.so_dinh_danh,
        ma_ho: r.record.ma_ho,
        ly_do_xoa: r.record.ly_do_xoa,
        so_dang_ky_khai_tu: r.deathRegisterNumber,
      })),
    };
  }

  /**
   * Whether name and date of birth belong to the ID. A citizen the population (or an earlier registration)
   * knows must match that record. A new ID — a newborn the population database has just issued, which the
   * shared population cannot know — is accepted when its century and year digits agree with the date of
   * birth. The real residence database shares the population database's records and checks the newborn
   * there instead.
   */
  private identityAgrees(personalId: string, fullName: string, dateOfBirth: string): boolean {
    const known = this.pop.person(personalId);
    const earlier = this.removed.get(personalId)?.record;
    const name = fullName.normalize('NFC');
    if (known) return known.fullName === name && known.dateOfBirth === dateOfBirth;
    if (earlier) return earlier.ho_ten === name && earlier.ngay_sinh === dmy(dateOfBirth);
    const id = parsePersonalId(personalId, { now: this.now() });
    return id.ok && id.value.birthYear === Number(dateOfBirth.slice(0, 4));
  }

  /** The population's registration of a person, in the dialect. */
  private base(personalId: string): DangKyThuongTru | undefined {
    const p = this.pop.person(personalId);
    const h: SynthHousehold | undefined = p ? this.pop.household(p.householdId) : undefined;
    if (!p || !h) return undefined;
    const members = h.memberIds.map((id) => this.pop.person(id)!);
    // The head the person was registered under; a removal answers with the head at that moment instead.
    const head = this.pop.person(h.headId);
    const headRef: NguoiRutGon | null = head
      ? { so_dinh_danh: head.personalId, ho_ten: head.fullName }
      : null;
    const marriedIn = p.relationToHead === 'spouse' || p.relationToHead === 'other-relative';
    const joined = marriedIn ? this.marriedOn.get(p.personalId) : undefined;
    const since = [h.registeredSince, p.dateOfBirth, joined ?? ''].reduce((a, b) => (b > a ? b : a));
    return {
      so_dang_ky: `TT-${h.id}-${String(h.memberIds.indexOf(p.personalId) + 1).padStart(2, '0')}`,
      ma_ho: h.id,
      so_dinh_danh: p.personalId,
      ho_ten: p.fullName,
      ngay_sinh: dmy(p.dateOfBirth),
      quan_he_voi_chu_ho: relationCodeOf(p, members),
      dia_chi: diaChiOf(h.address),
      chu_ho: headRef,
      ngay_dang_ky: dmy(since),
      trang_thai: 'DANG_THUONG_TRU',
      ngay_xoa: null,
      ly_do_xoa: null,
    };
  }
}
