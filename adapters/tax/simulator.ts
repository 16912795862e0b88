/**
 * A simulator of the tax authority's REST API (upstream/openapi.yaml): taxpayers from the shared synthetic
 * population, registrations and transfer notices kept on the side (simulator/state.ts), refusals as
 * `{ error: { code, message } }`, writes applied once per Idempotency-Key, and the SDK's fault knobs.
 *
 * Payments. A notice becomes paid when:
 * - the treasury or a bank confirms it, in the dialect: `POST /api/kho-bac/xac-nhan-nop`
 *   `{ soThongBao, soTien, soChungTu, ngayNop?, kenhNop? }` (what the real system receives);
 * - a test or an operator says so, without the dialect: `POST /__sim/pay { "soThongBao": "…" }`;
 * - or by itself `autoPayAfterMs` after issue: the factory option, changed at run time with
 *   `PUT /__sim/auto-pay { "afterMs": 2000 }` (`null` turns it off). Settled when the notice is next read.
 * The /__sim routes are dialect-free simulator controls (they still pass the fault knobs, like any route).
 */
import { join } from 'node:path';
import type { Request, Response } from 'express';
import type { Schema } from 'joi';
import Joi from 'joi';
import { createSimulator, type Simulator, type SimulatorKit, type SimulatorOptions } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import { dangKyThueSchema, xacNhanNopSchema, yeuCauNghiaVuSchema, type KenhNop } from './dialect';
import { Refusal, TaxState } from './simulator/state';
import { TRANSFER_TAX_RULES, type TransferTaxRules } from './simulator/transfer-tax';

export { SEEDED_NOTICES } from './simulator/records';

export interface TaxSimulatorOptions extends SimulatorOptions {
  /** Pay each unpaid notice this many ms after issue; null never. @defaultValue null */
  autoPayAfterMs?: number | null;
  /** Rates and due days of transfer notices. @defaultValue TRANSFER_TAX_RULES */
  rules?: Partial<TransferTaxRules>;
}

const errorBody = (e: Refusal) => ({ error: { code: e.code, message: e.message } });

function read<T>(schema: Schema, body: unknown): T {
  const { error, value } = schema.validate(body ?? {}, { convert: false });
  if (error)
    throw new Refusal(400, 'THAM_SO_KHONG_HOP_LE', `Tham số không hợp lệ: ${error.details[0].message}`);
  return value as T;
}

const autoPaySchema = Joi.object({
  afterMs: Joi.number().integer().min(0).max(86_400_000).allow(null).required(),
});

export function createTaxSimulator(opts: TaxSimulatorOptions = {}): Simulator {
  const rules = { ...TRANSFER_TAX_RULES, ...opts.rules };
  const state = new TaxState(getPopulation(), rules, opts.autoPayAfterMs ?? null);

  /** Answers with `run()`'s result, or the refusal it throws in the dialect's error shape. */
  const answer = (res: Response, kit: SimulatorKit, run: () => unknown) => {
    try {
      kit.reply(res, 200, run());
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      kit.reply(res, e.status, errorBody(e));
    }
  };
  /** A write, applied once per Idempotency-Key (a refusal is remembered too, as the first answer). */
  const write = (req: Request, res: Response, kit: SimulatorKit, effect: string, run: () => unknown) =>
    kit.once(req, res, effect, () => {
      try {
        return { status: 201, payload: run() };
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        return { status: e.status, payload: errorBody(e) };
      }
    });

  return createSimulator(
    {
      id: 'tax',
      protocol: 'rest',
      openapi: join(__dirname, 'upstream/openapi.yaml'),
      resetData: () => {
        state.reset();
        state.autoPayAfterMs = opts.autoPayAfterMs ?? null;
      },
      adminState: () => state.summary(),
      routes(app, kit) {
        app.get('/api/trang-thai', (_req, res) => kit.reply(res, 200, { trangThai: 'HOAT_DONG' }));

        app.get('/api/nguoi-nop-thue/:maSoThue', (req, res) =>
          answer(res, kit, () => state.taxpayer(String(req.params.maSoThue))),
        );
        app.get('/api/nguoi-nop-thue', (req, res) =>
          answer(res, kit, () => {
            const id = req.query.soDinhDanh;
            if (typeof id !== 'string' || !/^\d{12}$/.test(id)) {
              throw new Refusal(400, 'THAM_SO_KHONG_HOP_LE', 'Cần số định danh cá nhân (12 chữ số)');
            }
            return state.taxpayer(id);
          }),
        );
        app.post('/api/nguoi-nop-thue', (req, res) =>
          write(req, res, kit, 'dang-ky-thue', () =>
            state.register(read(dangKyThueSchema, req.body), new Date()),
          ),
        );

        app.post('/api/nghia-vu-tai-chinh/chuyen-nhuong-bat-dong-san', (req, res) =>
          write(req, res, kit, 'thong-bao-nghia-vu', () =>
            state.obligations(read(yeuCauNghiaVuSchema, req.body), new Date()),
          ),
        );
        app.get('/api/thong-bao', (req, res) =>
          answer(res, kit, () => {
            const so = req.query.soThongBao;
            if (typeof so !== 'string' || !so)
              throw new Refusal(400, 'THAM_SO_KHONG_HOP_LE', 'Cần số thông báo');
            return state.notice(so, new Date());
          }),
        );

        app.post('/api/kho-bac/xac-nhan-nop', (req, res) =>
          write(req, res, kit, 'xac-nhan-nop', () =>
            state.pay(
              read<{
                soThongBao: string;
                soTien: number;
                soChungTu: string;
                ngayNop?: string;
                kenhNop: KenhNop;
              }>(xacNhanNopSchema, req.body),
              new Date(),
            ),
          ),
        );

        // Simulator controls (dialect-free).
        app.post('/__sim/pay', (req, res) => {
          try {
            const so = String((req.body as { soThongBao?: unknown } | undefined)?.soThongBao ?? '');
            const n = state.notice(so, new Date());
            const voucher = `SIM-${so.replace(/\D/g, '')}`;
            res.json(
              state.pay(
                { soThongBao: so, soTien: n.soTien, soChungTu: voucher, kenhNop: 'NGAN_HANG' },
                new Date(),
              ),
            );
          } catch (e) {
            if (!(e instanceof Refusal)) throw e;
            res.status(e.status).json(errorBody(e));
          }
        });
        app.put('/__sim/auto-pay', (req, res) => {
          const { error, value } = autoPaySchema.validate(req.body ?? {});
          if (error) return void res.status(400).json({ error: error.message });
          state.autoPayAfterMs = value.afterMs;
          res.json({ autoPayAfterMs: state.autoPayAfterMs });
        });
      },
    },
    opts,
  );
}
