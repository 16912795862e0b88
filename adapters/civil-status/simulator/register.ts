/**
 * The simulated registry's registers: the shared population's entries plus what was registered here, and the
 * rules the registry applies before it writes an entry (known parents, no repeat of a birth certificate, no
 * birth in the future, one death per person, marriage age and no second spouse). A refusal is a `Refusal` with
 * the registry's fault code. No HTTP here: simulator.ts answers with what this returns.
 */
import { toPortalTimestamp, todayInVietnam } from '../../../contracts/validators/date';
import { getPopulation, type Population } from '../../sdk/simulator/population';
import {
  FAULT,
  type CongDan,
  type KetHon,
  type KetQuaTraCuu,
  type KhaiSinh,
  type KhaiTu,
  type LoaiSo,
  type YeuCauKetHon,
  type YeuCauKhaiSinh,
  type YeuCauKhaiTu,
} from '../dialect';
import { isoDate } from '../mapping';
import {
  BIRTH_DEADLINE_DAYS,
  communeAddress,
  congDanOf,
  daysBetween,
  DEATH_DEADLINE_DAYS,
  dmy,
  populationRegisters,
} from './records';

export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/** A person as the registry knows them: from the population database, or a child registered here. */
interface Known {
  ref: CongDan;
  sex: 'male' | 'female';
  /** ISO date */
  dateOfBirth: string;
}

/** Completed years from ISO date `dob` to ISO date `on`. */
const ageOn = (dob: string, on: string): number =>
  Number(on.slice(0, 4)) - Number(dob.slice(0, 4)) - (on.slice(5) < dob.slice(5) ? 1 : 0);

/** Marriage age (Luật Hôn nhân và gia đình 2014 Art. 8): men from 20, women from 18 completed years. */
const MARRIAGE_AGE = { male: 20, female: 18 } as const;

export class CivilRegister {
  private births: KhaiSinh[] = [];
  private deaths: KhaiTu[] = [];
  private marriages: KetHon[] = [];
  private counters = new Map<string, number>();

  constructor(private readonly population: Population = getPopulation()) {}

  reset(): void {
    this.births = [];
    this.deaths = [];
    this.marriages = [];
    this.counters.clear();
  }

  /** What was registered here (register numbers only: no personal data on the admin endpoint). */
  state(): Record<string, string[]> {
    return {
      khaiSinh: this.births.map((e) => e.soDangKy),
      khaiTu: this.deaths.map((e) => e.soDangKy),
      ketHon: this.marriages.map((e) => e.soDangKy),
    };
  }

  private allBirths(): KhaiSinh[] {
    return [...populationRegisters(this.population).births, ...this.births];
  }

  private allMarriages(): KetHon[] {
    return [...populationRegisters(this.population).marriages, ...this.marriages];
  }

  private known(id: string): Known | undefined {
    const p = this.population.person(id);
    if (p) return { ref: congDanOf(p), sex: p.sex, dateOfBirth: p.dateOfBirth };
    const child = this.births.find((b) => b.treEm.soDinhDanh === id)?.treEm;
    if (!child) return undefined;
    const ref: CongDan = {
      soDinhDanh: id,
      hoTen: child.hoTen,
      ngaySinh: child.ngaySinh,
      gioiTinh: child.gioiTinh,
    };
    return { ref, sex: child.gioiTinh === 'Nam' ? 'male' : 'female', dateOfBirth: isoDate(child.ngaySinh) };
  }

  private isDead(id: string): boolean {
    return this.deaths.some((d) => d.nguoiChet.soDinhDanh === id);
  }

  /** The living spouse: from the last marriage registered here, else the population database. */
  private spouseOf(id: string): string | undefined {
    const last = [...this.marriages]
      .reverse()
      .find((m) => [m.benNam.soDinhDanh, m.benNu.soDinhDanh].includes(id));
    const spouse = last
      ? last.benNam.soDinhDanh === id
        ? last.benNu.soDinhDanh
        : last.benNam.soDinhDanh
      : this.population.person(id)?.spouseId;
    return spouse && !this.isDead(spouse) ? spouse : undefined;
  }

  /** The next entry of a register, per commune and year, after the population's own entries. */
  private nextNumber(loai: LoaiSo, commune: string, year: string): string {
    const key = `${loai}:${commune}:${year}`;
    let n = this.counters.get(key);
    if (n === undefined) {
      const existing = loai === 'KS' ? this.allBirths() : loai === 'KH' ? this.allMarriages() : this.deaths;
      n = existing
        .filter((e) => e.noiDangKy.maXa === commune && e.soDangKy.endsWith(`/${year}/${loai}`))
        .reduce((max, e) => Math.max(max, Number(e.soDangKy.split('/')[0])), 0);
    }
    this.counters.set(key, n + 1);
    return `${n + 1}/${year}/${loai}`;
  }

  /** The registering commune's address, as the registry writes it; refuses a code it does not know. */
  private commune(maXa: string) {
    const address = communeAddress(maXa);
    if (!address) throw new Refusal(FAULT.badCommune, 'Nơi đăng ký không phải xã, phường theo danh mục 2025');
    return address;
  }

  private entry(loai: LoaiSo, maXa: string, lateAfter: number | undefined, eventDate: string) {
    const today = todayInVietnam();
    return {
      soDangKy: this.nextNumber(loai, maXa, today.slice(0, 4)),
      ngayDangKy: dmy(today),
      thoiGianDangKy: toPortalTimestamp(new Date().toISOString()),
      ...(lateAfter !== undefined && {
        quaHan: daysBetween(eventDate, today) > lateAfter ? ('1' as const) : ('0' as const),
      }),
    };
  }

