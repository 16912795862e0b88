/**
 * The audit log: an append-only, hash-chained, signed message log on disk (createAudit), a per-subject
 * index in Redis for the citizen's data tracker (accessLog, toAccessLogResponse) and an offline
 * verifier (verifyAuditDir, `lienthong audit verify`).
 *
 * On disk: `<dir>/<chain>/<YYYY-MM-DD>.jsonl` (days in UTC+7), one line per record: the canonical JSON
 * (RFC 8785, sorted keys) of { seq, prev, time, messageId, client, service, purpose?, subject?: { kind,
 * hash }, fields?, outcome, status, requestHash?, procedure?, dossierCode?, durationMs?, count?,
 * outcomes? }, with "hash" appended last; hash = SHA-256(32 bytes of prev || that canonical JSON), prev
 * of seq 1 = 64 zeros. `<dir>/<chain>/heads.jsonl` holds signed heads { chain, seq, hash, time, kid, alg, sig }.
 */
export { createAudit, type Audit, type AuditStats } from './audit';
export type { AuditOptions } from './options';
export { AuditUnavailableError } from './chain-writer';
export { AuditRecordError, subjectHash, toStoredRecord } from './record';
export { AuditLockedError } from './lock';
export { canonicalJson, chainHash, lineHash, GENESIS_HASH } from './canonical';
export { keySigner, signHead, verifyHeadSignature, headPayload } from './heads';
export { createFileWriter } from './file-writer';
export {
  createSubjectIndex,
  AccessLogQueryError,
  DEFAULT_ACCESS_LOG_LIMIT,
  MAX_ACCESS_LOG_LIMIT,
  type AccessLogQuery,
  type SubjectIndex,
  type SubjectIndexOptions,
} from './subject-index';
export { rebuildSubjectIndex } from './reindex';
export { toAccessLogResponse, type AccessLogItem, type AccessLogResponse } from './access-log-response';
export {
  verifyAuditDir,
  type VerifyOptions,
  type VerifyResult,
  type BadRecord,
  type BadReason,
  type ChainReport,
  type TrustedKeys,
} from './verify';
export type * from './types';
export {
  findByMessageId,
  MESSAGE_SEARCH_DAYS,
  MESSAGE_SEARCH_LIMIT,
  type MessageSearchOptions,
} from './message-search';
