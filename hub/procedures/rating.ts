/**
 * Satisfaction ratings, recorded the same way everywhere: when a dossier's result is returned the
 * applicant gets a link (SMS and e-mail, announce.ts) to rate it with the national portal's criteria —
 * each criterion very satisfied / satisfied / not satisfied, and a comment. The rating is kept with the
 * dossier (once: the first one counts) and sent to the portal as a rate-dossier delivery ordered after
 * the dossier's status updates (the portal refuses a rating of an unfinished dossier). The link's token
 * is the only key: an unknown dossier and a wrong token look the same.
 */
import { timingSafeEqual } from 'node:crypto';
import { RATING_CRITERIA, RATING_LEVELS } from '../../adapters/national-portal/mapping';
import type { DeliveryQueues } from '../../queue';
import type { ServiceCatalog } from '../exchange/catalog';
import type { Signer } from '../protocol';
import { NOTICE_PURPOSE } from './announce';
import { vnTime } from './calendar';
import type { ProcedureDef } from './definition';
import { toDelivery } from './deliveries';
import type { DossierStore } from './store';
import type { DossierDoc } from './types';

export const PORTAL_RATE = 'VN:GOV:00:VPCP/DVCQG/rate-dossier/v1';

/** The portal's criteria and levels as the applicant reads them. */
export const CRITERIA: Record<keyof typeof RATING_CRITERIA, { vi: string; en: string }> = {
  'procedure-information': {
    vi: 'Thông tin về thủ tục hành chính được công khai đầy đủ, rõ ràng',
    en: "The procedure's information was public, complete and clear",
  },
  reception: { vi: 'Việc tiếp nhận hồ sơ', en: 'How the dossier was received' },
  'processing-time': { vi: 'Thời gian giải quyết hồ sơ', en: 'The time the dossier took' },
  'staff-conduct': { vi: 'Thái độ, cách ứng xử của công chức', en: "The officials' conduct" },
  result: { vi: 'Kết quả giải quyết hồ sơ', en: 'The result' },
};
export const LEVELS: Record<keyof typeof RATING_LEVELS, { vi: string; en: string }> = {
  'very-satisfied': { vi: 'Rất hài lòng', en: 'Very satisfied' },
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  'not-satisfied': { vi: 'Không hài lòng', en: 'Not satisfied' },
};

export interface RatingAnswers {
  answers: { criterion: keyof typeof RATING_CRITERIA; level: keyof typeof RATING_LEVELS }[];
  comment?: string;
}

export interface RatingDeps {
  store: DossierStore;
  procedures: (id: string) => ProcedureDef | undefined;
  catalog: ServiceCatalog;
  signer: Signer;
  deliveries: DeliveryQueues;
  clock: () => number;
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function createRatings(deps: RatingDeps) {
  /** The dossier and its procedure when the token is the dossier's; undefined otherwise. */
  const open = async (code: string, token: string) => {
    const doc = /^[A-Za-z0-9._-]{4,60}$/.test(code) ? await deps.store.get(code) : undefined;
    const def = doc ? deps.procedures(doc.procedure) : undefined;
    if (!doc || !def || !doc.rating || !sameToken(doc.rating.token, token)) return undefined;
    return { doc, def };
  };

  /** Sends a kept rating to the portal (a stable key: sending it again is the same delivery). */
  const send = async (def: ProcedureDef, doc: DossierDoc) => {
    const r = doc.rating!;
    await deps.deliveries.enqueue(
      toDelivery(
        deps.catalog,
        deps.signer,
        {
          key: `${doc.code}/rating`,
          service: PORTAL_RATE,
          client: def.client,
          purpose: NOTICE_PURPOSE,
          input: {
            dossierCode: doc.code,
            ratedAt: r.ratedAt!,
            answers: r.answers!,
            ...(r.comment ? { comment: r.comment } : {}),
          },
          procedure: def.id,
          dossierCode: doc.code,
          orderingKey: doc.code,
        },
        deps.clock(),
      ),
    );
  };

  return {
    /** What the rating link shows: the dossier, the criteria and the levels; undefined for a bad link. */
    async form(code: string, token: string) {
      const o = await open(code, token);
      if (!o) return undefined;
      return {
        dossierCode: o.doc.code,
        procedure: { code: o.def.procedureCode, name: o.def.name },
        processingUnit: o.def.processingUnit.name,
        returnedAt: o.doc.returnedAt,
        criteria: Object.entries(CRITERIA).map(([id, t]) => ({ id, ...t })),
        levels: Object.entries(LEVELS).map(([id, t]) => ({ id, ...t })),
        ratedAt: o.doc.rating?.ratedAt,
      };
    },

    /**
     * Keeps the applicant's rating and sends it to the portal. 'unknown' for a bad link; 'given' when the
     * dossier was rated already (its rating is sent again, in case the first sending was cut short).
     */
    async rate(code: string, token: string, r: RatingAnswers): Promise<'unknown' | 'given' | DossierDoc> {
      const o = await open(code, token);
      if (!o) return 'unknown';
      const ratedAt = vnTime(deps.clock());
      const u = await deps.store.update(code, (doc) => {
        if (!doc.rating || doc.rating.ratedAt) return 'given' as const;
        doc.rating = {
          ...doc.rating,
          ratedAt,
          answers: r.answers,
          ...(r.comment ? { comment: r.comment } : {}),
        };
        return 'kept' as const;
      });
      if (!u) return 'unknown';
      await send(o.def, u.doc);
      return u.result === 'given' ? 'given' : u.doc;
    },
  };
}

export type Ratings = ReturnType<typeof createRatings>;
