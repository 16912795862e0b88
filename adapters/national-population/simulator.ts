/**
 * A simulator of the national population database, speaking its dialect (upstream/openapi.yaml), serving
 * the shared synthetic population, with the SDK's fault knobs. Newborn IDs it issues are kept in memory.
 */
import { join } from 'node:path';
import { createSimulator, type Simulator, type SimulatorOptions } from '../sdk';
import { getPopulation, type SynthAddress, type SynthPerson } from '../sdk/simulator/population';
import { parseDate, toPortalTimestamp } from '../../contracts/validators/date';
import { ETHNIC_CODES, type CongDan, type DiaChi } from './mapping';

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function diaChi(a: SynthAddress): DiaChi {
  return {
    soNha: a.houseNumber || null,
    duong: a.street ?? null,
    thonXom: a.hamlet ?? null,
    maXa: a.communeCode,
    maHuyen: null,
    maTinh: a.provinceCode,
    danhMuc: '2025',
    diaChi: a.text,
  };
}

/** Place of origin as the database holds it for older citizens: the pre-2025 commune code. */
function queQuan(a: SynthAddress): DiaChi | null {
  if (!a.legacyCommuneCode) return null;
  return { maXa: a.legacyCommuneCode, maTinh: a.legacyProvinceCode ?? null, danhMuc: 'CU', diaChi: null };
}

export function toUpstreamPerson(p: SynthPerson): CongDan {
  return {
    soDinhDanh: p.personalId,
    hoVaTen: p.fullName,
    ngaySinh: dmy(p.dateOfBirth),
    gioiTinh: p.sex === 'male' ? 1 : 2,
    danToc: { ma: ETHNIC_CODES[p.ethnicity] ?? '55', ten: p.ethnicity },
    tonGiao: p.religion ?? null,
    quocTich: 'VN',
    queQuan: queQuan(p.permanentAddress),
    thuongTru: diaChi(p.permanentAddress),
    tamTru: null,
    maHo: p.householdId,
    soDienThoai: p.phone ?? null,
    email: p.email ?? null,
    cmnd: p.legacyCmnd ? [p.legacyCmnd] : null,
    maSoThue: p.taxId ?? null,
    soDinhDanhCha: p.fatherId ?? null,
    soDinhDanhMe: p.motherId ?? null,
    soDinhDanhVoChong: p.spouseId ?? null,
    trangThai: 'CON_SONG',
    ngayMat: null,
  };
}

interface Newborn {
  record: CongDan;
  certificate: string;
}

export interface PopulationSimulatorOptions extends SimulatorOptions {
  /** Records served as they are, besides the synthetic population (tests of answers that break the contract). */
  extraRecords?: CongDan[];
}

