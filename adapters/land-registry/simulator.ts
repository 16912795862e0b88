/**
 * A simulator of the land registry's SOAP service (upstream/dang-ky-dat-dai.wsdl): one endpoint, operations
 * dispatched on the Body element, parcels from the shared synthetic population, transfers kept on the side
 * (simulator/state.ts), refusals as soap:Client faults with the registry's code, writes applied once per
 * Idempotency-Key, and the SDK's fault knobs. `GET …/DangKyDatDai?wsdl` serves the WSDL.
 */
import type { Request, Response } from 'express';
import type { Schema } from 'joi';
import { join } from 'node:path';
import { createSimulator, type Simulator, type SimulatorKit, type SimulatorOptions } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import {
  capNhatRequest,
  dangKyRequest,
  ENDPOINT_PATH,
  khoaThuaSchema,
  lapPhieuRequest,
  NAMESPACE,
  type ChungTuNop,
  type HoSoBienDong,
  type KhoaThua,
  type OneOrMany,
} from './dialect';
import { dropEmpty, many, registryTimestamp } from './mapping';
import { Refusal, RegistryState } from './simulator/state';

export { buyerFor, freeParcels, seedDossiers, seededDossierCodes } from './simulator/records';

/** Reads a request's content against the dialect; a bad request is the caller's fault. */
function read<T>(schema: Schema, body: unknown): T {
  const { error, value } = schema.validate(body, { convert: false, allowUnknown: false });
  if (error) throw new Refusal('THAM_SO_KHONG_HOP_LE', `Tham số không hợp lệ: ${error.details[0].message}`);
  return value as T;
}

export function createLandRegistrySimulator(opts: SimulatorOptions = {}): Simulator {
  const state = new RegistryState(getPopulation());

  /** Answers `operation`Response with `run()`'s content, or the refusal it throws as a soap:Client fault. */
  const answer = (
    res: Response,
    kit: SimulatorKit,
    operation: string,
    run: () => Record<string, unknown>,
  ) => {
    try {
      kit.reply(res, 200, { operation: `${operation}Response`, body: dropEmpty(run()) });
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      kit.soapFault(res, 'Client', e.message, e.code);
    }
  };

  /** Like `answer`, for writes: applied once per Idempotency-Key; a refusal is not remembered. */
  const write = (
    req: Request,
    res: Response,
    kit: SimulatorKit,
    operation: string,
    run: () => Record<string, unknown>,
  ) => {
    try {
      kit.once(req, res, operation, () => ({
        status: 200,
        payload: { operation: `${operation}Response`, body: dropEmpty(run()) },
      }));
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      kit.soapFault(res, 'Client', e.message, e.code);
    }
  };

  return createSimulator(
    {
      id: 'land-registry',
      protocol: 'soap',
      wsdl: { file: join(__dirname, 'upstream/dang-ky-dat-dai.wsdl'), path: ENDPOINT_PATH },
      namespace: NAMESPACE,
      resetData: () => state.reset(),
      adminState: () => state.summary(),
      routes(app, kit) {
        app.get(ENDPOINT_PATH, (req, res) => {
          if (!('wsdl' in req.query)) return void res.status(405).end();
          res.sendFile(join(__dirname, 'upstream', 'dang-ky-dat-dai.wsdl'));
        });
        app.post(ENDPOINT_PATH, (req, res) => {
          const call = kit.soapRequest(req);
          if (!call) return kit.soapFault(res, 'Client', 'Không có thao tác trong SOAP Body', 'XML_INVALID');
          const body = call.body;
          const now = new Date();
          switch (call.operation) {
            case 'KiemTraHoatDong':
              return answer(res, kit, call.operation, () => ({ trangThai: 'HOAT_DONG' }));
            case 'TraCuuThuaDat':
              return answer(res, kit, call.operation, () => ({
                thuaDat: state.parcel(read<KhoaThua>(khoaThuaSchema, body)),
              }));
            case 'DangKyBienDong':
              return write(req, res, kit, call.operation, () => ({
                hoSo: state.register(read<{ hoSo: HoSoBienDong }>(dangKyRequest, body).hoSo, now),
              }));
            case 'LapPhieuChuyenThongTin':
              return write(req, res, kit, call.operation, () => ({
                phieu: state.slip(
                  read<{ maHoSo: string }>(lapPhieuRequest, body).maHoSo,
                  registryTimestamp(now),
                ),
              }));
            case 'CapNhatBienDong': {
              return write(req, res, kit, call.operation, () => {
                const r = read<{ maHoSo: string; chungTuNop: { chungTu: OneOrMany<ChungTuNop> } }>(
                  capNhatRequest,
                  body,
                );
                return state.complete(r.maHoSo, many(r.chungTuNop.chungTu), now);
              });
            }
            default:
              return kit.soapFault(res, 'Client', 'Thao tác không được hỗ trợ', 'THAO_TAC_KHONG_HO_TRO');
          }
        });
      },
    },
    opts,
  );
}
