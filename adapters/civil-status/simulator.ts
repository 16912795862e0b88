/**
 * A simulator of the commune civil-status registry, speaking its SOAP dialect (upstream/ho-tich.wsdl) over the
 * shared synthetic population, with the SDK's fault knobs. It signs its answers (XML-DSig) with its own key,
 * exposed as `publicKeyPem`, and, given `requireSignatureFrom`, refuses requests that are not signed by one of
 * those keys with a soap:Client fault CHU_KY_KHONG_HOP_LE. Without `requireSignatureFrom` it does not check
 * request signatures: a development mode for a sandbox that does not know the hub's key in advance.
 */
import { join } from 'node:path';
import type { Schema } from 'joi';
import { createSimulator, type Simulator, type SimulatorOptions } from '../sdk';
import {
  ENDPOINT_PATH,
  FAULT,
  NAMESPACE,
  yeuCauKetHonSchema,
  yeuCauKhaiSinhSchema,
  yeuCauKhaiTuSchema,
  yeuCauTraCuuSchema,
  type YeuCauKetHon,
  type YeuCauKhaiSinh,
  type YeuCauKhaiTu,
} from './dialect';
import { CivilRegister, Refusal } from './simulator/register';
import { answerSigner, checkRequestSignature, defaultRegistryKey, keyPairOf } from './simulator/signing';
import { toPortalTimestamp } from '../../contracts/validators/date';

export interface CivilStatusSimulatorOptions extends SimulatorOptions {
  /**
   * Public key(s), SPKI PEM, one of which must have signed each request (two during a key rotation). When set,
   * unsigned, altered or wrapped requests are refused. @defaultValue undefined (request signatures not checked)
   */
  requireSignatureFrom?: string | readonly string[];
  /** The registry's own answer-signing key, PKCS#8 PEM (EC P-256 or RSA). @defaultValue a P-256 key per process */
  signingKeyPem?: string;
  /** Sign answers. @defaultValue true */
  signAnswers?: boolean;
}

export type CivilStatusSimulator = Simulator & {
  /** The public key (SPKI PEM) the registry signs its answers with. */
  readonly publicKeyPem: string;
};

/** The public key of the default answer-signing key (for a sandbox configuring the adapter). */
export const civilStatusSimulatorPublicKey = (): string => defaultRegistryKey().publicKeyPem;

interface Operation {
  schema: Schema;
  /** Name of the once-only effect, for writes. */
  effect?: string;
  run(register: CivilRegister, body: unknown): unknown;
}

const OPERATIONS: Record<string, Operation> = {
  TraCuuSuKienHoTich: {
    schema: yeuCauTraCuuSchema,
    run: (r, b) => r.eventsOf((b as { soDinhDanh: string }).soDinhDanh),
  },
  DangKyKhaiSinh: {
    schema: yeuCauKhaiSinhSchema,
    effect: 'dang-ky-khai-sinh',
    run: (r, b) => ({ khaiSinh: r.registerBirth(b as YeuCauKhaiSinh) }),
  },
  DangKyKhaiTu: {
    schema: yeuCauKhaiTuSchema,
    effect: 'dang-ky-khai-tu',
    run: (r, b) => ({ khaiTu: r.registerDeath(b as YeuCauKhaiTu) }),
  },
  DangKyKetHon: {
    schema: yeuCauKetHonSchema,
    effect: 'dang-ky-ket-hon',
    run: (r, b) => ({ ketHon: r.registerMarriage(b as YeuCauKetHon) }),
  },
};

/** Validates a request against the registry's schema (unknown elements refused, as an XSD would). */
function checked(op: Operation, body: unknown): unknown {
  const { error, value } = op.schema.validate(body, {
    convert: false,
    allowUnknown: false,
    abortEarly: true,
  });
  if (error) {
    const where = error.details[0]?.path.join('.') || '(gốc)';
    throw new Refusal(FAULT.badRequest, `Thiếu hoặc sai tham số: ${where}`);
  }
  return value;
}

export function createCivilStatusSimulator(opts: CivilStatusSimulatorOptions = {}): CivilStatusSimulator {
  const { requireSignatureFrom, signingKeyPem, signAnswers = true, ...simulatorOptions } = opts;
  const key = signingKeyPem ? keyPairOf(signingKeyPem) : defaultRegistryKey();
  const trusted: readonly string[] =
    requireSignatureFrom === undefined
      ? []
      : typeof requireSignatureFrom === 'string'
        ? [requireSignatureFrom]
        : requireSignatureFrom;
  const register = new CivilRegister();

  const simulator = createSimulator(
    {
      id: 'civil-status',
      protocol: 'soap',
      wsdl: { file: join(__dirname, 'upstream/ho-tich.wsdl'), path: ENDPOINT_PATH },
      namespace: NAMESPACE,
      resetData: () => register.reset(),
      // The answer-signing public key is published here, so that an operator can configure the adapter.
      adminState: () => ({
        signsAnswers: signAnswers,
        checksRequests: trusted.length > 0,
        publicKeyPem: key.publicKeyPem,
        ...register.state(),
      }),
      routes(app, kit) {
        if (signAnswers) app.use(ENDPOINT_PATH, answerSigner(key));
        app.post(ENDPOINT_PATH, (req, res) => {
          if (trusted.length) {
            const v = checkRequestSignature(String(req.body ?? ''), trusted);
            if (!v.ok)
              return kit.soapFault(res, 'Client', `Chữ ký số không hợp lệ: ${v.reason}`, FAULT.signature);
          }
          const call = kit.soapRequest(req);
          if (!call) return kit.soapFault(res, 'Client', 'Không có thao tác trong SOAP Body', 'XML_INVALID');
          if (call.operation === 'Ping') {
            const thoiGian = toPortalTimestamp(new Date().toISOString());
            return kit.reply(res, 200, {
              operation: 'PingResponse',
              body: { trangThai: 'HOAT_DONG', thoiGian },
            });
          }
          const op = OPERATIONS[call.operation];
          if (!op) return kit.soapFault(res, 'Client', 'Thao tác không được hỗ trợ', FAULT.unknownOperation);
          const answer = () => ({
            status: 200,
            payload: {
              operation: `${call.operation}Response`,
              body: op.run(register, checked(op, call.body)),
            },
          });
          try {
            if (op.effect) kit.once(req, res, op.effect, answer);
            else {
              const a = answer();
              kit.reply(res, a.status, a.payload);
            }
          } catch (err) {
            // A refusal leaves nothing applied and nothing remembered: a repeat is refused the same way.
            if (err instanceof Refusal) return kit.soapFault(res, 'Client', err.message, err.code);
            throw err;
          }
        });
      },
    },
    simulatorOptions,
  );
  return Object.assign(simulator, { publicKeyPem: key.publicKeyPem });
}
