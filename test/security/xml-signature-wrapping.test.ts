/**
 * XML signature wrapping and envelope tricks, as a hostile upstream plays them against the real flows
 * (issue #10, finding 1). A hostile server on 127.0.0.1 stands in for the civil-status registry: it asks
 * the real registry simulator, which signs its answers (XML-DSig), and rewrites the genuinely signed
 * answer of `register-death` on the way — the signed Body moved into the Header or into a signature's
 * Object, forged Bodies under other prefixes or namespaces, duplicated Ids, comments and whitespace in
 * signed text, a second signature. Another stands in for the land registry (plain SOAP, no signature)
 * and bends the envelope of `parcel`. Each row names its threat and expects a refusal: a stable problem
 * code, none of the forged data in the answer, and an audit record whose outcome is not `ok`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCivilStatusSimulator } from '../../adapters/civil-status/simulator';
import { createLandRegistrySimulator } from '../../adapters/land-registry/simulator';
import { signSoapBody, type RunningSimulator } from '../../adapters/sdk';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { startWorld, type World } from '../../hub/sandbox/world';
import { selfSignedCertificate, testKeys } from '../../hub/audit/testing';
import { auditLines } from '../helpers/audit-lines';
import { startHostileUpstream, type HostileUpstream } from '../helpers/hostile-upstream';
import { useRedis } from '../helpers/redis';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const REGISTER_DEATH = 'VN:GOV:00:BTP/HOTICH/register-death/v1';
const PARCEL = 'VN:GOV:01:VPDKDD/DATDAI/parcel/v1';
const deathInput = JSON.parse(
  readFileSync(join(__dirname, '../../adapters/civil-status/fixtures/register-death.ok.input.json'), 'utf8'),
) as Record<string, unknown>;

const redis = useRedis();
let world: World;
let registry: RunningSimulator;
let landRegistry: RunningSimulator;
let hostileRegistry: HostileUpstream;
let hostileLand: HostileUpstream;

beforeAll(async () => {
  const civil = createCivilStatusSimulator();
  registry = await civil.start(0);
  landRegistry = await createLandRegistrySimulator().start(0);
  hostileRegistry = await startHostileUpstream(registry.url);
  hostileLand = await startHostileUpstream(landRegistry.url);
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['civil-status', 'land-registry'],
    upstreams: { 'civil-status': hostileRegistry.url, 'land-registry': hostileLand.url },
    members: ['VN:GOV:79:UBND-TANHIEP', 'VN:GOV:01:VPDKDD'],
    env: { LIENTHONG_CIVIL_STATUS_PUBLIC_KEY: civil.publicKeyPem },
  });
}, 60_000);
redis.beforeStop(async () => {
  await world?.close();
  await Promise.all([
    hostileRegistry?.close(),
    hostileLand?.close(),
    registry?.close(),
    landRegistry?.close(),
  ]);
});

// ---------------------------------------------------------------------------------------------------------
// The civil-status registry: rewriting a genuinely signed answer

/** What the forger wants the hub to hand out: a cause and a register number the registry never issued. */
const FORGED_CAUSE = 'FORGED cause of death';
const FORGED_NUMBER = '999/2026';

const bodyOf = (xml: string): string => /<soap:Body Id="body">[\s\S]*<\/soap:Body>/.exec(xml)![0];
const innerOf = (body: string): string => body.replace(/^<soap:Body[^>]*>/, '').replace(/<\/soap:Body>$/, '');
const forge = (inner: string): string =>
  inner
    .replace(/<nguyenNhan>[^<]*<\/nguyenNhan>/, `<nguyenNhan>${FORGED_CAUSE}</nguyenNhan>`)
    .replace(/<soDangKy>[^<]*<\/soDangKy>/, `<soDangKy>${FORGED_NUMBER}/KT</soDangKy>`);
