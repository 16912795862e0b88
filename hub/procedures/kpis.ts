/**
 * Service KPIs per agency, procedure and period — what the service index for people and businesses
 * (Decision 766/QĐ-TTg) scores and what a city needs to compare its districts on one scale: dossiers
 * received, the online share, the on-time rate (judged in working days, the portal's way), the average
 * processing time in working days, the satisfaction ratings per criterion and the participation rate
 * (ratings / results returned). A dossier counts in the period it was received.
 */
import Joi from 'joi';
import { computeOnTime } from '../../adapters/national-portal/on-time';
import { RATING_CRITERIA, RATING_LEVELS } from '../../adapters/national-portal/mapping';
import { vnTime, type WorkingCalendar } from './calendar';
import type { ProcedureDef } from './definition';
import type { DossierStore } from './store';
import type { DossierDoc } from './types';

/** The most dossiers of one procedure a report reads (the report says when it was cut). */
export const MAX_DOSSIERS_PER_PROCEDURE = 20_000;

type Levels = Record<keyof typeof RATING_LEVELS, number>;

/** The counts behind the rates, so that totals are exact sums. */
interface Counts {
  received: number;
  online: number;
  finished: number;
  judged: number;
  onTime: number;
  processingDaysSum: number;
  returned: number;
  rated: number;
  answers: number;
  satisfied: number;
  ratings: Record<keyof typeof RATING_CRITERIA, Levels>;
}

const emptyLevels = (): Levels => ({ 'very-satisfied': 0, satisfied: 0, 'not-satisfied': 0 });
const emptyCounts = (): Counts => ({
  received: 0,
  online: 0,
  finished: 0,
  judged: 0,
  onTime: 0,
  processingDaysSum: 0,
  returned: 0,
  rated: 0,
  answers: 0,
  satisfied: 0,
  ratings: Object.fromEntries(
    Object.keys(RATING_CRITERIA).map((c) => [c, emptyLevels()]),
  ) as Counts['ratings'],
});

function add(into: Counts, c: Counts): void {
  for (const k of [
    'received',
    'online',
    'finished',
    'judged',
    'onTime',
    'processingDaysSum',
    'returned',
    'rated',
    'answers',
    'satisfied',
  ] as const)
    into[k] += c[k];
  for (const [criterion, levels] of Object.entries(c.ratings))
    for (const [level, n] of Object.entries(levels))
      into.ratings[criterion as keyof Counts['ratings']][level as keyof Levels] += n;
}

function count(docs: DossierDoc[], calendar: WorkingCalendar): Counts {
  const c = emptyCounts();
  for (const doc of docs) {
    c.received += 1;
    if (doc.channel === 2) c.online += 1;
    if (doc.status === 10) c.returned += 1;
    const onTime = computeOnTime(doc.dueAt, doc.history, { workingMs: calendar.workingMs });
    if (onTime !== undefined) {
      c.judged += 1;
      if (onTime) c.onTime += 1;
    }
    if (doc.finishedAt && [9, 10].includes(doc.status)) {
      c.finished += 1;
      c.processingDaysSum +=
        calendar.workingMs(Date.parse(doc.receivedAt), Date.parse(doc.finishedAt)) / calendar.dayMs;
    }
    if (doc.rating?.ratedAt) {
      c.rated += 1;
      for (const a of doc.rating.answers ?? []) {
        const levels = c.ratings[a.criterion as keyof Counts['ratings']];
        if (!levels || !(a.level in levels)) continue;
        levels[a.level as keyof Levels] += 1;
        c.answers += 1;
        if (a.level !== 'not-satisfied') c.satisfied += 1;
      }
    }
  }
  return c;
}

const rate = (n: number, of: number) => (of ? Math.round((n / of) * 10_000) / 10_000 : null);

/** The counts as the report shows them: counts, rates (0–1, null when there is nothing to rate). */
function figures(c: Counts) {
  return {
    received: c.received,
    online: c.online,
    onlineShare: rate(c.online, c.received),
    finished: c.finished,
    onTime: c.onTime,
    onTimeRate: rate(c.onTime, c.judged),
    averageProcessingWorkingDays: c.finished
      ? Math.round((c.processingDaysSum / c.finished) * 100) / 100
      : null,
    returned: c.returned,
    rated: c.rated,
    participationRate: rate(c.rated, c.returned),
    satisfactionRate: rate(c.satisfied, c.answers),
    ratings: c.ratings,
  };
}

