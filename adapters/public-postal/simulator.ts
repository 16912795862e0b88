/**
 * A simulator of the public postal service's API (upstream/openapi.yaml): API key, bookings refused on a
 * request id seen before (code 208, HTTP 200, no data), tracking, proofs of delivery. It starts with two
 * items for people of the shared population (one delivered, one on its way). Admin knobs drive a journey:
 * `POST /__admin/shipments/<number>/advance`, `/deliver` (body `{ "hoTen", "quanHe", "soGiayTo" }`
 * optional: someone else received it), `/fail-delivery` (`{ "ghiChu" }`), `/return`.
 */
import { join } from 'node:path';
import type { Response } from 'express';
import Joi from 'joi';
import { createSimulator, type Simulator, type SimulatorKit, type SimulatorOptions } from '../sdk';
import { getPopulation, type SynthPerson } from '../sdk/simulator/population';
import { CODE, type DonHang, type LienHe, type QuanHe } from './dialect';
import { PostBook, type Outcome } from './simulator/store';

const lienHe = Joi.object({
  hoTen: Joi.string().min(1).required(),
  donVi: Joi.string().allow(null),
  soDienThoai: Joi.string()
    .pattern(/^0\d{9}$/)
    .allow(null),
  diaChi: Joi.object({
    chiTiet: Joi.string().min(1).required(),
    maXa: Joi.string()
      .pattern(/^\d{5}$/)
      .required(),
    maTinh: Joi.string()
      .pattern(/^\d{2}$/)
      .required(),
  }).required(),
});
const donHang = Joi.object({
  maDonHangKH: Joi.string().min(4).max(50).required(),
  maHoSo: Joi.string(),
  nguoiGui: lienHe.required(),
  nguoiNhan: lienHe.required(),
  noiDungHang: Joi.string().min(1).max(300).required(),
  thuHo: Joi.number().integer().min(0),
  khungGioLayHang: Joi.object({ tu: Joi.string().required(), den: Joi.string().required() }),
});

/** The one-stop desk results are picked up at, and a person of the shared population, as the post knows them. */
export function postalParties(): { desk: LienHe; mother: LienHe; father: LienHe } {
  const pop = getPopulation();
  const person = (id: string): LienHe => {
    const p = pop.person(id) as SynthPerson;
    const a = p.permanentAddress;
    return {
      hoTen: p.fullName,
      donVi: null,
      soDienThoai: p.phone ? `0${p.phone.slice(3)}` : null,
      diaChi: { chiTiet: a.text, maXa: a.communeCode, maTinh: a.provinceCode },
    };
  };
  const mother = person(pop.scenarios.birth.motherId);
  return {
    mother,
    father: person(pop.scenarios.birth.fatherId),
    desk: {
      hoTen: 'Bộ phận Một cửa',
      donVi: 'Trung tâm Phục vụ hành chính công',
      soDienThoai: null,
      diaChi: {
        ...mother.diaChi,
        chiTiet: `Trụ sở UBND, ${mother.diaChi.chiTiet.split(', ').slice(1).join(', ')}`,
      },
    },
  };
}

function answer<T>(kit: SimulatorKit, res: Response, o: Outcome<T>): void {
  if (o.ok) kit.reply(res, 200, { code: CODE.OK, message: 'Thành công', data: o.data });
  else kit.reply(res, o.status, { code: o.code, message: o.message, data: null });
}

export function createPublicPostalSimulator(opts: SimulatorOptions = {}): Simulator {
  const book = new PostBook();
  const seed = () => {
    const { desk, mother, father } = postalParties();
    const a = book.book('seed-1', {
      maDonHangKH: 'KQ-SEED-DELIVERED',
      maHoSo: 'HS-2026-000201',
      nguoiGui: desk,
      nguoiNhan: mother,
      noiDungHang: 'Kết quả giải quyết TTHC: Giấy khai sinh (bản chính)',
    });
    if (a.ok) book.deliver(a.data.soHieuBuuGui, { hoTen: father.hoTen, quanHe: 'NGUOI_THAN' });
    const b = book.book('seed-2', {
      maDonHangKH: 'KQ-SEED-ON-ITS-WAY',
      maHoSo: 'HS-2026-000202',
      nguoiGui: desk,
      nguoiNhan: father,
      noiDungHang: 'Kết quả giải quyết TTHC: Giấy chứng nhận đăng ký hộ kinh doanh',
    });
    if (b.ok) {
      book.advance(b.data.soHieuBuuGui);
      book.advance(b.data.soHieuBuuGui);
    }
  };
  seed();
  return createSimulator(
    {
      id: 'public-postal',
      protocol: 'rest',
      openapi: join(__dirname, 'upstream/openapi.yaml'),
      auth: { kind: 'api-key', header: 'X-Api-Key' },
      authRefusal: (res) =>
        void res.status(401).json({ code: CODE.API_KEY, message: 'API key không hợp lệ', data: null }),
      resetData: () => {
        book.reset();
        seed();
      },
      admin(router) {
        const knob =
          (move: (n: string, body: Record<string, unknown>) => unknown) =>
          (req: { params: { n?: string }; body?: unknown }, res: Response) => {
            const g = move(String(req.params.n), (req.body ?? {}) as Record<string, unknown>);
            if (!g) return void res.status(409).json({ error: 'the item cannot take that step now' });
            res.json(g);
          };
        router.post(
          '/shipments/:n/advance',
          knob((n) => book.advance(n)),
        );
        router.post(
          '/shipments/:n/deliver',
          knob((n, b) =>
            book.deliver(n, {
              hoTen: typeof b.hoTen === 'string' ? b.hoTen : undefined,
              quanHe: typeof b.quanHe === 'string' ? (b.quanHe as QuanHe) : undefined,
              soGiayTo: typeof b.soGiayTo === 'string' ? b.soGiayTo : undefined,
            }),
          ),
        );
        router.post(
          '/shipments/:n/fail-delivery',
          knob((n, b) => book.fail(n, typeof b.ghiChu === 'string' ? b.ghiChu : undefined)),
        );
        router.post(
          '/shipments/:n/return',
          knob((n) => book.returnToSender(n)),
        );
      },
      routes(app, kit) {
        app.get('/api/v2/health', (_req, res) =>
          kit.reply(res, 200, { code: CODE.OK, message: 'Hoạt động' }),
        );
        app.post('/api/v2/don-hang', (req, res) => {
          const requestId = req.header('x-client-request-id');
          const { error } = donHang.validate(req.body, { convert: false });
          if (!requestId || error)
            return kit.reply(res, 400, {
              code: CODE.INVALID,
              message: `Dữ liệu không hợp lệ: ${error?.details[0]?.path.join('.') || 'X-Client-Request-Id'}`,
              data: null,
            });
          const o = book.book(requestId, req.body as DonHang);
          if (o.ok) kit.effects.set('dat-lay-hang', (kit.effects.get('dat-lay-hang') ?? 0) + 1);
          answer(kit, res, o);
        });
        app.get('/api/v2/don-hang', (req, res) =>
          answer(
            kit,
            res,
            book.byOrderCode(typeof req.query.maDonHangKH === 'string' ? req.query.maDonHangKH : ''),
          ),
        );
        app.get('/api/v2/buu-gui/:n', (req, res) => answer(kit, res, book.item(String(req.params.n))));
        app.get('/api/v2/buu-gui/:n/bang-chung-phat', (req, res) =>
          answer(kit, res, book.proof(String(req.params.n))),
        );
      },
    },
    opts,
  );
}
