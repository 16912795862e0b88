/**
 * The land registry simulator's own state beside the frozen population: dossiers of transfers (received, sent to
 * tax, completed), which parcel is under a pending change, and the endorsements made on completion. Each
 * operation answers in the dialect or refuses with the registry's code (a soap:Client fault).
 */
import { nameComparisonKey } from '../../../contracts/validators/name';
import type { Population, SynthParcel } from '../../sdk/simulator/population';
import type { ChungTuNop, HoSoBienDong, HoSoDaTiepNhan, PhieuChuyenThongTin, ThuaDat } from '../dialect';
import { many, registryTimestamp } from '../mapping';
import { landOffice, parcelKey, seedDossiers, taxOfficeFor, thuaDatOf, type Endorsement } from './records';

/** A refusal in the registry's words: its code and message. */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

interface Dossier {
  hoSo: HoSoDaTiepNhan;
  parcel: SynthParcel;
  phieu?: PhieuChuyenThongTin;
  chungTu?: ChungTuNop[];
}

const idOf = (n: { soDinhDanh?: string; maSoThue?: string }): string => n.soDinhDanh || n.maSoThue || '';

export class RegistryState {
  private readonly byKey: Map<string, SynthParcel>;
  private readonly dossiers = new Map<string, Dossier>();
  private readonly pending = new Map<string, string>();
  private readonly endorsements = new Map<string, Endorsement>();
  private slips = 0;
  private entries = 0;

  constructor(private readonly pop: Population) {
    this.byKey = new Map(
      pop.parcels.map((p) => [
        parcelKey({ maXa: p.communeCode, soTo: p.mapSheetNumber, soThua: p.parcelNumber }),
        p,
      ]),
    );
    this.reset();
  }

  reset(): void {
    this.dossiers.clear();
    this.pending.clear();
    this.endorsements.clear();
    this.slips = 0;
    this.entries = 0;
    const seeds = seedDossiers(this.pop);
    for (const s of seeds.received) this.admit(s.hoSo, s.parcel);
    for (const s of seeds.slipped) this.slip(this.admit(s.hoSo, s.parcel).hoSo.maHoSo, '20/12/2025 14:00:00');
  }

  parcel(k: { maXa: string; soTo: string; soThua: string }): ThuaDat {
    const key = parcelKey(k);
    const p = this.byKey.get(key);
    if (!p) throw new Refusal('THUA_DAT_KHONG_TON_TAI', 'Không tìm thấy thửa đất');
    return thuaDatOf(p, this.pop, this.endorsements.get(key));
  }

  /** DangKyBienDong: checks the parcel, its holders and pending changes, then receives the dossier. */
  register(h: HoSoBienDong, now: Date): HoSoDaTiepNhan {
    const key = parcelKey(h.thuaDat);
    const parcel = this.byKey.get(key);
    if (!parcel) throw new Refusal('THUA_DAT_KHONG_TON_TAI', 'Không tìm thấy thửa đất');
    if (this.dossiers.has(h.maHoSo)) throw new Refusal('HO_SO_DA_TON_TAI', 'Mã hồ sơ đã được sử dụng');
    if (this.pending.has(key)) {
      throw new Refusal(
        'THUA_DAT_DANG_CO_BIEN_DONG',
        'Thửa đất đang có hồ sơ biến động chưa giải quyết xong',
      );
    }
    const holders = many(this.parcel(h.thuaDat).chuSuDung.nguoi);
    const holderIds = new Set(holders.map(idOf));
    const transferors = many(h.benChuyenNhuong.nguoi);
    const strangers = transferors.filter((n) => !holderIds.has(idOf(n)));
    if (strangers.length) {
      throw new Refusal('BEN_CHUYEN_NHUONG_KHONG_DUNG', 'Bên chuyển nhượng không phải người sử dụng đất');
    }
    const sameName = transferors.every((n) =>
      holders.some((x) => idOf(x) === idOf(n) && nameComparisonKey(x.hoTen) === nameComparisonKey(n.hoTen)),
    );
    if (!sameName || transferors.length !== holderIds.size) {
      throw new Refusal(
        'BEN_CHUYEN_NHUONG_KHONG_DUNG',
        'Bên chuyển nhượng không khớp với người sử dụng đất trên giấy chứng nhận',
      );
    }
    return this.admit({ ...h, ngayNhanDuHoSo: registryTimestamp(now), trangThai: 'DA_TIEP_NHAN' }, parcel)
      .hoSo;
  }

