/**
 * A simulator of Vietnam Social Security (BHXH Việt Nam), speaking its dialect (upstream/openapi.yaml):
 * the shared population's health cards, children's cards and funeral-grant dossiers kept on the side
 * (simulator/insurance-book.ts), writes applied once per Idempotency-Key, the SDK's fault knobs. The rules
 * that are policy (funeral base levels, the child-card validity rule, who counts as insured) are settings.
 */
import type { Schema } from 'joi';
import { createSimulator, type Simulator, type SimulatorOptions } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import type { CapTheTreEmRequest, MaiTangRequest, TraCuuTheRequest } from './requests';
import { capTheTreEmBody, maiTangBody, traCuuTheBody } from './simulator/dialect';
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
  const book = new InsuranceBook(getPopulation(), { ...DEFAULT_SETTINGS, ...settings });

  return createSimulator(
    {
      id: 'health-insurance',
      protocol: 'rest',
      resetData: () => book.reset(),
      adminState: () => book.state(),
      routes(app, kit) {
        app.get('/api/v1/ping', (_req, res) => kit.reply(res, 200, { trangThai: 'OK' }));

        app.post('/api/v1/bhyt/tra-cuu-the', (req, res) => {
          const b = bodyOf<TraCuuTheRequest>(traCuuTheBody, req.body);
          if (!b) return kit.reply(res, 400, error(BAD_REQUEST));
          const card = book.card(b.soDinhDanh);
          if (card) return kit.reply(res, 200, card);
          kit.reply(res, 404, { errorCode: 'KHONG_TIM_THAY_THE', errorMessage: 'Không tìm thấy thẻ BHYT' });
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
