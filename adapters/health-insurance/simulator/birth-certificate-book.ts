/**
 * The electronic birth certificates the health-insurance simulator holds: the planned ones
 * (birth-certificates.ts), dated from the clock when the book is made or reset, and those a test adds at run
 * time. A certificate is served only to a look-up that names its mother. The facility's signature is a
 * stand-in: an HMAC of the certificate under a per-facility simulator key, opaque like the real one.
 */
import { createHmac } from 'node:crypto';
import Joi from 'joi';
import { todayInVietnam } from '../../../contracts/validators/date';
import type { Population, SynthPerson } from '../../sdk/simulator/population';
import { dmy, isoDate, localTimestamp } from '../mapping';
import type { GiayChungSinh, NguoiTrenGiay } from '../mapping-birth';
import {
  certificateNumber,
  facilityPlaces,
  plannedBirthCertificates,
  stationOf,
  type FacilityPlace,
} from './birth-certificates';
import type { Outcome } from './insurance-book';

const DAY_MS = 86_400_000;

/** A certificate to add at run time (POST /__sim/birth-certificates): defaults fill what is left out. */
export interface ThemGiayChungSinh {
  soDinhDanhMe: string;
  soDinhDanhCha?: string;
  /** the facility; default: the scenario's maternity hospital for the scenario's mother, else her commune's station */
  maCoSo?: string;
  /** dd/MM/yyyy; default: 2 days before today */
  ngaySinhCon?: string;
  /** HH:mm; default 09:30 */
  gioSinhCon?: string;
  /** default Nam */
  gioiTinhCon?: 'Nam' | 'Nữ';
  /** grams; default 3100 */
  canNangCon?: number;
}

const id12 = Joi.string().pattern(/^\d{12}$/);
export const themGiayChungSinhBody = Joi.object({
  soDinhDanhMe: id12.required(),
  soDinhDanhCha: id12,
  maCoSo: Joi.string().pattern(/^\d{5}$/),
  ngaySinhCon: Joi.string().pattern(/^\d{2}\/\d{2}\/\d{4}$/),
  gioSinhCon: Joi.string().pattern(/^([01]\d|2[0-3]):[0-5]\d$/),
  gioiTinhCon: Joi.string().valid('Nam', 'Nữ'),
  canNangCon: Joi.number().integer().min(300).max(8000),
});

const refuse = (status: number, errorCode: string, errorMessage: string) =>
  ({ ok: false, refusal: { status, errorCode, errorMessage } }) as const;

const onCertificate = (p: SynthPerson): NguoiTrenGiay => ({ soDinhDanh: p.personalId, hoTen: p.fullName });

export class BirthCertificateBook {
  private readonly places: ReadonlyMap<string, FacilityPlace>;
  private readonly certificates = new Map<string, GiayChungSinh>();
  private readonly serials = new Map<string, number>();
  private added = 0;

  constructor(
    private readonly pop: Population,
    private readonly clock: () => Date,
  ) {
    this.places = facilityPlaces(pop);
    this.reset();
  }

  /** Back to the planned certificates, dated from the clock's today. */
  reset(): void {
    this.certificates.clear();
    this.serials.clear();
    this.added = 0;
    const today = todayInVietnam(this.clock());
    for (const p of plannedBirthCertificates(this.pop)) {
      this.serials.set(p.facility.code, (this.serials.get(p.facility.code) ?? 0) + 1);
      const born = new Date(Date.parse(`${today}T00:00:00Z`) - p.daysOld * DAY_MS).toISOString().slice(0, 10);
      this.store(p.number, p.facility, this.pop.person(p.motherId)!, this.pop.person(p.fatherId), {
        ngaySinh: dmy(born),
        gioSinh: p.timeOfBirth,
        gioiTinh: p.sex === 'male' ? 'Nam' : 'Nữ',
        canNang: p.weightGrams,
      });
    }
  }

  /** The certificate with this number, when its mother is `motherId`. */
  find(number: string, motherId: string): GiayChungSinh | undefined {
    const c = this.certificates.get(number);
    return c && c.me.soDinhDanh === motherId ? c : undefined;
  }