  registerBirth(req: YeuCauKhaiSinh): KhaiSinh {
    const noiDangKy = this.commune(req.noiDangKy.maXa!);
    const born = isoDate(req.treEm.ngaySinh);
    if (born > todayInVietnam()) throw new Refusal(FAULT.birthDate, 'Ngày sinh sau ngày đăng ký');
    const mother = this.known(req.me!.soDinhDanh!);
    if (!mother || mother.sex !== 'female')
      throw new Refusal(FAULT.unknownMother, 'Không xác định được người mẹ');
    if (born <= mother.dateOfBirth) throw new Refusal(FAULT.birthDate, 'Ngày sinh trước ngày sinh của mẹ');
    const father = req.cha ? this.known(req.cha.soDinhDanh!) : undefined;
    if (req.cha && (!father || father.sex !== 'male'))
      throw new Refusal(FAULT.unknownFather, 'Không xác định được người cha');
    const births = this.allBirths();
    const childId = req.treEm.soDinhDanh;
    if (
      births.some(
        (b) => b.giayChungSinh.so === req.giayChungSinh.so || (childId && b.treEm.soDinhDanh === childId),
      )
    )
      throw new Refusal(FAULT.alreadyRegistered, 'Giấy chứng sinh hoặc số định danh của trẻ đã được đăng ký');
    const entry: KhaiSinh = {
      ...req,
      me: mother.ref,
      ...(father && { cha: father.ref }),
      noiDangKy,
      ...this.entry('KS', noiDangKy.maXa!, BIRTH_DEADLINE_DAYS, born),
    };
    this.births.push(entry);
    return entry;
  }

  registerDeath(req: YeuCauKhaiTu): KhaiTu {
    const noiDangKy = this.commune(req.noiDangKy.maXa!);
    const died = isoDate(req.ngayChet);
    if (died > todayInVietnam()) throw new Refusal(FAULT.deathDate, 'Ngày chết sau ngày đăng ký');
    const id = req.nguoiChet.soDinhDanh!;
    const person = this.known(id);
    if (!person)
      throw new Refusal(FAULT.unknownPerson, 'Không xác định được người chết trong CSDLQG về dân cư');
    if (this.isDead(id)) throw new Refusal(FAULT.dead, 'Người này đã được đăng ký khai tử');
    if (died < person.dateOfBirth) throw new Refusal(FAULT.deathDate, 'Ngày chết trước ngày sinh');
    const entry: KhaiTu = {
      ...req,
      nguoiChet: person.ref,
      noiDangKy,
      ...this.entry('KT', noiDangKy.maXa!, DEATH_DEADLINE_DAYS, died),
    };
    this.deaths.push(entry);
    return entry;
  }

  registerMarriage(req: YeuCauKetHon): KetHon {
    const noiDangKy = this.commune(req.noiDangKy.maXa!);
    const ids = [req.benNam.soDinhDanh!, req.benNu.soDinhDanh!];
    if (ids[0] === ids[1]) throw new Refusal(FAULT.badRequest, 'Hai bên kết hôn là một người');
    const [nam, nu] = ids.map((id) => this.known(id));
    if (!nam || !nu) throw new Refusal(FAULT.unknownPerson, 'Không xác định được một bên kết hôn');
    if (ids.some((id) => this.isDead(id)))
      throw new Refusal(FAULT.dead, 'Một bên kết hôn đã được đăng ký khai tử');
    if (nam.sex !== 'male' || nu.sex !== 'female')
      throw new Refusal(FAULT.sexMismatch, 'Giới tính của các bên không khớp với CSDLQG về dân cư');
    const today = todayInVietnam();
    if (
      ageOn(nam.dateOfBirth, today) < MARRIAGE_AGE.male ||
      ageOn(nu.dateOfBirth, today) < MARRIAGE_AGE.female
    )
      throw new Refusal(FAULT.underage, 'Chưa đủ tuổi kết hôn');
    if (ids.some((id) => this.spouseOf(id) !== undefined))
      throw new Refusal(FAULT.married, 'Một bên đang có vợ hoặc chồng');
    const entry: KetHon = {
      benNam: nam.ref,
      benNu: nu.ref,
      noiDangKy,
      ...this.entry('KH', noiDangKy.maXa!, undefined, today),
    };
    this.marriages.push(entry);
    return entry;
  }

  /** Every entry about a person, oldest first; refuses a personal ID no register and no population record knows. */
  eventsOf(id: string): KetQuaTraCuu {
    const byDate = <T extends { ngayDangKy: string }>(a: T, b: T) =>
      isoDate(a.ngayDangKy).localeCompare(isoDate(b.ngayDangKy));
    const births = this.allBirths()
      .filter((b) => [b.treEm.soDinhDanh, b.me?.soDinhDanh, b.cha?.soDinhDanh].includes(id))
      .sort(byDate);
    const marriages = this.allMarriages()
      .filter((m) => m.benNam.soDinhDanh === id || m.benNu.soDinhDanh === id)
      .sort(byDate);
    const deaths = this.deaths.filter((d) => d.nguoiChet.soDinhDanh === id);
    if (!this.known(id) && births.length + marriages.length + deaths.length === 0)
      throw new Refusal(FAULT.notFound, 'Không tìm thấy công dân');
    return {
      soDinhDanh: id,
      tongSo: String(births.length + marriages.length + deaths.length),
      ...(births.length > 0 ? { khaiSinh: births } : {}),
      ...(marriages.length > 0 ? { ketHon: marriages } : {}),
      ...(deaths.length > 0 ? { khaiTu: deaths } : {}),
    };
  }
}
