/**
 * Types of the audit log: what callers append (AuditRecord), what one line on disk holds (AuditLine),
 * a signed chain head (HeadRecord), one entry of a subject's access log (AccessEntry), and the small
 * interfaces the audit log takes from outside (signer, logger, file writer).
 */
import type { KeyObject } from 'node:crypto';

/** Whom a message is about: a citizen (personal ID, CCCD) or a business (tax code). */
export type SubjectKind = 'citizen' | 'business';

/** One exchange or step as the hub reports it to the audit log. */
export interface AuditRecord {
  /** When the exchange happened, ISO 8601 with an offset or `Z`. */
  time: string;
  /** `X-Hub-Message-Id` of the exchange. */
  messageId: string;
  /** The calling member and subsystem: `member/subsystem`. */
  client: string;
  /** `member/subsystem/service/version`, or a hub route such as `hub:GET /v1/subjects/{id}/access-log`. */
  service: string;
  /** Purpose code (the legal basis for reading the subject's data). */
  purpose?: string;
  /** The subject; its id is replaced by a keyed hash before anything is stored. */
  subject?: { kind: SubjectKind; id: string };
  /** Names of the fields returned to the client. */
  fields?: string[];
  /** `ok`, or the problem code the exchange ended with. */
  outcome: string;
  /** HTTP status of the answer. */
  status: number;
  /** `X-Hub-Request-Hash`: SHA-256 of the request. */
  requestHash?: string;
  /** Joint procedure id, when the exchange is a procedure step. */
  procedure?: string;
  /** Dossier code (mã hồ sơ), when the exchange belongs to a dossier. */
  dossierCode?: string;
  /** Time the exchange took, in milliseconds. */
  durationMs?: number;
  /** What an operator's action was about (a delivery id, a member's key id); never personal data. */
  target?: string;
  /** The reason an operator gave. */
  reason?: string;
  /** For an aggregate record (refusals before authentication): how many requests it stands for. */
  count?: number;
  /** For an aggregate record: how many of them ended with each problem code. */
  outcomes?: Record<string, number>;
}

/** The subject as stored: its kind and the HMAC-SHA256 of its id (hex), never the id itself. */
export interface StoredSubject {
  kind: SubjectKind;
  hash: string;
}

/** The record as stored: the caller's fields, with the subject id replaced by its keyed hash. */
export type StoredRecord = Omit<AuditRecord, 'subject'> & { subject?: StoredSubject };

/** One line of a segment file. `hash` covers every other member (see chainHash in canonical.ts). */
export type AuditLine = StoredRecord & {
  /** Position in the chain, from 1, without gaps, across segments. */
  seq: number;
  /** `hash` of the previous line, or 64 zeros for the first line of a chain. */
  prev: string;
  /** SHA-256 (hex) of prev || canonical JSON of this line without `hash`. */
  hash: string;
};

/** One line of `heads.jsonl`: a signature over the chain head at `seq`. */
export interface HeadRecord {
  /** Name of the chain (its directory name). */
  chain: string;
  seq: number;
  /** `hash` of the line with this `seq`. */
  hash: string;
  /** When the head was signed (ISO 8601, UTC). */
  time: string;
  kid: string;
  alg: string;
  /** base64url signature over the canonical JSON of the other members (see headPayload). */
  sig: string;
}

/** Signs chain heads. ES256 signatures must be IEEE P1363 (r || s), as JWS uses. */
export interface AuditSigner {
  kid: string;
  /** `ES256` or `EdDSA` (`Ed25519` is accepted as a synonym). */
  alg: string;
  sign(data: Buffer): Buffer;
}

/** A public key that verifies heads signed by the signer with the same kid. */
export interface AuditVerifier {
  kid: string;
  alg: string;
  publicKey: KeyObject;
}

/** One read of a subject's data, as the subject sees it in the data tracker. */
export interface AccessEntry {
  /** Opaque, stable cursor of this entry: pass it as `before` to get the next page. */
  id: string;
  time: string;
  client: string;
  service: string;
  purpose?: string;
  fields?: string[];
  outcome: string;
  status: number;
  messageId: string;
  procedure?: string;
  dossierCode?: string;
}

/** The logging the audit log needs; a pino logger fits. */
export interface AuditLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Appends bytes to files. The default keeps the current file open; tests inject one to count writes. */
export interface AuditFileWriter {
  /** Appends `data` to `path` in one write; resolves once the bytes are written (and synced, if asked). */
  append(path: string, data: string): Promise<void>;
  /** Closes any open files. */
  close(): Promise<void>;
}
