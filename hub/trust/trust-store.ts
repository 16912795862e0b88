/**
 * The trust store the hub verifies with: every member certificate issued by the CA, parsed once into
 * KeyObjects and indexed by kid, with revocations and rotation deadlines applied at lookup; plus the
 * hub's own signer. Built from a trust directory or from PEMs already loaded (e.g. from config).
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { algsForKey, signerFromKey, type JwsAlg, type Signer } from '../protocol/algorithms';
import type { KeyResolution, KeyResolver } from '../protocol/key-resolver';
import { certificateKid } from '../protocol/kid';
import { TrustError } from './errors';
import {
  readMemberCertificates,
  readRevocations,
  readText,
  trustPaths,
  type RevocationEntry,
} from './layout';
import { HUB_URI, memberIdFromUri } from './member-id';

/** Trust material already in memory. */
export interface TrustMaterial {
  caCertificate: string;
  /** The hub's signing identity; needed to sign responses, not to verify requests. */
  hub?: { certificate: string; privateKey: string | KeyObject };
  members: ReadonlyArray<{ certificate: string; retiresAt?: string; alg?: JwsAlg }>;
  revocations?: readonly RevocationEntry[];
}

export interface TrustStoreOptions {
  /** A trust directory (see layout.ts). */
  dir?: string;
  /** Or the material itself. */
  material?: TrustMaterial;
}

export interface HubSigner extends Signer {
  certificate: X509Certificate;
  publicKey: KeyObject;
  /** For what must sign outside the JWS path (XML-DSig towards SOAP upstreams that require it). */
  privateKey: KeyObject;
}

/** One member key as the store sees it. */
export interface TrustedKey {
  kid: string;
  memberId: string;
  alg: JwsAlg;
  algs: readonly JwsAlg[];
  publicKey: KeyObject;
  certificate: X509Certificate;
  notBefore: number;
  notAfter: number;
  retiresAt?: number;
  revoked?: { at: number; reason: string };
}

export interface TrustStore extends KeyResolver {
  resolve(kid: string, now?: number): KeyResolution;
  /** The hub's signer; throws TRUST_DIR_INVALID when the store has no hub key. */
  readonly hubSigner: HubSigner;
  readonly caCertificate: X509Certificate;
  /** Every member key, revoked and expired ones included. */
  keys(): readonly TrustedKey[];
  /** Reads the directory again (new certificates, revocations, rotations) and swaps atomically. */
  reload(): void;
}

interface Entry {
  key: TrustedKey;
  ok: KeyResolution & { ok: true };
  revoked: KeyResolution;
  expired: KeyResolution;
}

function time(iso: string | undefined, what: string): number | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new TrustError('TRUST_DIR_INVALID', `${what} is not a date: ${iso}`);
  return t;
}

/** The subjectAltName URIs of a certificate. */
export function sanUris(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((s) => s.startsWith('URI:'))
    .map((s) => s.slice(4));
}

function issuedByCa(cert: X509Certificate, ca: X509Certificate): boolean {
  return cert.checkIssued(ca) && cert.verify(ca.publicKey);
}

function loadMaterial(options: TrustStoreOptions): TrustMaterial {
  if (options.material) return options.material;
  if (!options.dir) throw new TrustError('TRUST_DIR_INVALID', 'createTrustStore needs dir or material');
  const paths = trustPaths(options.dir);
  return {
    caCertificate: readText(paths.caCert, 'the CA certificate'),
    hub: {
      certificate: readText(paths.hubCert, 'the hub certificate'),
      privateKey: readText(paths.hubKey, 'the hub key'),
    },
    members: readMemberCertificates(paths).map((s) => ({
      certificate: s.certificatePem,
      retiresAt: s.record.retiresAt,
      alg: s.record.alg,
    })),
    revocations: readRevocations(paths),
  };
}

