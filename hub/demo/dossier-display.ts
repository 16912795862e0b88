/**
 * How the demo shows a dossier: followed live from its timeline (GET /v1/dossiers/{code}) — status
 * changes and step changes in the order they happened, each failed attempt — and printed as a table
 * with Vietnamese step titles, agencies, attempts (or checks, for a step that waits on a confirmation),
 * times and working-day due dates.
 */
import type { HubClient } from '../protocol';

export type Write = (line: string) => void;

/** The timeline as GET /v1/dossiers/{code} answers it (the parts shown here). */
export interface Timeline {
  dossierCode: string;
  procedure: { id: string; code: string; name: { vi: string; en: string } };
  status: { code: number; vi: string; en: string };
  receivedAt: string;
  dueAt: string;
  onTime?: boolean;
  reason?: string;
  history: { at: string; status: number; vi: string; en: string; note?: string }[];
  steps: {
    id: string;
    title: { vi: string; en: string };
    agency: string;
    state: string;
    /** The step takes the result to the applicant (the post), after processing finished (9). */
    deliversResult?: boolean;
    startedAt?: string;
    finishedAt?: string;
    dueAt?: string;
    overdue: boolean;
    attempts?: number;
    items?: number;
    /** Checks made by a step that waits on a confirmation (the payment). */
    polls?: number;
    /** The confirmation that completed the step, when not its own polling (a signed notification). */
    confirmedBy?: string;
    lastError?: { attempt: number; code: string; reason: string; retryable: boolean };
    errors?: { at: string; attempt: number; code: string; reason: string; retryable: boolean }[];
  }[];
  sources?: Record<string, { source: string; fetchedAt: string }>;
}

/** The time of day in Vietnam (UTC+7) of an ISO timestamp, whatever its offset. */
export const hhmmss = (iso?: string) =>
  iso ? new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 19) : '—';
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** A column `n` wide: the text, cut with an ellipsis when longer, and at least one space after it. */
export const pad = (s: string, n: number) =>
  s.length >= n ? s.slice(0, n - 2) + '… ' : s + ' '.repeat(n - s.length);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Phone numbers and e-mail addresses shown half-masked, as an operator's screen would. */
export const mask = (to: string) =>
  to.includes('@') ? to.replace(/^(.).*?(@.*)$/, '$1•••$2') : to.replace(/^(\+?\d{4}).*(\d{3})$/, '$1•••$2');

