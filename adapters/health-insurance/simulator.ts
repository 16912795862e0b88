/**
 * A simulator of Vietnam Social Security (BHXH Việt Nam), speaking its dialect (upstream/openapi.yaml):
 * the shared population's health cards, children's cards and funeral-grant dossiers kept on the side
 * (simulator/insurance-book.ts), the electronic birth certificates health facilities sent
 * (simulator/birth-certificate-book.ts), writes applied once per Idempotency-Key, the SDK's fault knobs. The
 * rules that are policy (funeral base levels, the child-card validity rule, who counts as insured) are settings.
 *
 * Birth certificates. The birth scenario's certificate (scenario.ts) and a few others are there from the start,
 * their children born days before the clock's today. A test adds a fresh one (a certificate registers one
 * birth only) without the dialect: `POST /__sim/birth-certificates` with at least `{ "soDinhDanhMe": "…" }`
 * (simulator/birth-certificate-book.ts lists the optional fields) answers 201 with the certificate, its number
 * in `soGiayChungSinh`. The /__sim route is a simulator control; it passes the fault knobs like any route.
 * `POST /__admin/reset` forgets the added certificates.
 */
import { join } from 'node:path';
import type { Schema } from 'joi';
import { createSimulator, type Simulator, type SimulatorOptions } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import type {
  CapTheTreEmRequest,
  MaiTangRequest,
  TraCuuGiayChungSinhRequest,
  TraCuuTheRequest,
} from './requests';
import {
  BirthCertificateBook,
  themGiayChungSinhBody,
  type ThemGiayChungSinh,
} from './simulator/birth-certificate-book';
import { capTheTreEmBody, maiTangBody, traCuuGiayChungSinhBody, traCuuTheBody } from './simulator/dialect';
import { InsuranceBook, type Outcome, type Refusal } from './simulator/insurance-book';
import { DEFAULT_SETTINGS, type HealthInsuranceSettings } from './simulator/settings';

const BAD_REQUEST: Refusal = {
  status: 400,
  errorCode: 'DU_LIEU_KHONG_HOP_LE',
  errorMessage: 'Thiếu hoặc sai dữ liệu',
};
const error = (r: Refusal) => ({ errorCode: r.errorCode, errorMessage: r.errorMessage });

/** The body when it matches the dialect's request schema, else undefined. */
function bodyOf<T>(schema: Schema, body: unknown): T | undefined {
  const r = schema.validate(body ?? {}, { convert: false });
  return r.error ? undefined : (r.value as T);
}

/** A write's answer as `kit.once` stores and sends it. */
function answer<B, T>(schema: Schema, body: unknown, apply: (b: B) => Outcome<T>, okStatus: number) {
  const b = bodyOf<B>(schema, body);
  const o: Outcome<T> = b ? apply(b) : { ok: false, refusal: BAD_REQUEST };
  return o.ok
    ? { status: okStatus, payload: o.value }
    : { status: o.refusal.status, payload: error(o.refusal) };
}

export function createHealthInsuranceSimulator(
  opts: SimulatorOptions = {},
  settings: Partial<HealthInsuranceSettings> = {},
): Simulator {
  const all = { ...DEFAULT_SETTINGS, ...settings };
  const book = new InsuranceBook(getPopulation(), all);
  const certificates = new BirthCertificateBook(getPopulation(), all.clock);

  return createSimulator(
    {
      id: 'health-insurance',
      protocol: 'rest',
      openapi: join(__dirname, 'upstream/openapi.yaml'),
      resetData: () => {
        book.reset();
        certificates.reset();
      },
      adminState: () => ({ ...(book.state() as object), ...(certificates.state() as object) }),
      routes(app, kit) {
        app.get('/api/v1/ping', (_req, res) => kit.reply(res, 200, { trangThai: 'OK' }));

        app.post('/api/v1/bhyt/tra-cuu-the', (req, res) => {
          const b = bodyOf<TraCuuTheRequest>(traCuuTheBody, req.body);
          if (!b) return kit.reply(res, 400, error(BAD_REQUEST));
          const card = book.card(b.soDinhDanh);
          if (card) return kit.reply(res, 200, card);
          kit.reply(res, 404, { errorCode: 'KHONG_TIM_THAY_THE', errorMessage: 'Không tìm thấy thẻ BHYT' });
        });

        app.post('/api/v1/giay-chung-sinh/tra-cuu', (req, res) => {
          const b = bodyOf<TraCuuGiayChungSinhRequest>(traCuuGiayChungSinhBody, req.body);
          if (!b) return kit.reply(res, 400, error(BAD_REQUEST));
          const found = certificates.find(b.soGiayChungSinh, b.soDinhDanhMe);
          if (found) return kit.reply(res, 200, found);
          kit.reply(res, 404, {
            errorCode: 'KHONG_TIM_THAY_GIAY_CHUNG_SINH',
            errorMessage: 'Không tìm thấy giấy chứng sinh của người mẹ này',
          });
        });

        app.post('/__sim/birth-certificates', (req, res) => {
          const b = bodyOf<ThemGiayChungSinh>(themGiayChungSinhBody, req.body);
          const o = b ? certificates.add(b) : { ok: false as const, refusal: BAD_REQUEST };
          if (o.ok) return kit.reply(res, 201, o.value);
          kit.reply(res, o.refusal.status, error(o.refusal));
        });

        app.post('/api/v1/bhyt/cap-the-tre-em', (req, res) =>
          kit.once(req, res, 'cap-the-tre-em', () =>
            answer(capTheTreEmBody, req.body, (b: CapTheTreEmRequest) => book.issueChildCard(b), 201),
          ),
        );

        app.post('/api/v1/bhxh/tro-cap-mai-tang', (req, res) =>
          kit.once(req, res, 'tro-cap-mai-tang', () =>
            answer(maiTangBody, req.body, (b: MaiTangRequest) => book.claimFuneralGrant(b), 201),
          ),
        );
      },
    },
    opts,
  );
}