  /** LapPhieuChuyenThongTin: draws up the Mẫu 15 slip for a received dossier. */
  slip(maHoSo: string, at: string): PhieuChuyenThongTin {
    const d = this.dossier(maHoSo);
    if (d.hoSo.trangThai === 'DA_CAP_NHAT') throw new Refusal('HO_SO_DA_HOAN_THANH', 'Hồ sơ đã hoàn thành');
    if (d.phieu) throw new Refusal('DA_LAP_PHIEU', `Hồ sơ đã có phiếu chuyển thông tin ${d.phieu.soPhieu}`);
    const t = this.parcel(d.hoSo.thuaDat);
    const province = t.diaChi.maTinh;
    this.slips++;
    d.phieu = {
      soPhieu: `${String(this.slips).padStart(6, '0')}/PCTT-VPDK${province}`,
      ngayLap: at,
      maHoSo,
      vanPhongDangKy: landOffice(province),
      coQuanThue: taxOfficeFor(province),
      thuaDat: d.hoSo.thuaDat,
      diaChiThuaDat: t.diaChi,
      dienTich: t.dienTich,
      mucDichSuDung: many(t.mucDichSuDung.mucDich)[0].ma,
      benChuyenNhuong: d.hoSo.benChuyenNhuong,
      benNhanChuyenNhuong: d.hoSo.benNhanChuyenNhuong,
      giaKeKhai: d.hoSo.giaKeKhai,
      giaDatBangGia: String(d.parcel.landPricePerM2),
    };
    d.hoSo = { ...d.hoSo, trangThai: 'DA_CHUYEN_THUE' };
    return d.phieu;
  }

  /** CapNhatBienDong: after payment, the transferees become the holders and the certificate is endorsed. */
  complete(maHoSo: string, chungTu: ChungTuNop[], now: Date) {
    const d = this.dossier(maHoSo);
    if (d.hoSo.trangThai === 'DA_CAP_NHAT') throw new Refusal('HO_SO_DA_HOAN_THANH', 'Hồ sơ đã hoàn thành');
    if (!d.phieu) {
      throw new Refusal('CHUA_CHUYEN_THUE', 'Hồ sơ chưa được chuyển thông tin sang cơ quan thuế');
    }
    const key = parcelKey(d.hoSo.thuaDat);
    this.entries++;
    this.endorsements.set(key, {
      holders: many(d.hoSo.benNhanChuyenNhuong.nguoi),
      soVaoSo: `CS ${String(50000 + this.entries)}`,
    });
    d.chungTu = chungTu;
    d.hoSo = { ...d.hoSo, trangThai: 'DA_CAP_NHAT' };
    this.pending.delete(key);
    return { maHoSo, ngayCapNhat: registryTimestamp(now), thuaDat: this.parcel(d.hoSo.thuaDat) };
  }

  /** What the admin endpoint shows: dossier codes and states, no personal data. */
  summary() {
    return {
      dossiers: [...this.dossiers.values()].map((d) => ({
        maHoSo: d.hoSo.maHoSo,
        trangThai: d.hoSo.trangThai,
        soPhieu: d.phieu?.soPhieu,
        chungTu: d.chungTu?.length ?? 0,
      })),
      pendingParcels: this.pending.size,
      endorsements: this.endorsements.size,
    };
  }

  private admit(hoSo: HoSoDaTiepNhan, parcel: SynthParcel): Dossier {
    const d: Dossier = { hoSo, parcel };
    this.dossiers.set(hoSo.maHoSo, d);
    this.pending.set(parcelKey(hoSo.thuaDat), hoSo.maHoSo);
    return d;
  }

  private dossier(maHoSo: string): Dossier {
    const d = this.dossiers.get(maHoSo);
    if (!d) throw new Refusal('HO_SO_KHONG_TON_TAI', 'Không tìm thấy hồ sơ');
    return d;
  }
}
