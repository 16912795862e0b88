/**
 * Announcing a dossier's status changes: each change goes to the national portal as an ordered delivery
 * (the dossier code is the ordering key: the portal sees the changes in the order they happened — the whole
 * dossier first, then each progress update), and to the applicant by SMS and e-mail, in Vietnamese (the
 * SMS in one segment where it fits: sms.ts). When the result is returned, both carry the link where the
 * applicant rates the service with the portal's criteria.
 */
import { DOSSIER_STATUSES } from '../../contracts/schemas/dossier';
import type { ProcedureDef } from './definition';
import { citizenSmsText } from './sms';
import type { DossierDoc } from './types';

export const PORTAL_SYNC = 'VN:GOV:00:VPCP/DVCQG/sync-dossier/v1';
export const PORTAL_PROGRESS = 'VN:GOV:00:VPCP/DVCQG/update-progress/v1';
export const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';
export const EMAIL = 'VN:GOV:00:LIENTHONG/THONGBAO/send-email/v1';
export const NOTICE_PURPOSE = 'thong-bao.tien-do';

export interface Announcement {
  /** A stable key: the same announcement is never sent twice. */
  key: string;
  service: string;
  input: Record<string, unknown>;
  orderingKey?: string;
}

/** The dossier as the portal's dossier@2. */
export function portalDossier(def: ProcedureDef, doc: DossierDoc): Record<string, unknown> {
  return {
    dossierCode: doc.code,
    procedureCode: def.procedureCode,
    procedureName: def.name.vi,
    applicant: {
      name: doc.contact.name,
      kind: 1,
      id: doc.subject,
      ...(doc.contact.phone ? { phone: doc.contact.phone } : {}),
      ...(doc.contact.email ? { email: doc.contact.email } : {}),
    },
    receivedAt: doc.receivedAt,
    dueAt: doc.dueAt,
    processingUnit: def.processingUnit,
    channel: doc.channel,
    onlinePayment: doc.choices?.payOnline === true,
    fees: def.fees.map((f) => ({ name: f.name, amount: f.amount })),
    status: doc.status,
    history: doc.history.map((h) => ({ at: h.at, status: h.status, ...(h.note ? { note: h.note } : {}) })),
    onlineService: def.onlineService,
  };
}

/** Statuses whose note the applicant must read (why a supplement is asked for, why processing stopped). */
const REASON_TOLD = new Set([5, 8]);
/** Statuses whose note the applicant must read as it is: where the result is, while it is not returned. */
const NOTE_TOLD = new Set([9]);

/**
 * What to send for the status change numbered `n` (the first is the whole dossier). `ratingUrl`: where
 * the applicant rates the dossier, sent with the result.
 */
export function announcementsFor(
  def: ProcedureDef,
  doc: DossierDoc,
  n: number,
  ratingUrl?: string,
): Announcement[] {
  const last = doc.history[doc.history.length - 1];
  const out: Announcement[] = [];
  if (n === 1) {
    out.push({
      key: `${doc.code}/portal/${n}`,
      service: PORTAL_SYNC,
      input: portalDossier(def, doc),
      orderingKey: doc.code,
    });
  } else {
    out.push({
      key: `${doc.code}/portal/${n}`,
      service: PORTAL_PROGRESS,
      input: {
        dossierCode: doc.code,
        status: last.status,
        at: last.at,
        unit: def.processingUnit,
        ...(last.note ? { note: last.note.slice(0, 1000) } : {}),
      },
      orderingKey: doc.code,
    });
  }
  const status = DOSSIER_STATUSES[last.status as keyof typeof DOSSIER_STATUSES];
  const reason = REASON_TOLD.has(last.status) ? last.note : undefined;
  // Where the result is, once it is ready (posted; delivered; taken back to the office).
  const note = NOTE_TOLD.has(last.status) ? last.note : undefined;
  const link = last.status === 10 && ratingUrl ? { label: 'Mời đánh giá', url: ratingUrl } : undefined;
  const text = citizenSmsText({ dossierCode: doc.code, status: status.vi, reason, note, link });
  const mail = [
    `Hồ sơ ${doc.code} (${def.name.vi}): ${status.vi}.`,
    ...(last.note ? [last.note] : []),
    ...(link
      ? [
          `Mời ông/bà đánh giá mức độ hài lòng về việc giải quyết hồ sơ theo các tiêu chí của Cổng Dịch vụ công quốc gia: ${link.url}`,
        ]
      : []),
    `${def.processingUnit.name}`,
  ].join('\n\n');
  if (doc.contact.phone)
    out.push({
      key: `${doc.code}/sms/${n}`,
      service: SMS,
      input: { to: doc.contact.phone, text, reference: doc.code },
    });
  if (doc.contact.email) {
    out.push({
      key: `${doc.code}/email/${n}`,
      service: EMAIL,
      input: {
        to: doc.contact.email,
        subject: `Hồ sơ ${doc.code}: ${status.vi}`,
        text: mail,
        reference: doc.code,
      },
    });
  }
  return out;
}
