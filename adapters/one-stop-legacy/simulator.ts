/**
 * A simulator of the legacy district one-stop system, speaking its dialect (upstream/openapi.yaml): ~60 dossiers
 * generated from the shared synthetic population (simulator/dossiers.ts), served with their text in TCVN3, paged
 * by reception time; the SDK's fault knobs, and its own (simulator/legacy-faults.ts) — set in code
 * (`setLegacyFaults`) or at `PUT /__admin/legacy-faults`, read at `GET /__admin/legacy-faults` and in the admin
 * state, cleared by the SDK's `POST /__admin/reset`. Being a route of the simulated system, that endpoint is
 * subject to the SDK's faults (down, latency…) like every other.
 */
import { join } from 'node:path';
import { createSimulator, type Simulator, type SimulatorOptions } from '../sdk';
import { encodeTcvn3 } from '../../contracts/validators/legacy-encoding';
import { toPortalTimestamp } from '../../contracts/validators/date';
import { NOT_FOUND } from './dialect';
import { simulatedDossiers } from './simulator/dossiers';
import { legacyFaultsSchema, serveRecord, type LegacyFaults } from './simulator/legacy-faults';

export interface OneStopSimulatorOptions extends SimulatorOptions {
  legacyFaults?: LegacyFaults;
}

export interface OneStopSimulator extends Simulator {
  setLegacyFaults(f: LegacyFaults): void;
  legacyFaults(): LegacyFaults;
}

const error = (MaLoi: string, message: string) => ({ MaLoi, ThongDiep: encodeTcvn3(message) });
const INT = /^\d{1,6}$/;

export function createOneStopLegacySimulator(opts: OneStopSimulatorOptions = {}): OneStopSimulator {
  const dossiers = simulatedDossiers();
  const byCode = new Map(dossiers.map((d) => [d.code, d]));
  /** The system's own `tuNgay` form of each reception time. */
  const received = dossiers.map((d) => toPortalTimestamp(d.receivedAt));
  let faults: LegacyFaults = { ...opts.legacyFaults };
  const serve = (code: string) => serveRecord(byCode.get(code)!.record, faults.dirty?.[code]);

  const sim = createSimulator(
    {
      id: 'one-stop-legacy',
      protocol: 'rest',
      openapi: join(__dirname, 'upstream/openapi.yaml'),
      resetData() {
        faults = {};
      },
      adminState: () => ({ dossiers: dossiers.length, legacyFaults: faults }),
      routes(app, kit) {
        app.get('/mcdt/api/HeThong/KiemTra', (_req, res) =>
          kit.reply(res, 200, { TrangThai: 'OK', PhienBan: '2.3.1' }),
        );

        app.get('/mcdt/api/HoSo/DanhSach', (req, res) => {
          const { tuNgay, trang = '1', soDong = '20' } = req.query as Record<string, string | undefined>;
          const page = Number(trang);
          const size = Number(soDong);
          if (
            typeof tuNgay !== 'string' ||
            !/^\d{14}$/.test(tuNgay) ||
            !INT.test(String(trang)) ||
            !INT.test(String(soDong)) ||
            page < 1 ||
            size < 1 ||
            size > 100
          ) {
            return kit.reply(res, 400, error('THAM_SO_SAI', 'Tham số không hợp lệ'));
          }
          const codes = dossiers.filter((_, i) => received[i] >= tuNgay).map((d) => d.code);
          kit.reply(res, 200, {
            TongSo: codes.length,
            Trang: page,
            SoDong: size,
            DanhSach: codes.slice((page - 1) * size, page * size).map(serve),
          });
        });

        app.get('/mcdt/api/HoSo/ChiTiet', (req, res) => {
          const code = req.query.maHoSo;
          if (typeof code !== 'string' || !code) {
            return kit.reply(res, 400, error('THAM_SO_SAI', 'Thiếu mã hồ sơ'));
          }
          if (!byCode.has(code)) return kit.reply(res, 404, error(NOT_FOUND, 'Không tìm thấy hồ sơ'));
          kit.reply(res, 200, serve(code));
        });

        app.get('/__admin/legacy-faults', (_req, res) => void res.json(faults));
        app.put('/__admin/legacy-faults', (req, res) => {
          const { error: bad, value } = legacyFaultsSchema.validate(req.body ?? {});
          if (bad) return void res.status(400).json({ error: bad.message });
          faults = value;
          res.json(faults);
        });
      },
    },
    opts,
  );
  return Object.assign(sim, {
    setLegacyFaults(f: LegacyFaults) {
      const { error: bad, value } = legacyFaultsSchema.validate(f);
      if (bad) throw new RangeError(`legacy faults: ${bad.message}`);
      faults = value;
    },
    legacyFaults: (): LegacyFaults => (faults.dirty ? { dirty: { ...faults.dirty } } : {}),
  });
}
