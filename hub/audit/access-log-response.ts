/**
 * The body of `GET /v1/subjects/{personalId}/access-log`: a subject's access entries shaped for the
 * citizen portal's data tracker. Pure: no I/O, no clock. The body never repeats the subject's id.
 */
import { vnTime } from '../procedures/calendar/working-time';
import type { AccessEntry } from './types';

/** One read of the subject's data, as the portal shows it. */
export interface AccessLogItem {
  /** When the data was read, in Vietnam time (+07:00) like every time a person sees. */
  time: string;
  /** The member that read it, e.g. `VN:GOV:79:UBND-P-BEN-NGHE`. */
  member: string;
  /** The member's subsystem that made the request. */
  subsystem: string;
  /** `member/subsystem/service/version` (or a hub route). */
  service: string;
  /** Purpose code the member gave. */
  purpose?: string;
  /** Fields returned to the member. */
  fields: string[];
  /** True when data was returned, false when the request was refused or failed. */
  ok: boolean;
  /** `ok`, or the problem code the request ended with. */
  outcome: string;
  status: number;
  messageId: string;
  procedure?: string;
  dossierCode?: string;
}

export interface AccessLogResponse {
  count: number;
  entries: AccessLogItem[];
  /** Pass as `?before=` to get older entries; null when this page is the last one. */
  next: string | null;
}

/** Splits `member/subsystem`; a client without a slash is all member. */
function splitClient(client: string): { member: string; subsystem: string } {
  const at = client.indexOf('/');
  return at < 0
    ? { member: client, subsystem: '' }
    : { member: client.slice(0, at), subsystem: client.slice(at + 1) };
}

/**
 * Shapes entries (newest first, as accessLog returns them) into the response. `limit` is the page size
 * that was asked for: a full page may have more behind it, so it gets a `next` cursor.
 */
export function toAccessLogResponse(
  entries: readonly AccessEntry[],
  options: { limit: number },
): AccessLogResponse {
  const items = entries.map((e): AccessLogItem => {
    const item: AccessLogItem = {
      time: vnTime(e.time),
      ...splitClient(e.client),
      service: e.service,
      purpose: e.purpose,
      fields: e.fields ?? [],
      ok: e.outcome === 'ok',
      outcome: e.outcome,
      status: e.status,
      messageId: e.messageId,
      procedure: e.procedure,
      dossierCode: e.dossierCode,
    };
    for (const key of ['purpose', 'procedure', 'dossierCode'] as const)
      if (item[key] === undefined) delete item[key];
    return item;
  });
  const full = entries.length > 0 && entries.length >= options.limit;
  return { count: items.length, entries: items, next: full ? entries[entries.length - 1].id : null };
}