/** The signed Body taken out and put into the Header (inside `wrapper`), `forged` where it was. */
const moveSignedToHeader = (xml: string, forged: string, wrapper = (b: string) => `<w>${b}</w>`): string => {
  const body = bodyOf(xml);
  return xml.replace(body, forged).replace('</soap:Header>', `${wrapper(body)}</soap:Header>`);
};
const forgedInner = (xml: string) => forge(innerOf(bodyOf(xml)));

/** An attacker's own key and certificate, which the hub has never heard of. */
const attacker = (() => {
  const keys = testKeys('ES256');
  return {
    privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: selfSignedCertificate(keys, 'So Tu phap (gia mao)'),
  };
})();
const unsigned = (xml: string) => xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');

/** Each row: the threat, how the hostile registry rewrites the signed answer, and what stops it. */
const civilRows: [threat: string, rewrite: (signed: string) => string, stoppedBy: RegExp][] = [
  [
    'signed Body moved into the Header; a forged Body with a dotted prefix bound to the SOAP namespace',
    (x) => moveSignedToHeader(x, `<s.x:Body xmlns:s.x="${SOAP}">${forgedInner(x)}</s.x:Body>`),
    /exactly one SOAP Body/,
  ],
  [
    'signed Body moved into the Header; a forged Body with a non-ASCII prefix in another namespace',
    (x) => moveSignedToHeader(x, `<sô:Body xmlns:sô="urn:x">${forgedInner(x)}</sô:Body>`),
    /not a SOAP envelope/,
  ],
  [
    'signed Body moved into the Header; a forged Body in the SOAP namespace as the default namespace',
    (x) => moveSignedToHeader(x, `<Body xmlns="${SOAP}">${forgedInner(x)}</Body>`),
    /exactly one SOAP Body/,
  ],
  [
    'signed Body moved into the Header; a forged soap:Body whose prefix is rebound to another namespace',
    (x) => moveSignedToHeader(x, `<soap:Body xmlns:soap="urn:evil" Id="body">${forgedInner(x)}</soap:Body>`),
    /not a SOAP envelope/,
  ],
  [
    'signed Body moved into a ds:Object of the signature; a forged Body in its place',
    (x) => {
      const body = bodyOf(x);
      return x
        .replace(body, `<soap:Body>${forgedInner(x)}</soap:Body>`)
        .replace('</ds:Signature>', `<ds:Object>${body}</ds:Object></ds:Signature>`);
    },
    /exactly one SOAP Body/,
  ],
  [
    'duplicated Id: the forged Body carries the signed Body’s Id, the signed one kept in the Header',
    (x) => moveSignedToHeader(x, `<soap:Body Id="body">${forgedInner(x)}</soap:Body>`),
    /exactly one SOAP Body/,
  ],
  [
    'duplicated Id: the genuine Body in place, a forged answer in the Header carries the same Id',
    (x) => x.replace('</soap:Header>', `<w Id="body">${forgedInner(x)}</w></soap:Header>`),
    /Id "body" is not unique/,
  ],
  [
    'a second Body after the signed one, with a prefix of its own bound to the SOAP namespace',
    (x) =>
      x.replace('</soap:Body>', `</soap:Body><s-2:Body xmlns:s-2="${SOAP}">${forgedInner(x)}</s-2:Body>`),
    /not a SOAP envelope/,
  ],
  [
    'comments inside signed text (canonicalisation drops them, so the digest still matches)',
    (x) => x.replace(/<nguyenNhan>([^<,]*),/, '<nguyenNhan>$1<!-- -->,'),
    /comment or processing instruction inside the signed Body/,
  ],
  [
    'whitespace added inside signed text',
    (x) => x.replace(/<soDangKy>/, '<soDangKy> '),
    /signature does not verify/,
  ],
  [
    'the signed text altered',
    (x) => x.replace(/<soDangKy>[^<]*</, `<soDangKy>${FORGED_NUMBER}/KT<`),
    /signature does not verify/,
  ],
  [
    'a second Signature, the attacker’s, over a forged Body, with the attacker’s certificate in KeyInfo',
    (x) => {
      const theirs = signSoapBody(
        x
          .replace(bodyOf(x), `<soap:Body Id="body">${forgedInner(x)}</soap:Body>`)
          .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''),
        { ...attacker, algorithm: 'ES256' },
      );
      const genuineSignature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(x)![0];
      return theirs.replace('</soap:Header>', `${genuineSignature}</soap:Header>`);
    },
    /exactly one signature/,
  ],
  [
    'key substitution: only the attacker’s signature, their certificate in KeyInfo',
    (x) =>
      signSoapBody(unsigned(x).replace(bodyOf(x), `<soap:Body Id="body">${forgedInner(x)}</soap:Body>`), {
        ...attacker,
        algorithm: 'ES256',
      }),
    /signature value .* is incorrect/,
  ],
  [
    'signature stripped, Body forged',
    (x) => unsigned(x).replace(bodyOf(x), `<soap:Body Id="body">${forgedInner(x)}</soap:Body>`),
    /exactly one signature/,
  ],
  [
    'the Signature moved out of the Header into the Body’s answer element',
    (x) => {
      const sig = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(x)![0];
      return x.replace(sig, '').replace('</khaiTu>', `${sig}</khaiTu>`);
    },
    /signature is not in the SOAP Header/,
  ],
  [
    'the Envelope’s prefix rebound to a foreign namespace',
    (x) => x.replace(`<soap:Envelope xmlns:soap="${SOAP}"`, '<soap:Envelope xmlns:soap="urn:not-soap"'),
    /not a SOAP envelope/,
  ],
];

