/**
 * The adapter's side of XML-DSig with the registry: requests are signed with the key the hub lends the adapter
 * (deps.signer, ES256 on EC P-256 or RS256 on RSA), answers are verified with the registry's public key from
 * `config.options.upstreamPublicKeyPem`. The registry refuses unsigned requests, so a missing or unusable
 * signer is a configuration error that stops the adapter from starting.
 */
import { createPublicKey } from 'node:crypto';
import type { AdapterConfig, Signer, SoapTransportOptions } from '../sdk';

/** Adapter-specific settings (`config.options`). */
export interface CivilStatusOptions {
  /**
   * The registry's public key (SPKI PEM) that signs its answers. When set, an unsigned, altered or wrapped
   * answer is a malformed answer. @defaultValue undefined (answers not verified; a warning is logged)
   */
  upstreamPublicKeyPem?: string;
}

export class CivilStatusConfigError extends Error {
  constructor(message: string) {
    super(`civil-status: ${message}`);
    this.name = 'CivilStatusConfigError';
  }
}

/** The signing settings of the transport, from the hub's signer. */
export function signingKeyOf(signer: Signer | undefined): NonNullable<SoapTransportOptions['signWith']> {
  if (!signer?.privateKey) {
    throw new CivilStatusConfigError(
      'the registry requires signed requests (XML-DSig): lend the adapter a signer with a private key',
    );
  }
  const key = signer.privateKey;
  const ec = key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  const rsa = key.asymmetricKeyType === 'rsa';
  if (!((signer.alg === 'ES256' && ec) || (signer.alg === 'RS256' && rsa))) {
    throw new CivilStatusConfigError(
      `XML-DSig needs an ES256 (EC P-256) or RS256 (RSA) key; the signer ${signer.kid} is ${signer.alg}`,
    );
  }
  return {
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    algorithm: signer.alg,
    certificatePem: signer.certificatePem,
  };
}

/**
 * The verification settings of the transport, from `config.options`; undefined when none is configured
 * (an empty string counts as none: configuration files substitute unset variables with '').
 */
export function verifyKeyOf(config: AdapterConfig): SoapTransportOptions['verifyWith'] {
  const pem = (config.options as CivilStatusOptions | undefined)?.upstreamPublicKeyPem;
  if (pem === undefined || pem.trim() === '') return undefined;
  let ok = !/PRIVATE KEY/.test(pem);
  try {
    createPublicKey(pem);
  } catch {
    ok = false;
  }
  if (!ok) throw new CivilStatusConfigError('options.upstreamPublicKeyPem is not a public key in PEM form');
  return { publicKeyPem: pem };
}
