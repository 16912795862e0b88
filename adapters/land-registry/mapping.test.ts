/** land-registry mapping, both ways, on recorded answers: parcels, transfers, slips, and xml2js's ambiguities. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Schema } from 'joi';
import { validateRecord } from '../../contracts';
import { Agent } from 'node:http';
import { parseXmlSafely, readUpstream, SoapTransport } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import {
  dangKyAnswer,
  lapPhieuAnswer,
  NAMESPACE,
  traCuuAnswer,
  type HoSoDaTiepNhan,
  type PhieuChuyenThongTin,
  type ThuaDat,
} from './dialect';
import { transferOf } from './examples';
import { fromThoiHan, fromThuaDat, many, toThuaDat, type Party } from './mapping';
import { fromHoSo, fromPhieu, toChungTu, toHoSoBienDong } from './mapping-transfer';
import { thuaDatOf } from './simulator/records';

type Obj = Record<string, unknown>;

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
/** The content of the first element of an envelope's Body, as the transport hands it over. */
function body(xml: string): Obj {
  const b = (parseXmlSafely(xml).Envelope as Obj).Body as Obj;
  const [, content] = Object.entries(b).find(([k]) => k !== '$')!;
  return content as Obj;
}
/** The envelope the transport sends for an operation (no network: `envelope()` only builds it). */
const envelope = (operation: string, content: Obj, messageId: string) =>
  new SoapTransport({
    upstream: 'land-registry',
    endpoint: 'http://x',
    agent: new Agent(),
    namespace: NAMESPACE,
  }).envelope({ operation, body: content }, messageId);
const read = <T>(schema: Schema, data: unknown): T => readUpstream<T>('land-registry', schema, data);
const valid = (contract: string, record: unknown) => {
  const v = validateRecord(contract, record, { now: new Date('2026-12-31T00:00:00+07:00') });
  return v.ok ? [] : (v.problem.errors ?? []);
};

describe('land-registry mapping: parcels', () => {
  const recorded = read<{ thuaDat: ThuaDat }>(traCuuAnswer, body(fixture('parcel.ok.response.xml'))).thuaDat;

  it('maps a recorded parcel to a valid land-parcel@1', () => {
    const parcel = fromThuaDat(recorded);
    expect(parcel).toMatchObject({
      key: { communeCode: '00025', mapSheetNumber: '51', parcelNumber: '58' },
      address: { houseNumber: '4', street: 'Đường Minh Khai', communeCode: '00025', catalogue: '2026-04-30' },
      areaM2: 81,
      uses: [{ purpose: 'ODT', areaM2: 81, term: 'long-term' }],
      certificate: { serial: 'AK 876432', registerNumber: 'CH 00001', issuedAt: '2007-07-21' },
      holders: [
        { kind: 'individual', personalId: '001077001536', dateOfBirth: '1977-04-15' },
        { kind: 'individual', personalId: '034180426980' },
      ],
    });
    expect(valid('land-parcel@1', parcel)).toEqual([]);
  });

  it('one holder or one use arrives as a value, several as an array: both map to arrays', () => {
    const single = read<{ thuaDat: ThuaDat }>(traCuuAnswer, {
      thuaDat: { ...recorded, chuSuDung: { nguoi: many(recorded.chuSuDung.nguoi)[0] } },
    }).thuaDat;
    expect(Array.isArray(single.chuSuDung.nguoi)).toBe(false);
    expect(fromThuaDat(single).holders).toHaveLength(1);
    expect(Array.isArray(recorded.mucDichSuDung.mucDich)).toBe(false);
    expect(fromThuaDat(recorded).uses).toHaveLength(1);
  });

  it('round-trips canonical → upstream → canonical', () => {
    const canonical = fromThuaDat(recorded);
    expect(fromThuaDat(toThuaDat(canonical as Parameters<typeof toThuaDat>[0]))).toEqual(canonical);
  });

  it('reads terms as the certificate prints them', () => {
    expect(fromThoiHan('Lâu dài')).toBe('long-term');
    expect(fromThoiHan('Đến ngày 15/10/2063')).toBe('2063-10-15');
  });

  it('keeps a Đ series as printed (land-parcel@1 accepts Đ)', () => {
    const t = read<{ thuaDat: ThuaDat }>(traCuuAnswer, {
      thuaDat: { ...recorded, giayChungNhan: { ...recorded.giayChungNhan, soPhatHanh: 'BĐ 582904' } },
    }).thuaDat;
    const parcel = fromThuaDat(t);
    expect(parcel.certificate).toMatchObject({ serial: 'BĐ 582904' });
    expect(valid('land-parcel@1', parcel)).toEqual([]);
  });

  it('an area that is not a decimal, or a date in the wrong form, is malformed', () => {
    expect(() => read(traCuuAnswer, { thuaDat: { ...recorded, dienTich: '81,0' } })).toThrow(/malformed/);
    expect(() =>
      read(traCuuAnswer, {
        thuaDat: { ...recorded, giayChungNhan: { ...recorded.giayChungNhan, ngayCap: '2007-07-21' } },
      }),
    ).toThrow(/malformed/);
  });

  it('every parcel of the synthetic population maps to a valid land-parcel@1', () => {
    const pop = getPopulation();
    const bad = pop.parcels
      .map((p) => ({ key: p.communeCode, errors: valid('land-parcel@1', fromThuaDat(thuaDatOf(p, pop))) }))
      .filter((r) => r.errors.length);
    expect(bad).toEqual([]);
  });
});