function buildIndex(material: TrustMaterial, ca: X509Certificate): Map<string, Entry> {
  const revoked = new Map<string, { at: number; reason: string }>();
  for (const r of material.revocations ?? []) {
    revoked.set(r.kid, { at: time(r.revokedAt, `revocation of ${r.kid}`) ?? 0, reason: r.reason });
  }
  const index = new Map<string, Entry>();
  for (const m of material.members) {
    const certificate = new X509Certificate(m.certificate);
    const kid = certificateKid(certificate);
    if (!issuedByCa(certificate, ca))
      throw new TrustError('TRUST_DIR_INVALID', `certificate ${kid} was not issued by the CA`);
    const memberId = sanUris(certificate)
      .map(memberIdFromUri)
      .find((id) => id !== undefined);
    if (!memberId) throw new TrustError('TRUST_DIR_INVALID', `certificate ${kid} names no member`);
    const publicKey = certificate.publicKey;
    const algs = algsForKey(publicKey);
    if (algs.length === 0)
      throw new TrustError('KEY_TYPE_UNSUPPORTED', `certificate ${kid} has an unsupported key`);
    const alg = m.alg && algs.includes(m.alg) ? m.alg : algs[0];
    const key: TrustedKey = {
      kid,
      memberId,
      alg,
      algs,
      publicKey,
      certificate,
      notBefore: Date.parse(certificate.validFrom),
      notAfter: Date.parse(certificate.validTo),
      retiresAt: time(m.retiresAt, `retiresAt of ${kid}`),
      revoked: revoked.get(kid),
    };
    const material = Object.freeze({ memberId, publicKey, alg, algs });
    index.set(kid, {
      key,
      ok: Object.freeze({ ok: true, ...material }),
      revoked: Object.freeze({ ok: false, code: 'KEY_REVOKED', key: material }),
      expired: Object.freeze({ ok: false, code: 'KEY_EXPIRED', key: material }),
    });
  }
  return index;
}

function buildHubSigner(material: TrustMaterial, ca: X509Certificate): HubSigner | undefined {
  if (!material.hub) return undefined;
  const certificate = new X509Certificate(material.hub.certificate);
  if (!issuedByCa(certificate, ca) || !sanUris(certificate).includes(HUB_URI)) {
    throw new TrustError('TRUST_DIR_INVALID', 'the hub certificate was not issued by the CA for the hub');
  }
  const privateKey =
    typeof material.hub.privateKey === 'string'
      ? createPrivateKey(material.hub.privateKey)
      : material.hub.privateKey;
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new TrustError('TRUST_DIR_INVALID', 'the hub key does not match the hub certificate');
  }
  const alg = algsForKey(privateKey)[0];
  if (!alg) throw new TrustError('KEY_TYPE_UNSUPPORTED', 'the hub key type is not supported');
  const signer = signerFromKey({ kid: certificateKid(certificate), alg, privateKey });
  return { ...signer, certificate, publicKey: certificate.publicKey, privateKey };
}

/** Loads the trust store; throws TrustError when the material is inconsistent (a tampered directory). */
export function createTrustStore(options: TrustStoreOptions): TrustStore {
  let ca!: X509Certificate;
  let index = new Map<string, Entry>();
  let hub: HubSigner | undefined;

  const load = (): void => {
    const material = loadMaterial(options);
    const nextCa = new X509Certificate(material.caCertificate);
    if (!nextCa.ca || !nextCa.verify(nextCa.publicKey)) {
      throw new TrustError('TRUST_DIR_INVALID', 'the CA certificate is not a self-signed CA certificate');
    }
    const nextIndex = buildIndex(material, nextCa);
    const nextHub = buildHubSigner(material, nextCa);
    ca = nextCa;
    index = nextIndex;
    hub = nextHub;
  };
  load();

  return {
    resolve(kid, now = Date.now()) {
      const entry = index.get(kid);
      if (!entry) return { ok: false, code: 'KEY_UNKNOWN' };
      const k = entry.key;
      if (k.revoked && now >= k.revoked.at) return entry.revoked;
      if (now < k.notBefore || now > k.notAfter || (k.retiresAt !== undefined && now >= k.retiresAt)) {
        return entry.expired;
      }
      return entry.ok;
    },
    get hubSigner(): HubSigner {
      if (!hub) throw new TrustError('TRUST_DIR_INVALID', 'the trust store has no hub key');
      return hub;
    },
    get caCertificate() {
      return ca;
    },
    keys: () => [...index.values()].map((e) => e.key),
    reload: load,
  };
}
