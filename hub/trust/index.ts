/** The hub's trust module: a small CA, the trust directory, the trust store, CSRs and PKCS#12. */
export {
  buildCertificate,
  keyIdentifier,
  type BuildCertificateOptions,
  type CertificateProfile,
} from './certificate';
export { createCsr, parseCsr, type ParsedCsr } from './csr';
export { TrustError, type TrustErrorCode } from './errors';
export {
  DEFAULT_TRUST_DIR,
  trustPaths,
  type KeyRecord,
  type RevocationEntry,
  type TrustPaths,
} from './layout';
export { assertMemberId, HUB_URI, memberIdFromUri, memberUri } from './member-id';
export {
  DEFAULT_OVERLAP_MS,
  initTrust,
  issueMemberKey,
  issueServerCertificate,
  listKeys,
  revokeMemberKey,
  rotateMemberKey,
  type InitOptions,
  type IssueOptions,
  type IssueResult,
  type KeyState,
  type KeyStatus,
  type RotateResult,
} from './operations';
export { exportP12, importP12, type ExportP12Options, type ImportP12Options } from './p12-operations';
export { readPkcs12, writePkcs12, type Pkcs12Contents, type WritePkcs12Options } from './pkcs12';
export {
  createTrustStore,
  type HubSigner,
  type TrustedKey,
  type TrustMaterial,
  type TrustStore,
  type TrustStoreOptions,
} from './trust-store';