async function registerDeath(): Promise<{
  status: number;
  body: Record<string, unknown>;
  messageId: string;
}> {
  const ward = world.client('VN:GOV:79:UBND-TANHIEP', 'MOTCUA');
  const res = await ward.call(REGISTER_DEATH, {
    purpose: 'ho-tich.khai-tu',
    body: deathInput,
    idempotencyKey: randomUUID(),
  });
  return { status: res.status, body: res.body as Record<string, unknown>, messageId: res.messageId };
}

async function outcomeOf(messageId: string): Promise<string | undefined> {
  await world.hub.runtime.deps.audit.flush();
  return auditLines(join(world.dir, 'audit')).find((l) => l.messageId === messageId)?.outcome;
}

describe('civil-status register-death: a hostile registry rewrites the signed answer', () => {
  beforeEach(async () => {
    // The registry forgets earlier registrations, so the same death can be registered by every row.
    await fetch(`${registry.url}/__admin/reset`, { method: 'POST' });
    hostileRegistry.behave((_req, genuine) => genuine());
  });

  it('the genuine signed answer, through the same hostile server untouched, is accepted', async () => {
    const res = await registerDeath();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cause: deathInput.cause,
      registerNumber: expect.stringMatching(/^\d+\/\d{4}$/),
    });
    expect(await outcomeOf(res.messageId)).toBe('ok');
  });

  it.each(civilRows)('%s → refused', async (_threat, rewrite, stoppedBy) => {
    let rewritten = '';
    hostileRegistry.behave(async (_req, genuine) => {
      const a = await genuine();
      const xml = a.body.toString();
      expect(xml).toContain('<ds:Signature');
      rewritten = rewrite(xml);
      expect(rewritten).not.toBe(xml);
      return { ...a, body: rewritten };
    });
    const res = await registerDeath();
    expect(rewritten).not.toBe('');
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 'UPSTREAM_MALFORMED', detail: expect.stringMatching(stoppedBy) });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(FORGED_CAUSE);
    expect(text).not.toContain(FORGED_NUMBER);
    expect(await outcomeOf(res.messageId)).toBe('UPSTREAM_MALFORMED');
  });
});