describe('land-registry mapping: transfers and slips', () => {
  it('builds the recorded registration request from a canonical transfer', () => {
    const pop = getPopulation();
    const { parcel, transfereeId } = pop.scenarios.land;
    const input = transferOf(pop, parcel, pop.person(transfereeId)!, 'HS-01-2025-000123');
    input.declaredPrice = 6_500_000_000;
    const sent = envelope('DangKyBienDong', { hoSo: toHoSoBienDong(input) }, 'fixture-register-transfer.ok');
    expect(parseXmlSafely(sent)).toEqual(parseXmlSafely(fixture('register-transfer.ok.request.xml')));
  });

  it('maps the recorded registration answer to land-transfer@1, status received', () => {
    const hoSo = read<{ hoSo: HoSoDaTiepNhan }>(
      dangKyAnswer,
      body(fixture('register-transfer.ok.response.xml')),
    ).hoSo;
    const transfer = fromHoSo(hoSo);
    expect(transfer).toMatchObject({
      dossierCode: 'HS-01-2025-000123',
      kind: 'transfer',
      contract: { notarisedAt: '2025-12-10', notary: 'Văn phòng công chứng Hà Thành' },
      declaredPrice: 6_500_000_000,
      status: 'received',
    });
    expect(transfer.transferors).toHaveLength(2);
    expect(transfer.transferees).toHaveLength(1);
    expect(transfer.receivedCompleteAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(valid('land-transfer@1', transfer)).toEqual([]);
  });

  it('maps the recorded Mẫu 15 slip to information-slip@1 with the table price', () => {
    const phieu = read<{ phieu: PhieuChuyenThongTin }>(
      lapPhieuAnswer,
      body(fixture('issue-information-slip.ok.response.xml')),
    );
    const slip = fromPhieu(phieu.phieu);
    expect(slip).toMatchObject({
      slipNumber: '000009/PCTT-VPDK01',
      landOffice: { code: 'VPDKDD-01' },
      taxOffice: { code: 'THUE-01' },
      parcel: { communeCode: '00025', mapSheetNumber: '51', parcelNumber: '58' },
      areaM2: 81,
      usePurpose: 'ODT',
      declaredPrice: 6_500_000_000,
      landPricePerM2: 101_000_000,
    });
    expect((slip.transferees as Party[])[0].personalId).toBe('001076510243');
    expect(valid('information-slip@1', slip)).toEqual([]);
  });

  it('sends payment vouchers with the registry timestamp and whole-đồng amounts', () => {
    const sent = body(fixture('complete-transfer.ok.request.xml')).chungTuNop as { chungTu: Obj[] };
    expect(
      toChungTu({
        noticeNumber: '001000/TB-10100',
        voucherNumber: 'KB-0101-2025-000777',
        paidAt: '2025-12-26T03:15:00Z',
        amount: 163_620_000,
      }),
    ).toEqual(sent.chungTu[0]);
  });
});
