/**
 * The civil-status simulator: it refuses requests that are unsigned, signed by an untrusted key, altered after
 * signing or wrapped; it accepts both keys of a rotation; and it applies the registry's rules (future births,
 * late registrations, one death per person, widowhood, marriage age). Also the adapter's key configuration.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { Agent } from 'node:http';
import { todayInVietnam } from '../../contracts/validators/date';
import { createAdapterInstance, SoapTransport, verifySoapBody, type RunningSimulator } from '../sdk';
import { callContext, silentLogger } from '../sdk/conformance';
import { ageAt, getPopulation } from '../sdk/simulator/population';
import { testSigner } from './conformance';
import { ENDPOINT_PATH, NAMESPACE } from './dialect';
import { adapter } from './index';
import { toYeuCauKhaiSinh } from './mapping';
import { createCivilStatusSimulator } from './simulator';
import { keyPairOf } from './simulator/signing';
import { signingKeyOf } from './signing';
import { bodyOf, fixtureInput } from './test-support';

type Rec = Record<string, unknown>;
const pop = getPopulation();
const hubA = testSigner('hub-a');
const hubB = testSigner('hub-b');
const registry = keyPairOf(
  generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
);
const agent = new Agent({ keepAlive: true });
let sim: RunningSimulator;
const daysFromToday = (n: number) =>
  new Date(Date.parse(todayInVietnam()) + n * 86_400_000).toISOString().slice(0, 10);

const instanceSignedBy = (signer = hubA) =>
  createAdapterInstance(
    adapter,
    { baseUrl: sim.url, options: { upstreamPublicKeyPem: registry.publicKeyPem } },
    { agent, logger: silentLogger, signer },
  );
const transport = (signer?: typeof hubA) =>
  new SoapTransport({
    upstream: 'civil-status',
    endpoint: `${sim.url}${ENDPOINT_PATH}`,
    agent,
    namespace: NAMESPACE,
    signWith: signer ? signingKeyOf(signer) : undefined,
  });
/** Posts an envelope as it is and returns the fault code of the answer, if any. */
async function faultCodeOf(xml: string): Promise<string | undefined> {
  const res = await fetch(`${sim.url}${ENDPOINT_PATH}`, {
    method: 'POST',
    body: xml,
    headers: { 'content-type': 'text/xml' },
  });
  const answer = bodyOf(await res.text());
  return ((answer.body.detail as Rec | undefined)?.error as Rec | undefined)?.code as string | undefined;
}
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: { upstreamCode?: string }) => e.upstreamCode,
  );
const birthInput = (patch: Rec = {}, child: Rec = {}) => {
  const b = fixtureInput('register-birth.ok');
  const number = `GCS-TEST-${Math.random().toString(16).slice(2)}`;
  return { ...b, child: { ...(b.child as Rec), ...child }, birthCertificate: { number }, ...patch };
};
const lookUp = { operation: 'TraCuuSuKienHoTich', body: { soDinhDanh: pop.scenarios.birth.motherId } };

beforeAll(async () => {
  sim = await createCivilStatusSimulator({
    requireSignatureFrom: [hubA.publicKeyPem, hubB.publicKeyPem],
    signingKeyPem: registry.privateKeyPem,
  }).start();
});
afterAll(async () => {
  await sim.close();
  agent.destroy();
});

