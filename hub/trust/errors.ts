/** Typed errors of the trust module (CA, trust directory, CSR and PKCS#12 handling). */

export type TrustErrorCode =
  /** Bytes that are not the DER/PEM structure expected. */
  | 'DER_INVALID'
  /** A CSR that does not parse or whose self-signature does not verify. */
  | 'CSR_INVALID'
  /** A key type the protocol does not accept (only P-256, Ed25519 and RSA ≥ 2048). */
  | 'KEY_TYPE_UNSUPPORTED'
  /** Not a member id like `VN:GOV:79:SO-TNMT`. */
  | 'MEMBER_ID_INVALID'
  /** The trust directory is missing, incomplete or inconsistent (e.g. a certificate the CA did not issue). */
  | 'TRUST_DIR_INVALID'
  /** `keys init` on a directory that already has a CA. */
  | 'TRUST_DIR_EXISTS'
  /** No such member or key. */
  | 'NOT_FOUND'
  /** A host name for the server certificate that is neither a DNS name nor an IP address. */
  | 'HOST_INVALID'
  /** A PKCS#12 file that does not parse, has the wrong password or lacks a key or certificate. */
  | 'P12_INVALID';

export class TrustError extends Error {
  override readonly name = 'TrustError';
  constructor(
    readonly code: TrustErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
