/**
 * Key ids: a kid is the base64url SHA-256 thumbprint of the DER certificate (x5t#S256, RFC 7515 §4.1.8),
 * so anyone holding the certificate can compute it.
 */
import { createHash, X509Certificate } from 'node:crypto';

/** kid of a certificate given as PEM, DER or an X509Certificate. */
export function certificateKid(certificate: string | Buffer | X509Certificate): string {
  const der =
    certificate instanceof X509Certificate
      ? certificate.raw
      : typeof certificate === 'string'
        ? new X509Certificate(certificate).raw
        : certificate;
  return createHash('sha256').update(der).digest('base64url');
}