describe('civil-status simulator: request signatures', () => {
  it('an unsigned request is refused with CHU_KY_KHONG_HOP_LE, and a write is not applied', async () => {
    const before = sim.effects();
    expect(await refusal(transport().call(callContext(), lookUp))).toBe('CHU_KY_KHONG_HOP_LE');
    const write = { operation: 'DangKyKhaiSinh', body: { ...toYeuCauKhaiSinh(birthInput()) } };
    expect(await refusal(transport().call(callContext(), write))).toBe('CHU_KY_KHONG_HOP_LE');
    expect(sim.effects()).toEqual(before);
  });

  it('a request signed by a key the registry does not trust is refused', async () => {
    expect(await refusal(transport(testSigner('stranger')).call(callContext(), lookUp))).toBe(
      'CHU_KY_KHONG_HOP_LE',
    );
  });

  it('a request altered after signing is refused', async () => {
    const genuine = transport(hubA).envelope(lookUp, 'm-1');
    expect(await faultCodeOf(genuine)).toBeUndefined();
    const other = pop.scenarios.death.deceasedId;
    expect(await faultCodeOf(genuine.replace(pop.scenarios.birth.motherId, other))).toBe(
      'CHU_KY_KHONG_HOP_LE',
    );
  });

  it('a wrapped request is refused: the signed Body kept in a Header wrapper, a forged Body in its place', async () => {
    const genuine = transport(hubA).envelope(lookUp, 'm-1');
    const body = genuine.slice(genuine.indexOf('<soap:Body'), genuine.indexOf('</soap:Body>') + 12);
    const forged = genuine
      .replace(body, body.replace(pop.scenarios.birth.motherId, pop.scenarios.death.deceasedId))
      .replace('</soap:Header>', `<ns:Wrapper>${body}</ns:Wrapper></soap:Header>`);
    expect(await faultCodeOf(forged)).toBe('CHU_KY_KHONG_HOP_LE');
  });

  it('both keys of a rotation are accepted, and answers verify with the registry key', async () => {
    for (const signer of [hubA, hubB]) {
      const instance = instanceSignedBy(signer);
      const out = instance.call(
        'events-of-person',
        { personalId: pop.scenarios.birth.motherId },
        callContext(),
      );
      await expect(out).resolves.toHaveProperty('marriages');
      await instance.close();
    }
  });
});

describe('civil-status simulator: the registry rules', () => {
  const instance = () => instanceSignedBy(hubA);

  it('a birth in the future is refused; a late registration is accepted and marked quaHan=1', async () => {
    const inst = instance();
    const future = birthInput({}, { dateOfBirth: daysFromToday(2) });
    expect(await refusal(inst.call('register-birth', future, callContext()))).toBe('NGAY_SINH_KHONG_HOP_LE');
    const flag = async (dateOfBirth: string) => {
      const call = {
        operation: 'DangKyKhaiSinh',
        body: { ...toYeuCauKhaiSinh(birthInput({}, { dateOfBirth })) },
      };
      const res = await inst.client.call(callContext(), call);
      return (res.body.khaiSinh as Rec).quaHan;
    };
    expect(await flag(daysFromToday(-61))).toBe('1');
    expect(await flag(daysFromToday(-60))).toBe('0');
    await inst.close();
  });

  it("a newborn with a personal ID is in its mother's and its own events; the same ID twice is DA_DANG_KY", async () => {
    const inst = instance();
    const dob = daysFromToday(-5);
    const childId = `0013${dob.slice(2, 4)}${String(Date.now()).slice(-6)}`;
    const input = birthInput({}, { dateOfBirth: dob, sex: 'female', personalId: childId });
    const event = (await inst.call('register-birth', input, callContext())) as { registerNumber: string };
    for (const personalId of [childId, pop.scenarios.birth.motherId]) {
      const events = (await inst.call('events-of-person', { personalId }, callContext())) as {
        births: Rec[];
      };
      expect(events.births.map((b) => b.registerNumber)).toContain(event.registerNumber);
    }
    expect(
      await refusal(inst.call('register-birth', birthInput({ child: input.child }), callContext())),
    ).toBe('DA_DANG_KY');
    await inst.close();
  });

  it('a death is registered once; the widow may marry again, the deceased may not', async () => {
    const inst = instance();
    const { deceasedId } = pop.scenarios.death;
    const widowId = pop.person(deceasedId)!.spouseId!;
    const death: Rec = { ...fixtureInput('register-death.ok'), dateOfDeath: daysFromToday(-1) };
    await inst.call('register-death', death, callContext());
    expect(await refusal(inst.call('register-death', death, callContext()))).toBe('DA_KHAI_TU');
    const events = (await inst.call('events-of-person', { personalId: deceasedId }, callContext())) as {
      deaths: Rec[];
    };
    expect(events.deaths).toHaveLength(1);
    const man = pop.persons.find((p) => p.sex === 'male' && !p.spouseId && ageAt(p.dateOfBirth) >= 20)!;
    const marry = (ids: string[]) =>
      inst.call(
        'register-marriage',
        { spouses: ids.map((personalId) => ({ personalId })), registeringCommune: death.registeringCommune },
        callContext(),
      );
    const woman = pop.persons.find((p) => p.sex === 'female' && !p.spouseId && ageAt(p.dateOfBirth) >= 60)!;
    expect(await refusal(marry([deceasedId, woman.personalId]))).toBe('DA_KHAI_TU');
    await expect(marry([widowId, man.personalId])).resolves.toMatchObject({
      spouses: [{ personalId: man.personalId }, { personalId: widowId }],
    });
    await inst.close();
  });

  it('marriage refusals: under age, sexes that do not match, unknown person', async () => {
    const inst = instance();
    const commune = { communeCode: '00008', catalogue: '2026-04-30' };
    const marry = (ids: string[]) =>
      refusal(
        inst.call(
          'register-marriage',
          { spouses: ids.map((personalId) => ({ personalId })), registeringCommune: commune },
          callContext(),
        ),
      );
    const today = todayInVietnam();
    const older = (p: { dateOfBirth: string }, years: number) => ageAt(p.dateOfBirth, today) >= years;
    const girl = pop.persons.find((p) => p.sex === 'female' && older(p, 14) && !older(p, 18))!;
    const man = pop.persons.find((p) => p.sex === 'male' && !p.spouseId && older(p, 22))!;
    const women = pop.persons.filter((p) => p.sex === 'female' && !p.spouseId && older(p, 22));
    expect(await marry([man.personalId, girl.personalId])).toBe('CHUA_DU_TUOI_KET_HON');
    expect(await marry([women[0].personalId, women[1].personalId])).toBe('GIOI_TINH_KHONG_KHOP');
    expect(await marry([man.personalId, '001190999999'])).toBe('CONG_DAN_KHONG_XAC_DINH');
    await inst.close();
  });

  it("requests outside the registry's schema and unknown operations are refused", async () => {
    const t = transport(hubA);
    expect(
      await refusal(t.call(callContext(), { operation: 'DangKyKhaiSinh', body: { treEm: { hoTen: 'A' } } })),
    ).toBe('THAM_SO_KHONG_HOP_LE');
    expect(await refusal(t.call(callContext(), { operation: 'XoaHoTich', body: {} }))).toBe('KHONG_HO_TRO');
  });

  it('the admin state: the answer key and register numbers, never personal data; reset clears the registrations', async () => {
    const state = (await (await fetch(`${sim.url}/__admin/state`)).json()) as Record<string, string[]>;
    expect(state).toMatchObject({
      signsAnswers: true,
      checksRequests: true,
      publicKeyPem: registry.publicKeyPem,
    });
    const entries = [state.khaiSinh, state.khaiTu, state.ketHon];
    expect(entries.flat().every((n) => /^\d+\/\d{4}\/(KS|KT|KH)$/.test(n))).toBe(true);
    expect(state.khaiTu.length).toBeGreaterThan(0);
    await fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
    const after = (await (await fetch(`${sim.url}/__admin/state`)).json()) as Record<string, string[]>;
    expect([after.khaiSinh, after.khaiTu, after.ketHon]).toEqual([[], [], []]);
  });
});