export async function timeline(client: HubClient, code: string, purpose: string): Promise<Timeline> {
  const res = await client.request('GET', `/v1/dossiers/${code}`, { purpose });
  if (res.status !== 200)
    throw new Error(`GET /v1/dossiers/${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Timeline;
}

type Step = Timeline['steps'][number];

/** How a finished step reads: its attempts, or — a step that waits on a confirmation — its checks. */
const doneDetail = (s: Step) => {
  const items = s.items ? `${s.items} items, ` : '';
  if (s.polls && s.confirmedBy)
    return ` (${items}confirmed by the platform's signed notification, after ${plural(s.polls, 'check')})`;
  if (s.polls) return ` (${items}confirmed after ${plural(s.polls, 'check')})`;
  const n = s.attempts ?? 1;
  return n > 1 ? ` (${items}after ${n} attempts)` : items ? ` (${items.slice(0, -2)})` : '';
};

/**
 * One line of the live display, with when it happened: status changes and step changes are printed in
 * the order they happened, a step before the status it caused (a dossier finished after its last step).
 */
interface Event {
  /** The second it happened (the timeline's times are to the second). */
  sec: number;
  /** Within a second: statuses up to 6 (0), the steps in the procedure's order (1), the other statuses (2). */
  group: number;
  /** Within the steps: the step's place in the procedure, then starting, failed attempts, ending. */
  order: number;
  line: string;
}

/**
 * Where a status change goes among the events of its second: intake (1, 2, and 4 right after it) first;
 * 6 (waiting for a payment) just before the step whose start caused it, 4 after a 6 just after the step
 * whose end caused it; the end of processing (5, 8, 9, 10) after every step.
 */
export function placeOfStatus(
  t: Timeline,
  k: number,
  second: (iso: string | undefined) => number,
): { sec: number; group: number; order: number } {
  const h = t.history[k];
  const sec = second(h.at);
  const prev = t.history[k - 1]?.status;
  /**
   * The step whose start (or end) caused the status: the one nearest to it, within a second — the step's
   * time and the status's are taken a moment apart and may fall either side of a second's boundary.
   */
  const causedBy = (
    timeOf: (s: Step) => string | undefined,
    ok: (s: Step) => boolean = () => true,
    /** Of steps as near, the last in the procedure (an end: the step that finished last). */
    latest = false,
  ) => {
    let best = -1;
    let gap = Infinity;
    for (const [j, s] of t.steps.entries()) {
      const d = Math.abs(Date.parse(timeOf(s) ?? '') - Date.parse(h.at));
      if (ok(s) && d <= 1000 && (d < gap || (latest && d === gap))) [best, gap] = [j, d];
    }
    return best;
  };
  if (h.status === 1 || h.status === 2 || (h.status === 4 && (prev === undefined || prev <= 2)))
    return { sec, group: 0, order: 0 };
  if (h.status === 6) {
    const j = causedBy((s) => s.startedAt);
    return j < 0
      ? { sec, group: 0, order: 0 }
      : { sec: second(t.steps[j].startedAt), group: 1, order: j * 3 - 0.5 };
  }
  if (h.status === 4 && prev === 6) {
    const j = causedBy(
      (s) => s.finishedAt,
      (s) => s.state === 'done',
      true,
    );
    return j < 0
      ? { sec, group: 2, order: 0 }
      : { sec: second(t.steps[j].finishedAt), group: 1, order: j * 3 + 2.5 };
  }
  if (h.status === 9) {
    // Processing finished, the result handed to the post: before the first step that delivers it.
    const j = t.steps.findIndex((s) => s.deliversResult && s.startedAt && second(s.startedAt) === sec);
    if (j >= 0) return { sec, group: 1, order: j * 3 - 0.5 };
  }
  return { sec, group: 2, order: 0 };
}

/** Follows a dossier until it ends (result returned, supplement requested, stopped), printing what changes. */
export async function follow(
  client: HubClient,
  code: string,
  purpose: string,
  write: Write,
  timeoutMs: number,
): Promise<{ t: Timeline; retries: string[] }> {
  const started = Date.now();
  const since = (at: number) => `+${(Math.max(0, at - started) / 1000).toFixed(1).padStart(4)}s`;
  let shownHistory = 0;
  const stepSeen = new Map<string, string>();
  const errorSeen = new Set<string>();
  const retries: string[] = [];
  // Times in the timeline are to the second: order by second, then by rank; show the time seen.
  const second = (iso: string | undefined) => Math.floor(Date.parse(iso ?? '') / 1000) || Infinity;
  for (;;) {
    const t = await timeline(client, code, purpose);
    const seenAt = Date.now();
    const events: Event[] = [];
    for (const [k, h] of t.history.entries()) {
      if (k < shownHistory) continue;
      events.push({
        ...placeOfStatus(t, k, second),
        line: `status ${String(h.status).padStart(2)}  ${h.vi} (${h.en})${h.note ? ` — ${h.note}` : ''}`,
      });
    }
    shownHistory = t.history.length;
    for (const [i, s] of t.steps.entries()) {
      // Every failed attempt, also those that came and went between two polls.
      for (const err of s.errors ?? []) {
        const key = `${s.id} ${err.at} ${err.attempt}`;
        if (errorSeen.has(key)) continue;
        errorSeen.add(key);
        const e = `${s.id}: attempt ${err.attempt} failed — ${err.code} (${err.reason})`;
        retries.push(e);
        events.push({
          sec: second(err.at),
          group: 1,
          order: i * 3 + 1,
          line: `step  ${s.title.vi}: attempt ${err.attempt} failed — ${err.code} (${err.reason})${err.retryable ? ', retrying with backoff' : ''}`,
        });
      }
      // A skipped step (the applicant chose otherwise: paying at the office, collecting the result) is not news.
      if (s.state === 'waiting' || s.state === 'skipped' || stepSeen.get(s.id) === s.state) continue;
      stepSeen.set(s.id, s.state);
      const ended = ['done', 'failed', 'compensated'].includes(s.state);
      const detail =
        s.state === 'done' ? doneDetail(s) : s.state === 'queued' && s.items ? ` (${s.items} items)` : '';
      events.push({
        sec: second(ended ? s.finishedAt : s.startedAt),
        group: 1,
        order: i * 3 + (ended ? 2 : 0),
        line: `step  ${s.title.vi} → ${s.state}${detail}  [${s.agency}]`,
      });
    }
    events.sort((a, b) => a.sec - b.sec || a.group - b.group || a.order - b.order);
    for (const e of events) write(`    ${since(seenAt)}  ${e.line}`);
    if ([3, 5, 7, 8, 10].includes(t.status.code)) return { t, retries };
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `dossier ${code} did not finish within ${timeoutMs / 1000} s (status ${t.status.code})`,
      );
    }
    await sleep(150);
  }
}

export function printTimeline(t: Timeline, write: Write): void {
  write(`\n  Timeline of ${t.dossierCode} — ${t.procedure.name.vi}`);
  write(
    `  received ${t.receivedAt.replace('T', ' ').slice(0, 19)}, due ${t.dueAt.replace('T', ' ').slice(0, 16)} ` +
      `(working days, Asia/Ho_Chi_Minh), status ${t.status.code} "${t.status.vi}", ` +
      `${t.onTime === undefined ? 'not finished' : t.onTime ? 'on time' : 'LATE'}` +
      (t.reason ? `\n  reason: ${t.reason}` : ''),
  );
  write(
    `  ${pad('step', 46)}${pad('agency', 32)}${pad('state', 8)}${pad('tries', 10)}${pad('start', 9)}${pad('end', 9)}due`,
  );
  for (const s of t.steps) {
    if (s.state === 'skipped') continue;
    const tries = s.polls ? plural(s.polls, 'check') : String(s.attempts ?? '—');
    write(
      `  ${pad(s.title.vi, 46)}${pad(s.agency, 32)}${pad(s.state + (s.overdue ? '!' : ''), 8)}${pad(tries, 10)}` +
        `${pad(hhmmss(s.startedAt), 9)}${pad(hhmmss(s.finishedAt), 9)}${s.dueAt ? s.dueAt.slice(0, 16).replace('T', ' ') : '—'}`,
    );
  }
  const skipped = t.steps.filter((s) => s.state === 'skipped').map((s) => s.title.vi);
  if (skipped.length) write(`  not needed, by the applicant's choice: ${skipped.join('; ')}`);
  if (t.sources) {
    const src = Object.entries(t.sources).map(([as, p]) => `${as} ← ${p.source} at ${hhmmss(p.fetchedAt)}`);
    write(`  read once, with provenance: ${src.join('; ')}`);
  }
}
