/**
 * From a caller's AuditRecord to what is stored: checks the record, keeps only the known members (so
 * nothing personal slips in through an extra property) and replaces the subject id by its keyed hash.
 */
import { createHmac } from 'node:crypto';
import type { AuditRecord, StoredRecord } from './types';

/** The longest serialised line the log accepts; the resume logic relies on lines being short. */
export const MAX_LINE_BYTES = 32 * 1024;

/** Minimum length of the subject key: HMAC-SHA256 wants at least 32 bytes of secret. */
export const MIN_SUBJECT_KEY_BYTES = 32;

/**
 * HMAC-SHA256 (hex) of a subject id under the hub's secret subject key. The id is trimmed and
 * upper-cased first, so `079 20300 1234` style input and letters in legacy ids hash the same way
 * wherever they come from. The same id hashes the same for both kinds: a citizen's personal ID is
 * also their personal tax code.
 */
export function subjectHash(subjectKey: Buffer, id: string): string {
  return createHmac('sha256', subjectKey).update(normaliseSubjectId(id), 'utf8').digest('hex');
}

function normaliseSubjectId(id: string): string {
  return id.replace(/\s+/g, '').toUpperCase();
}

/** Raised by append() for a record that cannot be stored as given (a programming error in the caller). */
export class AuditRecordError extends TypeError {
  override readonly name = 'AuditRecordError';
}

const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isOptString = (v: unknown): boolean => v === undefined || typeof v === 'string';

/** Checks a record and builds the stored form; throws AuditRecordError on a bad record. */
export function toStoredRecord(record: AuditRecord, subjectKey: Buffer): StoredRecord {
  const fail = (what: string): never => {
    throw new AuditRecordError(`audit record ${String(record?.messageId)}: ${what}`);
  };
  if (!record || typeof record !== 'object') fail('not an object');
  if (!isNonEmpty(record.time) || Number.isNaN(Date.parse(record.time))) fail('time is not an ISO 8601 time');
  for (const key of ['messageId', 'client', 'service', 'outcome'] as const) {
    if (!isNonEmpty(record[key])) fail(`${key} is missing`);
  }
  if (!Number.isInteger(record.status)) fail('status is not an integer');
  for (const key of ['purpose', 'requestHash', 'procedure', 'dossierCode', 'target', 'reason'] as const) {
    if (!isOptString(record[key])) fail(`${key} is not a string`);
  }
  if (record.durationMs !== undefined && !Number.isFinite(record.durationMs))
    fail('durationMs is not a number');
  if (record.fields !== undefined && !(Array.isArray(record.fields) && record.fields.every(isNonEmpty))) {
    fail('fields is not a list of field names');
  }
  if (record.count !== undefined && !(Number.isInteger(record.count) && record.count > 0))
    fail('count is not a positive integer');
  if (
    record.outcomes !== undefined &&
    !(
      record.outcomes &&
      typeof record.outcomes === 'object' &&
      Object.values(record.outcomes).every((n) => Number.isInteger(n) && n > 0)
    )
  )
    fail('outcomes is not a count per code');
  const stored: StoredRecord = {
    time: record.time,
    messageId: record.messageId,
    client: record.client,
    service: record.service,
    purpose: record.purpose,
    fields: record.fields ? [...record.fields] : undefined,
    outcome: record.outcome,
    status: record.status,
    requestHash: record.requestHash,
    procedure: record.procedure,
    dossierCode: record.dossierCode,
    durationMs: record.durationMs,
    count: record.count,
    outcomes: record.outcomes ? { ...record.outcomes } : undefined,
  };
  if (record.target !== undefined) stored.target = record.target.slice(0, 200);
  if (record.reason !== undefined) stored.reason = record.reason.slice(0, 500);
  if (record.subject !== undefined) {
    const { kind, id } = record.subject;
    if (kind !== 'citizen' && kind !== 'business') fail('subject.kind is not citizen or business');
    if (!isNonEmpty(id)) fail('subject.id is missing');
    stored.subject = { kind, hash: subjectHash(subjectKey, id) };
  }
  return stored;
}
