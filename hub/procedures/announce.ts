/**
 * Announcing a dossier's status changes: each change goes to the national portal as an ordered delivery
 * (the dossier code is the ordering key: the portal sees the changes in the order they happened — the whole
 * dossier first, then each progress update), and to the applicant by SMS and e-mail.
 */
import { DOSSIER_STATUSES } from '../../contracts/schemas/dossier';
import type { ProcedureDef } from './definition';
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
    onlinePayment: false,
    fees: def.fees,
    status: doc.status,
    history: doc.history.map((h) => ({ at: h.at, status: h.status, ...(h.note ? { note: h.note } : {}) })),
    onlineService: def.onlineService,
  };
}

/** What to send for the status change numbered `n` (the first is the whole dossier). */
export function announcementsFor(def: ProcedureDef, doc: DossierDoc, n: number): Announcement[] {
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
  const text =
    `[DVC] Hồ sơ ${doc.code} (${def.name.vi}): ${status.vi}.${last.note ? ` ${last.note}` : ''}`.slice(
      0,
      480,
    );
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
        subject: `Hồ sơ ${doc.code}: ${status.vi} / ${status.en}`,
        text,
        reference: doc.code,
      },
    });
  }
  return out;
}
