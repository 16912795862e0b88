/**
 * The health-insurance simulator's books: the shared population's cards (frozen) plus the children's cards
 * and funeral-grant dossiers the simulator issued, kept on the side, and the rules Vietnam Social Security
 * applies to each request.
 */
import { parseDate, todayInVietnam } from '../../../contracts/validators/date';
import { LATEST_CATALOGUE, lookupProvince } from '../../../contracts/validators/admin-units';
import { parsePersonalId } from '../../../contracts/validators/personal-id';
import type { Population, SynthHealthCard } from '../../sdk/simulator/population';
import { childCardValidity, isUnderSix } from '../child-card-validity';
import { funeralGrantAmount } from '../funeral-grant';
import { dmy, localTimestamp, type HoSoMaiTang, type TheBhyt } from '../mapping';
import type { CapTheTreEmRequest, MaiTangRequest } from '../requests';
import { cardOf, facilitiesOf } from './dialect';
import type { HealthInsuranceSettings } from './settings';

export interface Refusal {
  status: number;
  errorCode: string;
  /** Free of personal data: it ends up in the hub's error reason. */
  errorMessage: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const refuse = (
  status: number,
  errorCode: string,
  errorMessage: string,
): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { status, errorCode, errorMessage },
});

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export class InsuranceBook {
  private readonly cardsByHolder = new Map<string, SynthHealthCard>();
  private readonly populationSiNumbers = new Set<string>();
  private readonly facilities: ReadonlyMap<string, string>;
  /** Children's cards issued here, by personal ID. */
  private readonly issued = new Map<string, TheBhyt>();
  /** Funeral-grant dossiers, by the deceased's personal ID. */
  private readonly claims = new Map<string, HoSoMaiTang>();
  private siSerial = 0;
  private claimSerial = 0;

  private readonly now: () => Date;

  constructor(
    private readonly pop: Population,
    private readonly settings: HealthInsuranceSettings,
  ) {
    this.now = settings.clock;
    for (const c of pop.healthCards) this.cardsByHolder.set(c.holderId, c);
    for (const p of pop.persons) this.populationSiNumbers.add(p.socialInsuranceNumber);
    this.facilities = facilitiesOf(pop);
  }

  reset(): void {
    this.issued.clear();
    this.claims.clear();
    this.siSerial = 0;
    this.claimSerial = 0;
  }

  card(personalId: string): TheBhyt | undefined {
    const issued = this.issued.get(personalId);
    if (issued) return issued;
    const c = this.cardsByHolder.get(personalId);
    return c ? cardOf(c, this.pop.person(personalId)!) : undefined;
  }

  /** A TE card for a child under 6: group TE, benefit level 1, valid from birth (child-card-validity.ts). */
  issueChildCard(b: CapTheTreEmRequest): Outcome<TheBhyt> {
    const dob = parseDate(b.ngaySinh, { allowPartial: false, notFuture: true, now: this.now() });
    if (!dob.ok || !lookupProvince(b.diaChi.maTinh, LATEST_CATALOGUE)) {
      return refuse(400, 'DU_LIEU_KHONG_HOP_LE', 'Ngày sinh hoặc mã tỉnh không hợp lệ');
    }
    const dateOfBirth = dob.value.value;
    if (!isUnderSix(dateOfBirth, todayInVietnam(this.now()))) {
      return refuse(422, 'TRE_DU_6_TUOI', 'Trẻ đã đủ 6 tuổi, không thuộc đối tượng trẻ em dưới 6 tuổi');
    }
    if (!this.identityAgrees(b, dateOfBirth)) {
      return refuse(422, 'KHONG_XAC_MINH_DUOC_NHAN_THAN', 'Không xác minh được nhân thân của trẻ');
    }
    const facility = this.facilities.get(b.maNoiDangKyKCB);
    if (!facility)
      return refuse(422, 'MA_KCB_KHONG_HOP_LE', 'Nơi đăng ký khám chữa bệnh ban đầu không hợp lệ');
    if (this.card(b.soDinhDanh)) return refuse(409, 'DA_CO_THE', 'Trẻ đã được cấp thẻ bảo hiểm y tế');
    const si = this.newSiNumber(b.diaChi.maTinh);
    const validity = childCardValidity(dateOfBirth, this.settings.childCardRule);
    const card: TheBhyt = {
      maThe: `TE1${b.diaChi.maTinh}${si}`,
      maSoBHXH: si,
      soDinhDanh: b.soDinhDanh,
      hoTen: b.hoTen.normalize('NFC'),
      ngaySinh: b.ngaySinh,
      gioiTinh: b.gioiTinh,
      mucHuong: 1,
      maNoiDangKyKCB: b.maNoiDangKyKCB,
      tenNoiDangKyKCB: facility,
      tuNgay: dmy(validity.validFrom),
      denNgay: dmy(validity.validTo),
    };
    this.issued.set(b.soDinhDanh, card);
    return { ok: true, value: card };
  }

  /** The funeral grant for an insured person: 10 × the base level of the month of death, once per person. */
  claimFuneralGrant(b: MaiTangRequest): Outcome<HoSoMaiTang> {
    const death = parseDate(b.ngayMat, { allowPartial: false, notFuture: true, now: this.now() });
    if (!death.ok || b.nguoiNhan.soDinhDanh === b.soDinhDanhNguoiChet) {
      return refuse(400, 'DU_LIEU_KHONG_HOP_LE', 'Ngày mất hoặc người nhận không hợp lệ');
    }
    const deceased = this.pop.person(b.soDinhDanhNguoiChet);
    if (!deceased) return refuse(404, 'KHONG_TIM_THAY_NGUOI_THAM_GIA', 'Không tìm thấy người tham gia BHXH');
    const dateOfDeath = death.value.value;
    if (dateOfDeath < deceased.dateOfBirth) {
      return refuse(400, 'DU_LIEU_KHONG_HOP_LE', 'Ngày mất trước ngày sinh');
    }
    const card = this.cardsByHolder.get(deceased.personalId);
    if (!card || !this.settings.insuredGroups.includes(card.group)) {
      return refuse(
        422,
        'KHONG_DU_DIEU_KIEN',
        'Người chết không thuộc đối tượng hưởng trợ cấp mai táng của BHXH',
      );
    }
    if (this.claims.has(deceased.personalId)) {
      return refuse(409, 'DA_GIAI_QUYET', 'Trợ cấp mai táng đã được giải quyết cho người này');
    }
    const amount = funeralGrantAmount(dateOfDeath, this.settings.funeralGrant);
    if (amount === undefined) {
      return refuse(422, 'KHONG_CO_MUC_LUONG_CO_SO', 'Chưa có mức lương cơ sở cho tháng mất');
    }
    const decidedAt = localTimestamp(this.now());
    const dossier: HoSoMaiTang = {
      soHoSo: `MT-${card.number.slice(3, 5)}-${decidedAt.slice(0, 4)}-${pad(++this.claimSerial, 6)}`,
      soDinhDanhNguoiChet: deceased.personalId,
      maSoBHXH: deceased.socialInsuranceNumber,
      soTien: amount,
      trangThai: 'DA_DUYET',
      ngayQuyetDinh: decidedAt,
    };
    this.claims.set(deceased.personalId, dossier);
    return { ok: true, value: dossier };
  }

  /** What the admin endpoint shows: cards issued and dossiers decided in the simulator. */
  state(): unknown {
    return {
      issuedCards: [...this.issued.values()].map((c) => ({ soDinhDanh: c.soDinhDanh, maThe: c.maThe })),
      funeralClaims: [...this.claims.values()].map((c) => ({
        soHoSo: c.soHoSo,
        soDinhDanhNguoiChet: c.soDinhDanhNguoiChet,
        soTien: c.soTien,
      })),
    };
  }

  /**
   * Whether name, date of birth and sex belong to the child's ID. A child the population knows must match
   * its record. A newborn the population database has just issued an ID to cannot be known from the shared
   * population, so a new ID is accepted when its century, sex and year digits agree with the request. The
   * real system does not guess: it verifies the ID, name and date of birth against the national population
   * database (the population adapter's identity-check, through the hub) before issuing the card.
   */
  private identityAgrees(b: CapTheTreEmRequest, dateOfBirth: string): boolean {
    const sex = b.gioiTinh === 'Nam' ? 'male' : 'female';
    const known = this.pop.person(b.soDinhDanh);
    if (known) {
      return (
        known.fullName === b.hoTen.normalize('NFC') && known.dateOfBirth === dateOfBirth && known.sex === sex
      );
    }
    const id = parsePersonalId(b.soDinhDanh, { now: this.now() });
    return id.ok && id.value.birthYear === Number(dateOfBirth.slice(0, 4)) && id.value.sex === sex;
  }

  /** A new 10-digit social-insurance number: province (2) + 8 digits, unused by the population. */
  private newSiNumber(province: string): string {
    for (;;) {
      const si = `${province}9${pad(++this.siSerial, 7)}`;
      if (!this.populationSiNumbers.has(si)) return si;
    }
  }
}
