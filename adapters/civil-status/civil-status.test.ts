/**
 * civil-status: the conformance suite against the simulator (XML-DSig on both ways), and the transport with
 * nock: recorded requests and answers, answers signed by a test "registry" key, and the answers a verifying
 * adapter must refuse (unsigned, altered after signing, wrapped, signed by another key).
 */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { generateKeyPairSync } from 'node:crypto';
import { Agent } from 'node:http';
import { validateRecord } from '../../contracts';
import { createAdapterInstance, UpstreamError, verifySoapBody } from '../sdk';
import { callContext, runAdapterSuite, silentLogger } from '../sdk/conformance';
import { conformance, testSigner } from './conformance';
import { ENDPOINT_PATH, NAMESPACE } from './dialect';
import { adapter } from './index';
import { civilStatusEvents } from './services/events-of-person';
import { registerBirthInput } from './services/register-birth';
import { registerDeathInput } from './services/register-death';
import { registerMarriageInput } from './services/register-marriage';
import { keyPairOf, signAnswer } from './simulator/signing';
import { bodyOf, fixtureInput, fixtureText } from './test-support';

runAdapterSuite(conformance());

const BASE = 'http://civil-status.test';
const hub = testSigner('hub-nock');
const registry = keyPairOf(
  generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
);
/** A recorded answer as the registry sends it: signed with its key. */
const signed = (name: string): string => signAnswer(fixtureText(`${name}.response.xml`), registry)!;
const XML = { 'content-type': 'text/xml; charset=utf-8' };

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  const err = await p.then(
    (out) => new Error(`expected a failure, got ${JSON.stringify(out).slice(0, 200)}`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe('civil-status transport (nock)', () => {
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(
    adapter,
    { baseUrl: BASE, options: { upstreamPublicKeyPem: registry.publicKeyPem } },
    { agent, logger: silentLogger, signer: hub },
  );
  let sent = '';
  /** Expects one POST to the endpoint, records what was sent, answers `answer`. */
  const upstream = (answer: string, status = 200, headers: Record<string, string> = {}) =>
    nock(BASE, { reqheaders: headers })
      .post(ENDPOINT_PATH, (b: string) => ((sent = b), true))
      .reply(status, answer, XML);

  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => {
    nock.enableNetConnect();
    await instance.close();
    agent.destroy();
  });
  afterEach(() => {
    nock.cleanAll();
    sent = '';
  });

  it('events-of-person: a signed TraCuuSuKienHoTich; three births (a list) and one marriage (a single element)', async () => {
    upstream(signed('events-of-person.ok'), 200, {
      'x-request-id': 'm-1',
      soapaction: `"${NAMESPACE}/TraCuuSuKienHoTich"`,
    });
    const out = (await instance.call(
      'events-of-person',
      fixtureInput('events-of-person.ok'),
      callContext(1000, { messageId: 'm-1' }),
    )) as { births: unknown[]; marriages: unknown[]; deaths: unknown[] };
    expect(bodyOf(sent)).toEqual(bodyOf(fixtureText('events-of-person.ok.request.xml')));
    expect(verifySoapBody(sent, hub.publicKeyPem)).toMatchObject({ ok: true, body: { local: 'Body' } });
    expect([out.births.length, out.marriages.length, out.deaths.length]).toEqual([3, 1, 0]);
    expect(out.marriages[0]).toMatchObject({ dateOfMarriage: '2007-11-24', registerNumber: '1/2007' });
    expect(civilStatusEvents.validate(out).error).toBeUndefined();
  });

  it('events-of-person: a birth entry without a mother is listed in `omitted`, not dropped', async () => {
    upstream(signed('events-of-person.omitted'));
    const out = await instance.call(
      'events-of-person',
      fixtureInput('events-of-person.omitted'),
      callContext(),
    );
    expect(out).toMatchObject({
      births: [],
      marriages: [{ spouses: [{ personalId: '001092698054' }, { personalId: '001300174355' }] }],
      omitted: [{ kind: 'birth', registerNumber: '1/1993', reason: 'MOTHER_UNDETERMINED' }],
    });
  });

  it("events-of-person: the registry's CONG_DAN_KHONG_TON_TAI fault is a rejected, not-found UpstreamError", async () => {
    upstream(fixtureText('events-of-person.not-found.response.xml'), 500);
    const err = await failure(
      instance.call('events-of-person', fixtureInput('events-of-person.not-found'), callContext()),
    );
    expect(err).toMatchObject({
      code: 'rejected',
      retryable: false,
      notFound: true,
      upstreamCode: 'CONG_DAN_KHONG_TON_TAI',
    });
  });

  it('register-birth: the idempotency key travels; the entry maps to birth-event@1 with register number and time', async () => {
    upstream(signed('register-birth.ok'), 200, { 'idempotency-key': 'delivery-7' });
    const out = await instance.call(
      'register-birth',
      fixtureInput('register-birth.ok'),
      callContext(1000, { idempotencyKey: 'delivery-7' }),
    );
    expect(bodyOf(sent)).toEqual(bodyOf(fixtureText('register-birth.ok.request.xml')));
    expect(out).toMatchObject({
      child: { fullName: 'Phạm Lê Minh An', dateOfBirth: '2026-11-02', timeOfBirth: '08:30', sex: 'male' },
      mother: { personalId: '001194389546', dateOfBirth: '1994-02-09', sex: 'female' },
      declarant: { relation: 'father' },
      registerNumber: '1/2026',
      registeredAt: '2026-11-22T08:26:40+07:00',
    });
    const v = validateRecord('birth-event@1', out);
    expect(v.ok ? [] : v.problem.errors).toEqual([]);
  });

  it('register-birth: a certificate already registered is refused as DA_DANG_KY, not retryable', async () => {
    upstream(fixtureText('register-birth.already-registered.response.xml'), 500);
    const err = await failure(
      instance.call('register-birth', fixtureInput('register-birth.ok'), callContext()),
    );
    expect(err).toMatchObject({
      code: 'rejected',
      retryable: false,
      notFound: false,
      upstreamCode: 'DA_DANG_KY',
    });
  });

  it('register-death: maps to death-event@1; a second registration is refused as DA_KHAI_TU', async () => {
    upstream(signed('register-death.ok'));
    const out = await instance.call('register-death', fixtureInput('register-death.ok'), callContext());
    expect(bodyOf(sent)).toEqual(bodyOf(fixtureText('register-death.ok.request.xml')));
    expect(out).toMatchObject({
      dateOfDeath: '2026-11-18',
      timeOfDeath: '21:40',
      declarant: { relation: 'child' },
    });
    const v = validateRecord('death-event@1', out);
    expect(v.ok ? [] : v.problem.errors).toEqual([]);

    upstream(fixtureText('register-death.already-dead.response.xml'), 500);
    const err = await failure(
      instance.call('register-death', fixtureInput('register-death.ok'), callContext()),
    );
    expect(err).toMatchObject({ code: 'rejected', upstreamCode: 'DA_KHAI_TU' });
  });

  it('register-marriage: the man goes to benNam whatever the order; DA_CO_VO_CHONG is refused', async () => {
    upstream(signed('register-marriage.ok'));
    const out = await instance.call('register-marriage', fixtureInput('register-marriage.ok'), callContext());
    const request = bodyOf(sent).body as { benNam: { soDinhDanh: string } };
    expect(request.benNam.soDinhDanh).toBe('074098762642');
    expect(bodyOf(sent)).toEqual(bodyOf(fixtureText('register-marriage.ok.request.xml')));
    const v = validateRecord('marriage-event@1', out);
    expect(v.ok ? [] : v.problem.errors).toEqual([]);

    upstream(fixtureText('register-marriage.already-married.response.xml'), 500);
    const err = await failure(
      instance.call('register-marriage', fixtureInput('register-marriage.ok'), callContext()),
    );
    expect(err).toMatchObject({ code: 'rejected', upstreamCode: 'DA_CO_VO_CHONG' });
  });

  describe('answers a verifying adapter refuses (malformed)', () => {
    const call = () => instance.call('register-birth', fixtureInput('register-birth.ok'), callContext());

    it('an unsigned answer', async () => {
      upstream(fixtureText('register-birth.ok.response.xml'));
      expect((await failure(call())).reason).toMatch(/signature/);
    });

    it('an answer altered after signing (the register number)', async () => {
      upstream(signed('register-birth.ok').replace('1/2026/KS', '9/2026/KS'));
      const err = await failure(call());
      expect(err).toMatchObject({ code: 'malformed', retryable: false });
      expect(err.reason).toMatch(/signature does not verify/);
    });

    it('a wrapped answer: the signed Body kept in a Header wrapper, a forged Body in its place', async () => {
      const genuine = signed('register-birth.ok');
      const body = genuine.slice(genuine.indexOf('<soap:Body'), genuine.indexOf('</soap:Body>') + 12);
      const forged = genuine
        .replace(body, body.replace('1/2026/KS', '9/2026/KS'))
        .replace('</soap:Header>', `<ns:Wrapper>${body}</ns:Wrapper></soap:Header>`);
      expect(forged).toContain('9/2026/KS');
      upstream(forged);
      const err = await failure(call());
      expect(err).toMatchObject({ code: 'malformed' });
      expect(err.reason).toMatch(/exactly one SOAP Body/);
    });

    it('an answer signed by another key', async () => {
      const other = keyPairOf(
        generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      );
      upstream(signAnswer(fixtureText('register-birth.ok.response.xml'), other)!);
      expect((await failure(call())).reason).toMatch(/^answer signature: .*signature value .* is incorrect/);
    });

    it('a validly signed answer to another operation', async () => {
      upstream(signed('register-death.ok'));
      expect((await failure(call())).reason).toMatch(/expected DangKyKhaiSinhResponse/);
    });

    it('a validly signed list whose count disagrees with its entries', async () => {
      const text = fixtureText('events-of-person.ok.response.xml').replace(
        '<tongSo>4</tongSo>',
        '<tongSo>5</tongSo>',
      );
      upstream(signAnswer(text, registry)!);
      const err = await failure(
        instance.call('events-of-person', fixtureInput('events-of-person.ok'), callContext()),
      );
      expect(err.reason).toMatch(/upstream's schema/);
    });
  });
});

describe('civil-status request contracts', () => {
  const birth = fixtureInput('register-birth.ok');
  const errors = (
    schema: { validate(v: unknown, o: object): { error?: { details: { path: unknown[] }[] } } },
    v: unknown,
  ) => (schema.validate(v, { abortEarly: false }).error?.details ?? []).map((d) => d.path.join('.'));

  it('the recorded inputs satisfy their request contracts', () => {
    expect(errors(registerBirthInput, birth)).toEqual([]);
    expect(errors(registerDeathInput, fixtureInput('register-death.ok'))).toEqual([]);
    expect(errors(registerMarriageInput, fixtureInput('register-marriage.ok'))).toEqual([]);
  });

  it('refuses what the registry would refuse anyway: legacy commune codes, a future birth, a mismatched child ID', () => {
    const legacyCommune = { ...birth, registeringCommune: { communeCode: '00004', catalogue: 'legacy' } };
    expect(errors(registerBirthInput, legacyCommune)).toEqual(['registeringCommune.catalogue']);
    const future = { ...birth, child: { ...(birth.child as object), dateOfBirth: '2999-01-01' } };
    expect(errors(registerBirthInput, future)).toEqual(['child.dateOfBirth']);
    // A female child born in 2026 has G = 3; 2 would say male.
    const mismatch = {
      ...birth,
      child: { ...(birth.child as object), sex: 'female', personalId: '001226000001' },
    };
    expect(errors(registerBirthInput, mismatch)).toEqual(['child.personalId']);
    const withoutId = { ...birth, mother: { fullName: 'Lê Thu Hằng' } };
    expect(errors(registerBirthInput, withoutId)).toEqual(['mother.personalId']);
  });

  it('a marriage needs two different people', () => {
    const same = { personalId: '074098762642' };
    const input = { ...fixtureInput('register-marriage.ok'), spouses: [same, same] };
    expect(errors(registerMarriageInput, input)).toEqual(['spouses.1']);
  });
});
