/**
 * Reading the legacy system's answers into canonical data, one dossier at a time: convert its TCVN3 text
 * (legacy-text.ts), check the record against the dialect's schema (readUpstream, which also proves that no
 * legacy-encoded text is left), map it (mapping.ts) and normalise it against dossier@2 — so the address carries
 * the contract's legacy → 2025 mapping. Any step that fails makes the record malformed; nothing half-converted
 * comes out. A page is read item by item: a bad dossier is reported by code and reason, the others go through.
 */
import { contracts, validateWith } from '../../contracts';
import { readUpstream, REDACTED, redactValue, UpstreamError } from '../sdk';
import { DOSSIER_CODE, hoSoSchema, trangSchema, type HoSo, type TrangHoSo } from './dialect';
import { convertLegacyRecord } from './legacy-text';
import { fromHoSo, MappingError } from './mapping';

const dossierV2 = contracts.get('dossier@2')!;

/**
 * Keys of the dialect whose values are personal beyond what the SDK's redaction knows by name: the summary
 * (it names the applicant), officers, notes and the parts of an address.
 */
const PERSONAL_KEYS = new Set(['TrichYeu', 'CanBo', 'GhiChu', 'SoNha', 'Duong', 'ThonXom']);

function blankPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(blankPersonal);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      PERSONAL_KEYS.has(k) && typeof v === 'string' ? REDACTED : blankPersonal(v),
    ]),
  );
}

/** A malformed record, kept redacted for diagnosis. */
const malformed = (upstream: string, reason: string, raw: unknown): UpstreamError =>
  new UpstreamError({
    upstream,
    code: 'malformed',
    reason,
    raw: JSON.stringify(redactValue(blankPersonal(raw))).slice(0, 4096),
  });

/** One dossier of the system → a normalised dossier@2 record; throws a malformed UpstreamError. */
export function readDossier(upstream: string, raw: unknown, now: Date = new Date()): Record<string, unknown> {
  const text = convertLegacyRecord(raw);
  if (!text.ok) throw malformed(upstream, `text at ${text.path} cannot be converted (${text.problem})`, raw);
  let record: HoSo;
  try {
    record = readUpstream<HoSo>(upstream, hoSoSchema, text.value);
  } catch (err) {
    if (err instanceof UpstreamError) throw malformed(upstream, err.reason, raw);
    throw err;
  }
  let mapped: Record<string, unknown>;
  try {
    mapped = fromHoSo(record, now) as unknown as Record<string, unknown>;
  } catch (err) {
    if (err instanceof MappingError) throw malformed(upstream, `cannot map ${err.message}`, raw);
    throw err;
  }
  const v = validateWith(dossierV2, mapped, { now });
  if (!v.ok) {
    const fields = (v.problem.errors ?? []).slice(0, 5).map((e) => `${e.path}: ${e.code}`);
    throw malformed(upstream, `record breaks dossier@2 (${fields.join('; ')})`, raw);
  }
  return v.value;
}

export interface RejectedDossier {
  /** The dossier's code when the record holds a well-formed one. */
  dossierCode?: string;
  reason: string;
}

export interface ReadPage {
  dossiers: Record<string, unknown>[];
  rejected: RejectedDossier[];
  total: number;
  page: number;
  pageSize: number;
}

/** One page of DanhSach: the envelope must be right (else malformed); its items are read one by one. */
export function readPage(upstream: string, raw: unknown, now: Date = new Date()): ReadPage {
  // The items are checked below, after their text is converted; here only that they are objects.
  const items = (raw as { DanhSach?: unknown } | null)?.DanhSach;
  const envelope = readUpstream<TrangHoSo>(
    upstream,
    trangSchema,
    raw && typeof raw === 'object' && Array.isArray(items)
      ? { ...raw, DanhSach: items.map((i) => (i && typeof i === 'object' && !Array.isArray(i) ? {} : i)) }
      : raw,
  );
  const dossiers: Record<string, unknown>[] = [];
  const rejected: RejectedDossier[] = [];
  for (const item of items as unknown[]) {
    try {
      dossiers.push(readDossier(upstream, item, now));
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      const code = (item as { MaHoSo?: unknown }).MaHoSo;
      rejected.push({
        ...(typeof code === 'string' && DOSSIER_CODE.test(code) && { dossierCode: code }),
        reason: err.reason,
      });
    }
  }
  return { dossiers, rejected, total: envelope.TongSo, page: envelope.Trang, pageSize: envelope.SoDong };
}