// ---------------------------------------------------------------------------------------------------------
// The land registry: plain SOAP, the envelope checked by namespace

const pop = getPopulation();
const parcel = pop.parcels[0];
const FORGED_AREA = '9999.0';
const forgeParcel = (inner: string) =>
  inner.replace(/<dienTich>[^<]*<\/dienTich>/, `<dienTich>${FORGED_AREA}</dienTich>`);
const landBody = (xml: string) => /<soap:Body[^>]*>[\s\S]*<\/soap:Body>/.exec(xml)![0];
const landInner = (xml: string) => forgeParcel(innerOf(landBody(xml)));

const landRows: [threat: string, rewrite: (xml: string) => string, stoppedBy: RegExp][] = [
  [
    'the Envelope’s prefix rebound to a foreign namespace',
    (x) => x.replace(`xmlns:soap="${SOAP}"`, 'xmlns:soap="urn:not-soap"'),
    /not a SOAP envelope/,
  ],
  [
    'the Body’s prefix rebound to a foreign namespace, holding forged data',
    (x) => x.replace(landBody(x), `<soap:Body xmlns:soap="urn:evil">${landInner(x)}</soap:Body>`),
    /not a SOAP envelope/,
  ],
  [
    'the Body in no namespace at all (default-namespace trick), holding forged data',
    (x) => x.replace(landBody(x), `<Body xmlns="">${landInner(x)}</Body>`),
    /not a SOAP envelope/,
  ],
  [
    'a forged Body smuggled into a Header, the genuine Body kept',
    (x) =>
      x.replace(
        /<soap:Body/,
        `<soap:Header><s.x:Body xmlns:s.x="${SOAP}">${landInner(x)}</s.x:Body></soap:Header><soap:Body`,
      ),
    /exactly one SOAP Body/,
  ],
  [
    'a second Body with a non-ASCII prefix bound to the SOAP namespace, holding forged data',
    (x) => x.replace('</soap:Body>', `</soap:Body><sô:Body xmlns:sô="${SOAP}">${landInner(x)}</sô:Body>`),
    /not a SOAP envelope/,
  ],
  [
    'an extra element beside the Body under the Envelope',
    (x) => x.replace('</soap:Body>', `</soap:Body><x:Extra xmlns:x="urn:x">${landInner(x)}</x:Extra>`),
    /not a SOAP envelope/,
  ],
];

async function readParcel(): Promise<{ status: number; body: Record<string, unknown>; messageId: string }> {
  const office = world.client('VN:GOV:01:VPDKDD', 'DATDAI');
  const res = await office.call(PARCEL, {
    purpose: 'dat-dai.chuyen-nhuong',
    body: {
      communeCode: parcel.communeCode,
      mapSheetNumber: parcel.mapSheetNumber,
      parcelNumber: parcel.parcelNumber,
    },
  });
  return { status: res.status, body: res.body as Record<string, unknown>, messageId: res.messageId };
}

describe('land-registry parcel: a hostile registry bends the envelope', () => {
  beforeEach(() => hostileLand.behave((_req, genuine) => genuine()));

  it('the genuine answer through the same hostile server is accepted', async () => {
    const res = await readParcel();
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(FORGED_AREA);
    expect(await outcomeOf(res.messageId)).toBe('ok');
  });

  it.each(landRows)('%s → refused', async (_threat, rewrite, stoppedBy) => {
    hostileLand.behave(async (_req, genuine) => {
      const a = await genuine();
      const xml = a.body.toString();
      const rewritten = rewrite(xml);
      expect(rewritten).not.toBe(xml);
      return { ...a, body: rewritten };
    });
    const res = await readParcel();
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 'UPSTREAM_MALFORMED', detail: expect.stringMatching(stoppedBy) });
    expect(JSON.stringify(res.body)).not.toContain(FORGED_AREA);
    expect(await outcomeOf(res.messageId)).toBe('UPSTREAM_MALFORMED');
  });
});
