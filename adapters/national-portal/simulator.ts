/**
 * A simulator of the national public-service portal's dossier sync API, speaking its dialect
 * (upstream/openapi.yaml): every answer in the `{ error_code, message, data }` envelope, business refusals
 * with HTTP 200, bad requests with HTTP 400. It starts with the seeded dossiers of simulator/seed.ts; the
 * admin state lists every status update received per dossier, in arrival order (the demo prints it).
 */
import { join } from 'node:path';
import type { Response } from 'express';
import type { Schema } from 'joi';
import {
  createSimulator,
  type OnceAnswer,
  type Simulator,
  type SimulatorKit,
  type SimulatorOptions,
} from '../sdk';
import { danhGiaSchema, hoSoSchema, tienDoSchema, type DanhGia, type HoSo, type TienDo } from './dialect';
import { portalError } from './envelope';
import type { Measure } from './on-time';
import { toHoSo } from './mapping';
import { portalSeeds } from './simulator/seed';
import { PortalStore, type Outcome } from './simulator/store';

/** The envelope of an outcome: HTTP 200 either way, the portal's way. */
function envelope<T>(o: Outcome<T>): OnceAnswer {
  if (o.error_code === 0 && 'data' in o) {
    return { status: 200, payload: { error_code: 0, message: 'Thành công', data: o.data }, applied: true };
  }
  const e = portalError(o.error_code);
  return { status: 200, payload: { error_code: o.error_code, message: e.vi, data: null }, applied: false };
}

/** A request body that breaks the operation's schema: HTTP 400, error_code 1, the offending path only. */
function checkBody<T>(
  body: unknown,
  schema: Schema,
): { ok: true; value: T } | { ok: false; answer: OnceAnswer } {
  const { error } = schema.validate(body, { convert: false, allowUnknown: true });
  if (!error) return { ok: true, value: body as T };
  const path = error.details[0]?.path.join('.') || '(body)';
  return {
    ok: false,
    answer: {
      status: 400,
      payload: { error_code: 1, message: `Thiếu hoặc sai tham số: ${path}`, data: null },
      applied: false,
    },
  };
}

const send = (kit: SimulatorKit, res: Response, a: OnceAnswer) => kit.reply(res, a.status, a.payload);

export interface PortalSimulatorOptions extends SimulatorOptions {
  /**
   * The portal's working-day calendar: office time between two instants, for the on-time flag (DungHan)
   * of dossiers whose limits are in working days. @defaultValue calendar time
   */
  workingMs?: Measure;
}

export function createPortalSimulator(opts: PortalSimulatorOptions = {}): Simulator {
  const store = new PortalStore(() => Object.values(portalSeeds()).map(toHoSo), opts.workingMs);

  return createSimulator(
    {
      id: 'national-portal',
      protocol: 'rest',
      openapi: join(__dirname, 'upstream/openapi.yaml'),
      resetData: () => store.reset(),
      adminState: () => store.state(),
      routes(app, kit) {
        app.get('/api/v1/ping', (_req, res) =>
          kit.reply(res, 200, { error_code: 0, message: 'Hoạt động', data: { TrangThai: 'HOAT_DONG' } }),
        );

        app.post('/api/v1/hoso/dongbo', (req, res) =>
          kit.once(req, res, 'dong-bo-ho-so', () => {
            const b = checkBody<HoSo>(req.body, hoSoSchema);
            return b.ok ? envelope(store.sync(b.value)) : b.answer;
          }),
        );

        app.post('/api/v1/hoso/tiendo', (req, res) =>
          kit.once(req, res, 'cap-nhat-tien-do', () => {
            const b = checkBody<TienDo>(req.body, tienDoSchema);
            return b.ok ? envelope(store.progress(b.value)) : b.answer;
          }),
        );

        app.post('/api/v1/hoso/danhgia', (req, res) =>
          kit.once(req, res, 'danh-gia', () => {
            const b = checkBody<DanhGia>(req.body, danhGiaSchema);
            return b.ok ? envelope(store.rate(b.value)) : b.answer;
          }),
        );

        app.get('/api/v1/hoso/:maHoSo', (req, res) =>
          send(kit, res, envelope(store.lookup(String(req.params.maHoSo)))),
        );
      },
    },
    opts,
  );
}
