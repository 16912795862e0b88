/**
 * The engine's transitions of a dossier, without I/O: given the document as read (inside a store update),
 * they change it and collect the messages to send — a step's deliveries when its predecessors are done,
 * a status change with its announcements, compensations of finished steps, an item completed. The engine
 * (engine.ts) reads and writes the documents and sends what these collect.
 */
import { randomBytes } from 'node:crypto';
import { deliveryId } from '../../queue';
import type { ServiceCatalog } from '../exchange/catalog';
import { announcementsFor, NOTICE_PURPOSE } from './announce';
import { vnTime, type WorkingCalendar } from './calendar';
import type { ProcedureDef, StepDef } from './definition';
import type { EngineMessage } from './deliveries';
import { lookup, resolve, type TemplateContext } from './template';
import type { DossierDoc, StepItem } from './types';

/** What a step's delivery carries back to the engine when it ends. */
export interface StepNotice {
  kind: 'step' | 'compensate';
  dossier: string;
  step: string;
  item: number;
  generation: number;
}

export function createTransitions(deps: {
  catalog: ServiceCatalog;
  calendar: WorkingCalendar;
  clock: () => number;
  publicUrl: string;
}) {
  const now = () => deps.clock();
  /** ISO 8601 in Vietnam time (+07:00), as the portal and the contracts carry times. */
  const iso = (t = now()) => vnTime(t);
  const dueFrom = (start: number, limit: ProcedureDef['limit']) =>
    iso(deps.calendar.addWorkingTime(start, limit));

  const context = (def: ProcedureDef, doc: DossierDoc, item?: unknown): TemplateContext => ({
    subject: doc.subject,
    form: doc.form,
    choices: (doc.choices ?? { payOnline: false, result: { by: 'office' } }) as unknown as Record<
      string,
      unknown
    >,
    reads: doc.reads,
    steps: Object.fromEntries(Object.entries(doc.steps).map(([k, v]) => [k, { output: v.output }])),
    dossier: { code: doc.code, receivedAt: doc.receivedAt, communeCode: def.communeCode },
    procedure: { code: def.procedureCode, fees: def.fees },
    item,
    now: iso(),
  });

  const stepMessage = (
    def: ProcedureDef,
    doc: DossierDoc,
    step: StepDef,
    i: number,
    item: StepItem,
    delayMs?: number,
  ): EngineMessage => ({
    key: `${doc.code}/step/${step.id}/${i}/${item.generation}`,
    service: step.service,
    client: def.client,
    purpose: step.purpose ?? def.purpose,
    input: item.input as Record<string, unknown>,
    procedure: def.id,
    dossierCode: doc.code,
    delayMs,
    notify: {
      kind: 'step',
      dossier: doc.code,
      step: step.id,
      item: i,
      generation: item.generation,
    } satisfies StepNotice,
  });

  /** The delivery id a message will have (to show a step's attempts in the timeline). */
  const idOf = (m: EngineMessage) =>
    deliveryId(deps.catalog.get(m.service)!.adapter.definition.id, m.client, m.key);

  /** Records a status change and what announces it. */
  const setStatus = (
    def: ProcedureDef,
    doc: DossierDoc,
    status: number,
    out: EngineMessage[],
    note?: string,
  ) => {
    if (doc.status === status && !note) return;
    const last = doc.history[doc.history.length - 1];
    // The portal orders updates by time: never announce a change earlier than the previous one.
    const at = last && Date.parse(last.at) > now() ? last.at : iso();
    doc.history.push({ at, status, ...(note ? { note } : {}) });
    doc.status = status;
    // Processing finished once: a result the post brings back to the office (9 again) does not move it.
    if (status === 9) doc.finishedAt ??= at;
    if (status === 10) {
      doc.returnedAt = at;
      // The applicant is asked to rate the service; the link's token is the only key to the rating.
      doc.rating ??= { token: randomBytes(16).toString('base64url') };
    }
    doc.announced += 1;
    for (const a of announcementsFor(def, doc, doc.announced, ratingUrl(doc))) {
      out.push({
        ...a,
        client: def.client,
        purpose: NOTICE_PURPOSE,
        procedure: def.id,
        dossierCode: doc.code,
      });
    }
  };

  const ratingUrl = (doc: DossierDoc) =>
    doc.rating
      ? `${deps.publicUrl.replace(/\/+$/, '')}/v1/ratings/${doc.code}/${doc.rating.token}`
      : undefined;

  /**
   * Nothing more happens to the dossier: it ended, or its processing finished (9) and the result is not on
   * its way by post.
   */
  const stopped = (doc: DossierDoc) =>
    [3, 5, 7, 8, 10].includes(doc.status) || (doc.status === 9 && doc.resultDelivery !== 'posting');

  /** A step is out of the way of those after it: done, or skipped (its `when` did not hold). */
  const passed = (doc: DossierDoc, id: string) => ['done', 'skipped'].includes(doc.steps[id].state);

  /**
   * Starts every step whose predecessors are passed — or skips it when its `when` does not hold; finishes
   * the dossier when all are passed.
   *
   * Portal statuses (DOSSIER_STATUSES): a step with `statusWhileRunning: 6` (requesting and waiting for an
   * online payment, the obligations on land) puts the dossier in 6 "financial obligation to pay" while it
   * runs, and back to 4 "processing" when no such step runs. When the result is ready and the applicant
   * chose the post, the dossier is 9 "processing finished" while the post carries it (the processing time,
   * and so the on-time flag, ends there: the postal journey is not the agency's), and 10 "result returned"
   * on proof of delivery. A failed delivery leaves it at 9 with a note: the result is back at the office.
   */
  const advance = (def: ProcedureDef, doc: DossierDoc, out: EngineMessage[]) => {
    if (stopped(doc)) return;
    for (let changed = true; changed;) {
      changed = false;
      for (const step of def.steps) {
        const st = doc.steps[step.id];
        if (st.state !== 'waiting' || !(step.after ?? []).every((a) => passed(doc, a))) continue;
        if (step.when && lookup(step.when.path, context(def, doc)) !== step.when.equals) {
          st.state = 'skipped';
          st.finishedAt = iso();
          changed = true;
          continue;
        }
        if (step.deliversResult && doc.status !== 9) {
          doc.resultDelivery = 'posting';
          setStatus(def, doc, 9, out);
        }
        changed = startStep(def, doc, step, out) || changed;
      }
    }
    const running = def.steps.filter((s) => doc.steps[s.id].state === 'queued');
    if (doc.status === 6 && !running.some((s) => s.statusWhileRunning === 6)) setStatus(def, doc, 4, out);
    if (doc.status === 2 && running.length) setStatus(def, doc, 4, out);
    if (def.steps.every((s) => passed(doc, s.id))) {
      if (doc.status !== 9) setStatus(def, doc, 9, out);
      if (doc.resultDelivery === 'posting') {
        doc.resultDelivery = 'delivered';
        setStatus(def, doc, 10, out, 'Kết quả đã được bưu điện phát đến người nhận');
      } else setStatus(def, doc, 10, out, 'Kết quả điện tử đã được trả');
    }
  };

  /** Queues a step's items; true when the step finished at once (nothing to do for an empty list). */
  const startStep = (def: ProcedureDef, doc: DossierDoc, step: StepDef, out: EngineMessage[]): boolean => {
    const st = doc.steps[step.id];
    const ctx = context(def, doc);
    const list = step.forEach ? lookup(step.forEach, ctx) : [undefined];
    const listed = Array.isArray(list) ? list : [];
    st.state = 'queued';
    st.startedAt = iso();
    st.dueAt = dueFrom(now(), step.limit);
    st.items = listed.map((item) => ({
      input: resolve(step.input, { ...ctx, item }),
      state: 'queued' as const,
      generation: 0,
      ...(step.awaits ? { awaitKey: String(resolve(step.awaits.key, { ...ctx, item }) ?? '') } : {}),
    }));
    if (!st.items.length) {
      st.state = 'done';
      st.finishedAt = st.startedAt;
      st.output = [];
      return true;
    }
    st.items.forEach((item, i) => {
      const m = stepMessage(def, doc, step, i, item);
      st.deliveryIds[i] = idOf(m);
      out.push(m);
    });
    if (step.statusWhileRunning && step.statusWhileRunning !== doc.status)
      setStatus(def, doc, step.statusWhileRunning, out);
    return false;
  };

  /**
   * What an output of an `until` step (its delivery's result, or an external confirmation) means:
   * `done` (the condition holds, or the step has none), `fail` (a `failWhen` value: paid no more, delivery
   * failed), `again` (poll again).
   */
  const judge = (def: ProcedureDef, doc: DossierDoc, step: StepDef, output: unknown) => {
    const ctx = { ...context(def, doc), item: output };
    const at = (path: string) => lookup(path.replace(/^\$\.output/, '$.item'), ctx);
    if (step.failWhen && step.failWhen.in.includes(at(step.failWhen.path))) return 'fail' as const;
    if (step.until && at(step.until.path) !== step.until.equals) return 'again' as const;
    return 'done' as const;
  };

  /** Undoes the finished steps that declare a compensation, newest first. */
  const compensate = (def: ProcedureDef, doc: DossierDoc, out: EngineMessage[]) => {
    const done = def.steps
      .filter((s) => s.compensate && doc.steps[s.id].state === 'done' && !doc.compensations.includes(s.id))
      .sort((a, b) => Date.parse(doc.steps[b.id].finishedAt!) - Date.parse(doc.steps[a.id].finishedAt!));
    for (const s of done) {
      doc.compensations.push(s.id);
      out.push({
        key: `${doc.code}/compensate/${s.id}`,
        service: s.compensate!.service,
        client: def.client,
        purpose: def.purpose,
        input: resolve(s.compensate!.input, context(def, doc)) as Record<string, unknown>,
        procedure: def.id,
        dossierCode: doc.code,
        notify: {
          kind: 'compensate',
          dossier: doc.code,
          step: s.id,
          item: 0,
          generation: 0,
        } satisfies StepNotice,
      });
    }
  };

  /** An item of a step got its result: the step is done when all its items are, and the next steps start. */
  const completeItem = (
    def: ProcedureDef,
    doc: DossierDoc,
    step: StepDef,
    i: number,
    result: unknown,
    out: EngineMessage[],
  ) => {
    const st = doc.steps[step.id];
    const item = st.items![i];
    item.state = 'done';
    item.output = result;
    if (!st.items!.every((x) => x.state === 'done')) return;
    st.state = 'done';
    st.finishedAt = iso();
    delete st.error;
    // Done after all: an operator redrove the step's dead letter, or an officer had it retried.
    if (doc.needsOfficer?.step === step.id) delete doc.needsOfficer;
    st.output = step.forEach ? st.items!.map((x) => x.output) : st.items![0].output;
    if (stopped(doc) && step.compensate) compensate(def, doc, out);
    advance(def, doc, out);
  };

  return {
    iso,
    dueFrom,
    context,
    stepMessage,
    idOf,
    setStatus,
    ratingUrl,
    stopped,
    judge,
    advance,
    compensate,
    completeItem,
  };
}
