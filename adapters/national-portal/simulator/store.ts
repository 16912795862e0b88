/**
 * What the simulated portal holds and the rules it enforces, without HTTP: dossiers by code (seeded, then
 * synced), status changes applied in time order only, ratings of finished dossiers, and a log of every status
 * update received, in arrival order, per dossier (accepted or not) for the admin state and the demo.
 */
import { toPortalTimestamp } from '../../../contracts/validators/date';
import type { DanhGia, HoSo, TienDo, TraCuuHoSo, XacNhan } from '../dialect';
import { computeOnTime, type Measure } from '../on-time';
import { portalError } from '../envelope';

/** An answer before it is wrapped in the envelope: error_code 0 with data, or a refusal. */
export type Outcome<T> = { error_code: 0; data: T } | { error_code: number };

export interface ReceivedUpdate {
  /** How the status arrived: a whole dossier, or one status change. */
  via: 'sync' | 'progress';
  status: number;
  /** When the change happened (yyyyMMddHHmmss), as the sender said. */
  at: string;
  /** When the portal received it (yyyyMMddHHmmss). */
  receivedAt: string;
  /** 'accepted', or the catalogue name of the refusal. */
  outcome: string;
}

export interface ReceivedRating extends DanhGia {
  receivedAt: string;
}

interface Held {
  hoSo: HoSo;
  portalId: string;
  /** The latest moment the portal knows of for the dossier (yyyyMMddHHmmss): the order rule's reference. */
  lastAt: string;
}

const nowPortal = (): string => toPortalTimestamp(new Date().toISOString());

/** The latest moment a synced dossier carries: its last progress entry, or its reception. */
const latestOf = (h: HoSo): string =>
  h.QuaTrinhXuLy.reduce((max, q) => (q.ThoiDiemXuLy > max ? q.ThoiDiemXuLy : max), h.NgayTiepNhan);

export class PortalStore {
  private readonly dossiers = new Map<string, Held>();
  private readonly updates = new Map<string, ReceivedUpdate[]>();
  private readonly ratings: ReceivedRating[] = [];
  private serial = 0;

  constructor(
    private readonly seeds: () => HoSo[],
    /** Office time between two instants, for DungHan (calendar time when absent). */
    private readonly workingMs?: Measure,
  ) {
    this.reset();
  }

  reset(): void {
    this.dossiers.clear();
    this.updates.clear();
    this.ratings.length = 0;
    this.serial = 0;
    for (const h of this.seeds()) this.hold(structuredClone(h));
  }

  private hold(hoSo: HoSo): Held {
    const held = this.dossiers.get(hoSo.MaHoSo);
    const portalId = held?.portalId ?? `DVCQG-${String(++this.serial).padStart(8, '0')}`;
    const next = { hoSo, portalId, lastAt: latestOf(hoSo) };
    this.dossiers.set(hoSo.MaHoSo, next);
    return next;
  }

  private log(code: string, u: ReceivedUpdate): void {
    const list = this.updates.get(code) ?? [];
    list.push(u);
    this.updates.set(code, list);
  }

  private ack(held: Held, receivedAt: string): Outcome<XacNhan> {
    return {
      error_code: 0,
      data: {
        MaHoSoQG: held.portalId,
        MaHoSo: held.hoSo.MaHoSo,
        TrangThaiHoSo: held.hoSo.TrangThaiHoSo,
        ThoiGianNhan: receivedAt,
      },
    };
  }

  /** A whole dossier: created, or replaced unless it is older than the copy held (error 3). */
  sync(h: HoSo): Outcome<XacNhan> {
    const receivedAt = nowPortal();
    const held = this.dossiers.get(h.MaHoSo);
    const at = latestOf(h);
    const refused = held && at < held.lastAt ? 3 : 0;
    this.log(h.MaHoSo, {
      via: 'sync',
      status: h.TrangThaiHoSo,
      at,
      receivedAt,
      outcome: refused ? portalError(refused).name : 'accepted',
    });
    if (refused) return { error_code: refused };
    return this.ack(this.hold(structuredClone(h)), receivedAt);
  }

