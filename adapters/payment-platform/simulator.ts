/**
 * A simulator of the national payment platform, speaking its dialect (upstream/openapi.yaml): OAuth 2.0
 * client credentials, payment requests refused on a request id seen before (409, maLoi 21), status by
 * reference, and a signed notification to the merchant's URL on each change. Admin knobs drive outcomes:
 * `POST /__admin/payments/<reference>/pay` (body `{ "kenh": "QR" }` optional), `/expire`, `/fail`
 * (`{ "lyDo": "…" }`); `GET /__admin/state` gives the platform's public key (PEM, key id) and the
 * notifications sent.
 */
import { join } from 'node:path';
import type { Response } from 'express';
import Joi from 'joi';
import { createSimulator, type Simulator, type SimulatorKit, type SimulatorOptions } from '../sdk';
import type { YeuCauThanhToan } from './dialect';
import { MA_LOI } from './dialect';
import { PaymentBook, type Outcome } from './simulator/store';

const yeuCau = Joi.object({
  maThamChieu: Joi.string().min(4).max(50).required(),
  maHoSo: Joi.string(),
  maTTHC: Joi.string().pattern(/^\d\.\d{6}$/),
  nguoiNop: Joi.object({
    loai: Joi.number().valid(1, 2).required(),
    soGiayTo: Joi.string()
      .pattern(/^\d{10,13}$/)
      .required(),
    hoTen: Joi.string().min(1).required(),
  }).required(),
  dsKhoanNop: Joi.array()
    .items(
      Joi.object({
        loaiKhoan: Joi.string().valid('LE_PHI', 'PHI', 'THUE', 'TIEN_SDD', 'KHAC').required(),
        noiDung: Joi.string().min(1).required(),
        soTien: Joi.number().integer().min(1).required(),
        soThongBao: Joi.string(),
      }),
    )
    .min(1)
    .required(),
  tongTien: Joi.number().integer().min(1).required(),
  noiDung: Joi.string().min(1).max(210).required(),
  thoiHanPhut: Joi.number().integer().min(5).max(43_200),
  urlThongBao: Joi.string().uri(),
});

function answer(kit: SimulatorKit, res: Response, o: Outcome): void {
  if (o.ok) kit.reply(res, 200, { maLoi: MA_LOI.THANH_CONG, moTaLoi: 'Thành công', duLieu: o.giaoDich });
  else kit.reply(res, o.status, { maLoi: o.maLoi, moTaLoi: o.moTaLoi });
}

export function createPaymentPlatformSimulator(opts: SimulatorOptions = {}): Simulator {
  let baseUrl = 'http://127.0.0.1';
  const book = new PaymentBook(() => baseUrl);
  const sim = createSimulator(
    {
      id: 'payment-platform',
      protocol: 'rest',
      openapi: join(__dirname, 'upstream/openapi.yaml'),
      auth: { kind: 'oauth2-client-credentials', tokenPath: '/oauth2/token', tokenLifetimeSec: 3600 },
      authRefusal: (res) =>
        void res.status(401).json({ maLoi: MA_LOI.TOKEN, moTaLoi: 'Token không hợp lệ hoặc đã hết hạn' }),
      resetData: () => book.reset(),
      adminState: () => ({ keyId: book.keyId, publicKeyPem: book.publicKeyPem, notifications: book.sent }),
      admin(router) {
        const knob =
          (to: 1 | 2 | 3) => (req: { params: { ref?: string }; body?: unknown }, res: Response) => {
            const body = (req.body ?? {}) as {
              kenh?: 'CHUYEN_KHOAN' | 'THE' | 'VI_DIEN_TU' | 'QR' | 'KHAC';
              lyDo?: string;
            };
            const g = book.settle(String(req.params.ref), to, body);
            if (!g) return void res.status(409).json({ error: 'no pending payment with that reference' });
            res.json(g);
          };
        router.post('/payments/:ref/pay', knob(1));
        router.post('/payments/:ref/expire', knob(2));
        router.post('/payments/:ref/fail', knob(3));
      },
      routes(app, kit) {
        app.use((req, _res, next) => {
          baseUrl = `http://127.0.0.1:${req.socket.localPort}`;
          next();
        });
        app.get('/api/v1/trang-thai', (_req, res) =>
          kit.reply(res, 200, { maLoi: MA_LOI.THANH_CONG, moTaLoi: 'Hệ thống hoạt động bình thường' }),
        );
        app.post('/api/v1/giao-dich', (req, res) => {
          const requestId = req.header('x-request-id');
          const { error } = yeuCau.validate(req.body, { convert: false });
          if (!requestId || error)
            return kit.reply(res, 400, {
              maLoi: MA_LOI.THAM_SO,
              moTaLoi: `Thiếu hoặc sai tham số: ${error?.details[0]?.path.join('.') || 'X-Request-Id'}`,
            });
          const o = book.create(requestId, req.body as YeuCauThanhToan);
          if (o.ok) kit.effects.set('tao-giao-dich', (kit.effects.get('tao-giao-dich') ?? 0) + 1);
          answer(kit, res, o);
        });
        app.get('/api/v1/giao-dich', (req, res) => {
          const ref = typeof req.query.maThamChieu === 'string' ? req.query.maThamChieu : '';
          if (ref.length < 4)
            return kit.reply(res, 400, { maLoi: MA_LOI.THAM_SO, moTaLoi: 'Thiếu mã tham chiếu' });
          answer(kit, res, book.find(ref));
        });
      },
    },
    opts,
  );
  return sim;
}
