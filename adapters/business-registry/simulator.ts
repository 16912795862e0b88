/**
 * A simulator of the commune household-business registry, speaking its dialect (upstream/openapi.yaml): the
 * shared population's 64 household businesses, registrations kept on the side (simulator/registry-book.ts),
 * writes applied once per Idempotency-Key, refusals as `{ ketQua: 'LOI', maLoi, moTa }` with a 4xx, and the
 * SDK's fault knobs.
 */
import { join } from 'node:path';
import type { Schema } from 'joi';
import { createSimulator, type Simulator, type SimulatorOptions } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import type { DangKyHoKinhDoanh, TraCuuHoKinhDoanh } from './mapping';
import { dangKyBody, traCuuBody } from './simulator/dialect';
import {
  DEFAULT_SETTINGS,
  RegistryBook,
  type BusinessRegistrySettings,
  type Refusal,
} from './simulator/registry-book';

const loi = (r: Refusal) => ({ ketQua: 'LOI', maLoi: r.maLoi, moTa: r.moTa });
const BAD_REQUEST: Refusal = { status: 400, maLoi: 'DU_LIEU_KHONG_HOP_LE', moTa: 'Thiếu hoặc sai dữ liệu' };
const NOT_FOUND: Refusal = { status: 404, maLoi: 'KHONG_TIM_THAY', moTa: 'Không tìm thấy hộ kinh doanh' };

/** The body when it matches the dialect's request schema, else undefined. */
function bodyOf<T>(schema: Schema, body: unknown): T | undefined {
  const r = schema.validate(body ?? {}, { convert: false });
  return r.error ? undefined : (r.value as T);
}

export function createBusinessRegistrySimulator(
  opts: SimulatorOptions = {},
  settings: Partial<BusinessRegistrySettings> = {},
): Simulator {
  const book = new RegistryBook(getPopulation(), { ...DEFAULT_SETTINGS, ...settings });

  return createSimulator(
    {
      id: 'business-registry',
      protocol: 'rest',
      openapi: join(__dirname, 'upstream/openapi.yaml'),
      resetData: () => book.reset(),
      adminState: () => book.state(),
      routes(app, kit) {
        app.get('/api/v1/trang-thai', (_req, res) => kit.reply(res, 200, { ketQua: 'THANH_CONG' }));

        app.post('/api/v1/ho-kinh-doanh/tra-cuu', (req, res) => {
          const b = bodyOf<TraCuuHoKinhDoanh>(traCuuBody, req.body);
          if (!b) return kit.reply(res, 400, loi(BAD_REQUEST));
          const found = 'maSoDangKy' in b ? book.byNumber(b.maSoDangKy) : book.byOwner(b.soDinhDanhChuHo);
          if (!found) return kit.reply(res, 404, loi(NOT_FOUND));
          kit.reply(res, 200, { ketQua: 'THANH_CONG', duLieu: found });
        });

        app.post('/api/v1/ho-kinh-doanh/dang-ky', (req, res) =>
          kit.once(req, res, 'dang-ky-ho-kinh-doanh', () => {
            const b = bodyOf<DangKyHoKinhDoanh>(dangKyBody, req.body);
            const o = b ? book.register(b) : { ok: false as const, refusal: BAD_REQUEST };
            return o.ok
              ? { status: 201, payload: { ketQua: 'THANH_CONG', duLieu: o.value } }
              : { status: o.refusal.status, payload: loi(o.refusal) };
          }),
        );
      },
    },
    opts,
  );
}