describe('civil-status adapter: key configuration', () => {
  const config = { baseUrl: 'http://127.0.0.1:1' };
  const deps = { agent, logger: silentLogger };

  it('refuses to start without a signer, or with a key XML-DSig cannot use here', () => {
    expect(() => createAdapterInstance(adapter, config, deps)).toThrow(/requires signed requests/);
    const ed = generateKeyPairSync('ed25519');
    const eddsa = {
      kid: 'ed',
      alg: 'EdDSA',
      sign: (d: Buffer) => sign(null, d, ed.privateKey),
      privateKey: ed.privateKey,
    };
    expect(() => createAdapterInstance(adapter, config, { ...deps, signer: eddsa })).toThrow(
      /ES256 .* or RS256/,
    );
    for (const upstreamPublicKeyPem of ['not a key', registry.privateKeyPem]) {
      const options = { upstreamPublicKeyPem };
      expect(() => createAdapterInstance(adapter, { ...config, options }, { ...deps, signer: hubA })).toThrow(
        /upstreamPublicKeyPem/,
      );
    }
  });

  it('signs with RS256 when the hub lends an RSA key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signer = {
      kid: 'rsa',
      alg: 'RS256',
      sign: (d: Buffer) => sign('sha256', d, rsa.privateKey),
      privateKey: rsa.privateKey,
    };
    const inst = createAdapterInstance(adapter, config, { ...deps, signer });
    const xml = inst.client.envelope(lookUp, 'm-1');
    expect(xml).toContain('rsa-sha256');
    expect(
      verifySoapBody(xml, rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    ).toMatchObject({
      ok: true,
      body: { local: 'Body' },
    });
  });
});