  /** One status change: unknown dossier (2), older than the last held (3), else appended. */
  progress(t: TienDo): Outcome<XacNhan> {
    const receivedAt = nowPortal();
    const held = this.dossiers.get(t.MaHoSo);
    const refused = !held ? 2 : t.ThoiDiemXuLy < held.lastAt ? 3 : 0;
    this.log(t.MaHoSo, {
      via: 'progress',
      status: t.TrangThaiHoSo,
      at: t.ThoiDiemXuLy,
      receivedAt,
      outcome: refused ? portalError(refused).name : 'accepted',
    });
    if (!held || refused) return { error_code: refused };
    const h = held.hoSo;
    h.QuaTrinhXuLy.push({
      TrangThai: t.TrangThaiHoSo,
      ThoiDiemXuLy: t.ThoiDiemXuLy,
      DonViXuLy: t.DonViXuLy,
      NguoiXuLy: t.NguoiXuLy ?? null,
      NoiDungXuLy: t.NoiDungXuLy ?? null,
      HanBoSung: t.HanBoSung ?? null,
    });
    h.TrangThaiHoSo = t.TrangThaiHoSo;
    if (t.TrangThaiHoSo === 9) h.NgayKetThucXuLy = t.ThoiDiemXuLy;
    else if (t.TrangThaiHoSo === 10) {
      h.NgayKetThucXuLy ??= t.ThoiDiemXuLy;
      h.NgayTra = t.ThoiDiemXuLy;
    } else {
      h.NgayKetThucXuLy = null;
      h.NgayTra = null;
    }
    held.lastAt = t.ThoiDiemXuLy;
    return this.ack(held, receivedAt);
  }

  /** A rating: unknown dossier (2), not finished (4), else kept (the latest rating counts). */
  rate(d: DanhGia): Outcome<XacNhan> {
    const held = this.dossiers.get(d.MaHoSo);
    if (!held) return { error_code: 2 };
    if (![9, 10].includes(held.hoSo.TrangThaiHoSo)) return { error_code: 4 };
    const receivedAt = nowPortal();
    this.ratings.push({ ...structuredClone(d), receivedAt });
    return this.ack(held, receivedAt);
  }

  /** What the portal holds for a dossier, with its on-time flag (null until processing has finished). */
  lookup(code: string): Outcome<TraCuuHoSo> {
    const held = this.dossiers.get(code);
    if (!held) return { error_code: 2 };
    const h = held.hoSo;
    const onTime = computeOnTime(
      h.NgayHenTra,
      h.QuaTrinhXuLy.map((q) => ({ status: q.TrangThai, at: q.ThoiDiemXuLy })),
      { workingMs: this.workingMs },
    );
    return {
      error_code: 0,
      data: {
        MaHoSo: h.MaHoSo,
        MaHoSoQG: held.portalId,
        TrangThaiHoSo: h.TrangThaiHoSo,
        NgayHenTra: h.NgayHenTra,
        NgayKetThucXuLy: h.NgayKetThucXuLy,
        NgayTra: h.NgayTra,
        DungHan: onTime === undefined ? null : onTime ? 1 : 0,
        QuaTrinhXuLy: structuredClone(h.QuaTrinhXuLy),
      },
    };
  }

  /** The admin view: dossiers held, every status update received per dossier in arrival order, ratings. */
  state(): Record<string, unknown> {
    return {
      dossiers: [...this.dossiers.values()].map((d) => ({
        dossierCode: d.hoSo.MaHoSo,
        portalId: d.portalId,
        status: d.hoSo.TrangThaiHoSo,
      })),
      updates: Object.fromEntries([...this.updates].map(([k, v]) => [k, v.map((u) => ({ ...u }))])),
      ratings: this.ratings.map((r) => structuredClone(r)),
    };
  }
}
