/**
 * A simulator of the residence database (CSDL về cư trú), speaking its dialect (upstream/openapi.yaml):
 * households of the shared synthetic population, permanent-residence registration and removal kept on the
 * side (simulator/residence-book.ts), writes applied once per Idempotency-Key, the SDK's fault knobs.
 */
import { join } from 'node:path';
import type { Response } from 'express';
import type { Schema } from 'joi';
import { createSimulator, type Simulator, type SimulatorKit, type SimulatorOptions } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import type { DangKyRequest, TraCuuHoRequest, XoaDangKyRequest } from './requests';
import { dangKyBody, traCuuHoBody, xoaDangKyBody } from './simulator/dialect';
import { ResidenceBook, type Outcome, type Refusal } from './simulator/residence-book';

const error = (r: Refusal) => ({ status: 'error', code: r.code, detail: r.detail });
const BAD_REQUEST: Refusal = { status: 400, code: 'THAM_SO_KHONG_HOP_LE', detail: 'Thiếu hoặc sai tham số' };

/** The body when it matches the dialect's request schema, else undefined. */
function bodyOf<T>(schema: Schema, body: unknown): T | undefined {
  const r = schema.validate(body ?? {}, { convert: false });
  return r.error ? undefined : (r.value as T);
}

/** A write's answer as `kit.once` stores and sends it: the body checked first, then the book's rules. */
function answer<B, T>(schema: Schema, body: unknown, apply: (b: B) => Outcome<T>, okStatus: number) {
  const b = bodyOf<B>(schema, body);
  const o: Outcome<T> = b ? apply(b) : { ok: false, refusal: BAD_REQUEST };
  return o.ok
    ? { status: okStatus, payload: o.value }
    : { status: o.refusal.status, payload: error(o.refusal) };
}

export function createResidenceSimulator(opts: SimulatorOptions = {}): Simulator {
  const book = new ResidenceBook(getPopulation());
  const fail = (kit: SimulatorKit, res: Response, r: Refusal) => kit.reply(res, r.status, error(r));

  return createSimulator(
    {
      id: 'residence',
      protocol: 'rest',
      openapi: join(__dirname, 'upstream/openapi.yaml'),
      resetData: () => book.reset(),
      adminState: () => book.state(),
      routes(app, kit) {
        app.get('/api/v1/trang-thai', (_req, res) => kit.reply(res, 200, { status: 'ok' }));

        app.post('/api/v1/ho-gia-dinh/tra-cuu', (req, res) => {
          const b = bodyOf<TraCuuHoRequest>(traCuuHoBody, req.body);
          if (!b) return fail(kit, res, BAD_REQUEST);
          const h = b.ma_ho ? book.household(b.ma_ho) : book.householdOf(b.so_dinh_danh!);
          if (h) return kit.reply(res, 200, h);
          fail(
            kit,
            res,
            b.ma_ho
              ? { status: 404, code: 'HO_KHONG_TON_TAI', detail: 'Không tìm thấy hộ gia đình' }
              : {
                  status: 404,
                  code: 'CHUA_DANG_KY_THUONG_TRU',
                  detail: 'Công dân không có đăng ký thường trú',
                },
          );
        });

        app.post('/api/v1/thuong-tru/dang-ky', (req, res) =>
          kit.once(req, res, 'dang-ky-thuong-tru', () =>
            answer(dangKyBody, req.body, (b: DangKyRequest) => book.register(b), 201),
          ),
        );

        app.post('/api/v1/thuong-tru/xoa-dang-ky', (req, res) =>
          kit.once(req, res, 'xoa-dang-ky-thuong-tru', () =>
            answer(xoaDangKyBody, req.body, (b: XoaDangKyRequest) => book.remove(b), 200),
          ),
        );
      },
    },
    opts,
  );
}