  add(b: ThemGiayChungSinh): Outcome<GiayChungSinh> {
    const mother = this.pop.person(b.soDinhDanhMe);
    if (!mother || mother.sex !== 'female')
      return refuse(422, 'KHONG_XAC_MINH_DUOC_NHAN_THAN', 'Không xác định được người mẹ');
    const father = b.soDinhDanhCha ? this.pop.person(b.soDinhDanhCha) : undefined;
    if (b.soDinhDanhCha && (!father || father.sex !== 'male'))
      return refuse(422, 'KHONG_XAC_MINH_DUOC_NHAN_THAN', 'Không xác định được người cha');
    const facility = b.maCoSo ? this.places.get(b.maCoSo) : this.defaultFacility(mother);
    if (!facility) return refuse(422, 'MA_CO_SO_KHONG_HOP_LE', 'Cơ sở khám chữa bệnh không hợp lệ');
    const now = this.clock();
    const born =
      b.ngaySinhCon ??
      dmy(new Date(Date.parse(`${todayInVietnam(now)}T00:00:00Z`) - 2 * DAY_MS).toISOString().slice(0, 10));
    const time = b.gioSinhCon ?? '09:30';
    const moment = Date.parse(`${isoDate(born)}T${time}:00+07:00`);
    if (Number.isNaN(moment) || moment > now.getTime() || isoDate(born) <= mother.dateOfBirth)
      return refuse(400, 'DU_LIEU_KHONG_HOP_LE', 'Ngày giờ sinh không hợp lệ');
    const serial = (this.serials.get(facility.code) ?? 0) + 1;
    this.serials.set(facility.code, serial);
    this.added++;
    const certificate = this.store(certificateNumber(facility.code, serial), facility, mother, father, {
      ngaySinh: born,
      gioSinh: time,
      gioiTinh: b.gioiTinhCon ?? 'Nam',
      canNang: b.canNangCon ?? 3100,
    });
    return { ok: true, value: certificate };
  }

  /** What the admin endpoint shows: numbers and facilities, no personal data. */
  state(): unknown {
    return {
      birthCertificates: [...this.certificates.values()].map((c) => ({
        soGiayChungSinh: c.soGiayChungSinh,
        maCoSo: c.coSoKhamChuaBenh.maCoSo,
      })),
      birthCertificatesAdded: this.added,
    };
  }

  private defaultFacility(mother: SynthPerson): FacilityPlace | undefined {
    const { birth } = this.pop.scenarios;
    return mother.personalId === birth.motherId
      ? this.places.get(birth.healthFacility.code)
      : stationOf(mother, this.places);
  }

  /** Issued a day and two hours after the birth, or now if that is later than now; signed. */
  private store(
    number: string,
    f: FacilityPlace,
    mother: SynthPerson,
    father: SynthPerson | undefined,
    child: GiayChungSinh['treSoSinh'],
  ): GiayChungSinh {
    const birth = Date.parse(`${isoDate(child.ngaySinh)}T${child.gioSinh}:00+07:00`);
    const issued = Math.min(birth + 26 * 3_600_000, this.clock().getTime());
    const unsigned: Omit<GiayChungSinh, 'chuKySo'> = {
      soGiayChungSinh: number,
      ngayCap: localTimestamp(new Date(issued)),
      coSoKhamChuaBenh: {
        maCoSo: f.code,
        tenCoSo: f.name,
        maXa: f.communeCode,
        maTinh: f.provinceCode,
        diaChi: f.text,
      },
      treSoSinh: child,
      me: onCertificate(mother),
      cha: father ? onCertificate(father) : null,
    };
    const chuKySo = createHmac('sha256', `lienthong-simulator:${f.code}`)
      .update(JSON.stringify(unsigned))
      .digest('base64');
    const certificate = { ...unsigned, chuKySo };
    this.certificates.set(number, certificate);
    return certificate;
  }
}