export interface KpiQuery {
  /** First and last local day of the period (yyyy-MM-dd, both included). */
  from: string;
  to: string;
  procedure?: string;
  agency?: string;
}

export async function kpiReport(
  deps: { store: DossierStore; calendar: WorkingCalendar },
  procedures: ProcedureDef[],
  q: KpiQuery,
  now: number,
) {
  const start = Date.parse(`${q.from}T00:00:00+07:00`);
  const end = Date.parse(`${q.to}T00:00:00+07:00`) + 86_400_000;
  const agencies = new Map<string, { code: string; name: string; procedures: unknown[]; totals: Counts }>();
  let truncated = false;
  for (const def of procedures) {
    if (q.procedure && def.id !== q.procedure) continue;
    if (q.agency && def.processingUnit.code !== q.agency) continue;
    const codes = await deps.store.receivedBetween(def.id, start, end, MAX_DOSSIERS_PER_PROCEDURE + 1);
    if (codes.length > MAX_DOSSIERS_PER_PROCEDURE) truncated = true;
    const c = count(await deps.store.getMany(codes.slice(0, MAX_DOSSIERS_PER_PROCEDURE)), deps.calendar);
    const unit = def.processingUnit;
    const agency = agencies.get(unit.code) ?? {
      code: unit.code,
      name: unit.name,
      procedures: [],
      totals: emptyCounts(),
    };
    agencies.set(unit.code, agency);
    agency.procedures.push({ id: def.id, code: def.procedureCode, name: def.name, ...figures(c) });
    add(agency.totals, c);
  }
  return {
    period: { from: q.from, to: q.to },
    generatedAt: vnTime(now),
    truncated,
    agencies: [...agencies.values()]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((a) => ({ code: a.code, name: a.name, totals: figures(a.totals), procedures: a.procedures })),
  };
}

const rateSchema = Joi.number().min(0).max(1).allow(null);
const levelsSchema = Joi.object(
  Object.fromEntries(Object.keys(RATING_LEVELS).map((l) => [l, Joi.number().integer().min(0).required()])),
);
const figuresSchema = {
  received: Joi.number().integer().min(0).required().description('Dossiers received in the period'),
  online: Joi.number().integer().min(0).required().description('Of which submitted online (channel 2)'),
  onlineShare: rateSchema.required(),
  finished: Joi.number().integer().min(0).required().description('Of which processing finished (9/10)'),
  onTime: Joi.number().integer().min(0).required(),
  onTimeRate: rateSchema.required().description('On time / judged, in working days, the portal’s way'),
  averageProcessingWorkingDays: Joi.number().min(0).allow(null).required(),
  returned: Joi.number().integer().min(0).required().description('Results returned (10)'),
  rated: Joi.number().integer().min(0).required().description('Dossiers the applicant rated'),
  participationRate: rateSchema.required().description('Rated / returned'),
  satisfactionRate: rateSchema.required().description('Answers very satisfied or satisfied / all answers'),
  ratings: Joi.object(
    Object.fromEntries(Object.keys(RATING_CRITERIA).map((c) => [c, levelsSchema.required()])),
  )
    .required()
    .description('Answers per criterion of the portal and level'),
};

/** The report, as the OpenAPI document describes it. */
export const kpiReportSchema = Joi.object({
  period: Joi.object({ from: Joi.string().required(), to: Joi.string().required() }).required(),
  generatedAt: Joi.string().required(),
  truncated: Joi.boolean().required(),
  agencies: Joi.array()
    .items(
      Joi.object({
        code: Joi.string().required().description('Processing unit'),
        name: Joi.string().required(),
        totals: Joi.object(figuresSchema).required(),
        procedures: Joi.array()
          .items(
            Joi.object({
              id: Joi.string().required(),
              code: Joi.string().required(),
              name: Joi.object({ vi: Joi.string().required(), en: Joi.string().required() }).required(),
              ...figuresSchema,
            }),
          )
          .required(),
      }),
    )
    .required(),
}).id('KpiReport_v1');
