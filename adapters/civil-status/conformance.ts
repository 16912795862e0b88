/**
 * The conformance spec of civil-status: examples that must work against its simulator, with XML-DSig on in
 * both directions — the "hub" signs requests with an ES256 key the simulator trusts, and the adapter verifies
 * the simulator's answers with the registry's public key. Writes the registry refuses to repeat (a birth
 * certificate, a death, a marriage) take fresh people or numbers on each call.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { todayInVietnam } from '../../contracts/validators/date';
import { LATEST_CATALOGUE } from '../../contracts/validators/admin-units';
import type { Signer } from '../sdk';
import type { ConformanceSpec } from '../sdk/conformance';
import { ageAt, getPopulation, type SynthPerson } from '../sdk/simulator/population';
import { adapter } from './index';
import { createCivilStatusSimulator } from './simulator';
import { birthCertificateNumberOf } from './simulator/records';
import { keyPairOf } from './simulator/signing';

/** An ES256 signer over a fresh P-256 key, shaped as the hub lends one (adapters/sdk/types.ts Signer). */
export function testSigner(
  kid = 'hub-conformance',
): Signer & { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid,
    alg: 'ES256',
    sign: (data) => sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const isoDaysAgo = (days: number): string =>
  new Date(Date.parse(todayInVietnam()) - days * 86_400_000).toISOString().slice(0, 10);

let serial = 0;
const next = () => ++serial;

export function conformance(): ConformanceSpec {
  const pop = getPopulation();
  const { motherId, fatherId, healthFacility } = pop.scenarios.birth;
  const mother = pop.person(motherId)!;
  const commune = { communeCode: mother.permanentAddress.communeCode, catalogue: LATEST_CATALOGUE };
  const hub = testSigner();
  const registry = keyPairOf(
    generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  );

  // Fresh people for writes the registry refuses to repeat: the old for deaths, the unmarried for marriages.
  const elderly = pop.persons.filter((p) => ageAt(p.dateOfBirth) >= 75);
  /** Who declares a death: an adult of the household (child, spouse or other relative), by personal ID. */
  const declarantFor = (d: SynthPerson) => {
    const adult = pop
      .household(d.householdId)
      ?.memberIds.map((id) => pop.person(id)!)
      .find((p) => p.personalId !== d.personalId && ageAt(p.dateOfBirth) >= 18);
    if (!adult) return { fullName: 'Nguyễn Văn Khai', relation: 'other-relative' };
    const relation =
      adult.spouseId === d.personalId
        ? 'spouse'
        : [adult.fatherId, adult.motherId].includes(d.personalId)
          ? 'child'
          : 'other-relative';
    return { personalId: adult.personalId, fullName: adult.fullName, relation };
  };
  const single = (sex: 'male' | 'female') =>
    pop.persons.filter(
      (p) => p.sex === sex && !p.spouseId && ageAt(p.dateOfBirth) >= 25 && ageAt(p.dateOfBirth) <= 40,
    );
  const [men, women] = [single('male'), single('female')];
  const pick = (list: SynthPerson[], n: number) => list[n % list.length];
  const married = pop.marriages[0].spouseIds;
  const registered = pop.births.find((b) => b.motherId)!;

  const birth = (dateOfBirth: string) => () => {
    const n = next();
    return {
      child: {
        fullName: 'Phạm Lê Minh An',
        dateOfBirth,
        timeOfBirth: '08:30',
        sex: 'male',
        placeOfBirth: { text: healthFacility.name, provinceCode: '01', catalogue: LATEST_CATALOGUE },
        ethnicity: 'Kinh',
      },
      mother: { personalId: motherId, fullName: mother.fullName },
      father: { personalId: fatherId },
      birthCertificate: {
        number: `GCS-CONF-${n}-${Date.now()}`,
        issuerCode: healthFacility.code,
        issuerName: healthFacility.name,
        issuedAt: `${dateOfBirth}T10:00:00+07:00`,
      },
      healthFacility,
      declarant: { personalId: fatherId, relation: 'father' },
      registeringCommune: commune,
    };
  };
  const death = () => {
    const deceased = pick(elderly, next());
    return {
      deceased: { personalId: deceased.personalId },
      dateOfDeath: isoDaysAgo(3),
      placeOfDeath: {
        text: deceased.permanentAddress.text,
        communeCode: deceased.permanentAddress.communeCode,
        catalogue: LATEST_CATALOGUE,
      },
      deathNotice: {
        number: `GBT-CONF-${serial}-${Date.now()}`,
        issuerName: `Trạm Y tế ${deceased.permanentAddress.communeName}`,
      },
      declarant: declarantFor(deceased),
      registeringCommune: { communeCode: deceased.permanentAddress.communeCode, catalogue: LATEST_CATALOGUE },
    };
  };
  const marriage = () => {
    const n = next();
    return {
      spouses: [{ personalId: pick(women, n).personalId }, { personalId: pick(men, n).personalId }],
      registeringCommune: commune,
    };
  };

  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: (opts) =>
      createCivilStatusSimulator({
        ...opts,
        requireSignatureFrom: hub.publicKeyPem,
        signingKeyPem: registry.privateKeyPem,
      }),
    config: { options: { upstreamPublicKeyPem: registry.publicKeyPem } },
    deps: { signer: hub },
    examples: {
      'events-of-person/v1': [{ personalId: motherId }, { personalId: registered.childId }],
      'register-birth/v1': [birth(isoDaysAgo(10)), birth('2025-03-01')],
      'register-death/v1': [death],
      'register-marriage/v1': [marriage],
    },
    refusals: [
      { service: 'events-of-person/v1', input: { personalId: '001099999999' }, notFound: true },
      {
        service: 'register-birth/v1',
        input: {
          ...birth(isoDaysAgo(10))(),
          birthCertificate: { number: birthCertificateNumberOf(registered) },
        },
      },
      {
        service: 'register-birth/v1',
        input: { ...birth(isoDaysAgo(10))(), mother: { personalId: '001190999999' } },
      },
      { service: 'register-death/v1', input: { ...death(), deceased: { personalId: '079099999999' } } },
      {
        service: 'register-marriage/v1',
        input: { ...marriage(), spouses: married.map((personalId) => ({ personalId })) },
      },
    ],
  };
}