export function createPopulationSimulator(opts: PopulationSimulatorOptions = {}): Simulator {
  const population = getPopulation();
  const extra = new Map((opts.extraRecords ?? []).map((r) => [r.soDinhDanh, r]));
  const newborns = new Map<string, Newborn>();
  const byCertificate = new Map<string, string>();
  let serial = 0;

  const find = (id: string): CongDan | undefined => {
    const p = population.person(id);
    return p ? toUpstreamPerson(p) : (newborns.get(id)?.record ?? extra.get(id));
  };

  return createSimulator(
    {
      id: 'national-population',
      protocol: 'rest',
      openapi: join(__dirname, 'upstream/openapi.yaml'),
      resetData() {
        newborns.clear();
        byCertificate.clear();
        serial = 0;
      },
      adminState: () => ({
        newborns: [...newborns.values()].map((n) => ({ soDinhDanh: n.record.soDinhDanh })),
      }),
      routes(app, kit) {
        app.get('/api/v1/suc-khoe', (_req, res) => kit.reply(res, 200, { trangThai: 'HOAT_DONG' }));

        app.get('/api/v1/cong-dan/:id', (req, res) => {
          const id = String(req.params.id);
          if (!/^\d{12}$/.test(id))
            return kit.reply(res, 400, {
              maLoi: 'THAM_SO_KHONG_HOP_LE',
              thongBao: 'Số định danh không hợp lệ',
            });
          const c = find(id);
          if (!c)
            return kit.reply(res, 404, { maLoi: 'CD_KHONG_TON_TAI', thongBao: 'Không tìm thấy công dân' });
          kit.reply(res, 200, c);
        });

        app.post('/api/v1/cong-dan/xac-thuc', (req, res) => {
          const b = (req.body ?? {}) as { soDinhDanh?: string; hoVaTen?: string; ngaySinh?: string };
          if (!b.soDinhDanh || !b.hoVaTen || !b.ngaySinh) {
            return kit.reply(res, 400, { maLoi: 'THAM_SO_KHONG_HOP_LE', thongBao: 'Thiếu tham số' });
          }
          const c = find(b.soDinhDanh);
          const chiTiet = {
            soDinhDanh: Boolean(c),
            hoVaTen: Boolean(c && c.hoVaTen.normalize('NFC') === b.hoVaTen.normalize('NFC')),
            ngaySinh: Boolean(c && c.ngaySinh === b.ngaySinh),
          };
          const khop = chiTiet.soDinhDanh && chiTiet.hoVaTen && chiTiet.ngaySinh;
          kit.reply(res, 200, { ketQua: khop ? 'KHOP' : 'KHONG_KHOP', chiTiet });
        });

        app.post('/api/v1/cong-dan/cap-so-dinh-danh', (req, res) =>
          kit.once(req, res, 'cap-so-dinh-danh', () => {
            const b = (req.body ?? {}) as Record<string, unknown>;
            const dob = parseDate(b.ngaySinh);
            const mother = typeof b.soDinhDanhMe === 'string' ? find(b.soDinhDanhMe) : undefined;
            if (
              typeof b.hoVaTen !== 'string' ||
              !dob.ok ||
              dob.value.precision !== 'day' ||
              ![1, 2].includes(Number(b.gioiTinh)) ||
              typeof b.maTinhDangKy !== 'string' ||
              !/^\d{2}$/.test(b.maTinhDangKy) ||
              typeof b.soGiayChungSinh !== 'string'
            ) {
              return {
                status: 400,
                payload: { maLoi: 'THAM_SO_KHONG_HOP_LE', thongBao: 'Thiếu hoặc sai tham số' },
              };
            }
            if (!mother)
              return {
                status: 422,
                payload: { maLoi: 'ME_KHONG_TON_TAI', thongBao: 'Không tìm thấy người mẹ' },
              };
            if (byCertificate.has(b.soGiayChungSinh)) {
              return {
                status: 409,
                payload: {
                  maLoi: 'DA_CAP_SO',
                  thongBao: `Giấy chứng sinh đã được dùng (${byCertificate.get(b.soGiayChungSinh)})`,
                },
              };
            }
            const year = Number(dob.value.value.slice(0, 4));
            const g = Math.floor((year - 1900) / 100) * 2 + (Number(b.gioiTinh) === 1 ? 0 : 1);
            serial++;
            const id = `0${b.maTinhDangKy}${g}${String(year % 100).padStart(2, '0')}9${String(serial).padStart(5, '0')}`;
            const record: CongDan = {
              soDinhDanh: id,
              hoVaTen: b.hoVaTen,
              ngaySinh: dmy(dob.value.value),
              gioiTinh: Number(b.gioiTinh) === 1 ? 1 : 2,
              danToc: mother.danToc ?? null,
              quocTich: 'VN',
              thuongTru: mother.thuongTru ?? null,
              maHo: mother.maHo ?? null,
              soDinhDanhMe: mother.soDinhDanh,
              soDinhDanhCha: typeof b.soDinhDanhCha === 'string' ? b.soDinhDanhCha : null,
              trangThai: 'CON_SONG',
            };
            newborns.set(id, { record, certificate: b.soGiayChungSinh });
            byCertificate.set(b.soGiayChungSinh, id);
            return {
              status: 201,
              payload: { soDinhDanh: id, ngayCap: toPortalTimestamp(new Date().toISOString()) },
            };
          }),
        );
      },
    },
    opts,
  );
}
