/**
 * The joint-procedures engine. A dossier is submitted with only what the state does not hold; the rest is
 * read from its sources (reads.ts). Its steps then run as deliveries: when a step's deliveries succeed (the
 * worker tells the engine) the steps that waited for it start; a step that fails for good hands the dossier
 * to an officer, or asks for a supplement / stops it after undoing what must be undone. Every status change
 * is announced (announce.ts). A step may also wait on an external confirmation (confirm()). State lives in
 * Redis (store.ts); every change is atomic (the changes themselves: transitions.ts) and every message has a
 * stable key, so the engine may run in any number of hub and worker processes.
 */
import { randomBytes } from 'node:crypto';
import { type AttemptError, type DeliveryData, type DeliveryQueues } from '../../queue';
import type { Audit } from '../audit';
import type { ServiceCatalog } from '../exchange/catalog';
import type { AccessPolicy } from '../exchange/policy';
import type { Logger } from '../observability/logger';
import type { Signer } from '../protocol';
import { announcementsFor, NOTICE_PURPOSE } from './announce';
import type { WorkingCalendar } from './calendar';
import type { ProcedureDef } from './definition';
import { MessageInputError, toDelivery, type EngineMessage } from './deliveries';
import { performReads, type ReadCache, type ReadResult } from './reads';
import { createTransitions, type StepNotice } from './transitions';
import type { DossierStore } from './store';
import { resolve, type TemplateContext } from './template';
import type { DossierChoices, DossierDoc } from './types';

export interface EngineDeps {
  procedures: Map<string, ProcedureDef>;
  catalog: ServiceCatalog;
  policy: AccessPolicy;
  audit: Audit;
  deliveries: DeliveryQueues;
  store: DossierStore;
  signer: Signer;
  logger: Logger;
  clock: () => number;
  /** The working-day calendar: statutory limits are counted in working days or hours. */
  calendar: WorkingCalendar;
  /** The hub's public base URL, for the links sent to applicants (the satisfaction rating). */
  publicUrl: string;
  /**
   * How long after a status change reconcile() may still send its announcements again. A re-sent
   * announcement is the same delivery only while its job — the record of its idempotency key — is kept
   * (keepCompletedSec); past that it would be a second SMS and a second portal update. Reconcile exists
   * for a crash between saving a dossier and queueing what it announces, which the next sweep (seconds
   * later) repairs, so a short window loses nothing. @defaultValue 1 hour
   */
  resendWindowMs?: number;
}

const HOUR = 3600_000;

/** A step's output matched its `failWhen`: the step fails for good with this error. */
interface FailedBy {
  item: number;
  error: { code: string; reason: string; reasonVi: string; attempts: number };
}
/** How long a prefill's reads wait for the submission that follows (then they are read again). */
const PREFILL_TTL_SEC = 1800;

export function createProcedureEngine(deps: EngineDeps) {
  const now = () => deps.clock();
  const resendWindow = deps.resendWindowMs ?? HOUR;
  const t = createTransitions(deps);
  const {
    iso,
    dueFrom,
    stepMessage,
    idOf,
    setStatus,
    ratingUrl,
    stopped,
    judge,
    advance,
    compensate,
    completeItem,
  } = t;

  /** Sends messages; a step message whose input breaks its contract fails its step for good. */
  const send = async (messages: EngineMessage[]): Promise<void> => {
    for (const m of messages) {
      let data: DeliveryData;
      try {
        data = toDelivery(deps.catalog, deps.signer, m, now());
      } catch (err) {
        if (!(err instanceof MessageInputError)) throw err;
        deps.logger.error(
          { dossierCode: m.dossierCode, service: m.service, fields: err.fields },
          'a procedure built an invalid input',
        );
        const n = m.notify as StepNotice | undefined;
        if (n?.kind === 'step')
          await failStep(n, {
            code: 'CONTRACT_INVALID',
            reason: `the input built for ${m.service} breaks its contract`,
            reasonVi: 'thông tin của hồ sơ không đủ hoặc không đúng để thực hiện bước này',
            attempts: 0,
          });
        continue;
      }
      await deps.deliveries.enqueue(data, m.delayMs ? { delayMs: m.delayMs } : undefined);
    }
  };

  /** A step failed for good: hand to an officer, or undo what must be undone and ask for a supplement / stop. */
  const failStep = async (
    n: StepNotice,
    error: { code: string; reason: string; attempts: number; reasonVi?: string },
  ): Promise<void> => {
    const out: EngineMessage[] = [];
    await deps.store.update(n.dossier, (doc) => {
      const def = defOf(doc);
      const st = doc.steps[n.step];
      const step = def.steps.find((s) => s.id === n.step)!;
      if (st.state !== 'queued') return;
      st.state = 'failed';
      st.finishedAt = iso();
      st.error = { code: error.code, reason: error.reason, attempts: error.attempts };
      const reason = `${step.title.vi} / ${step.title.en}: ${error.reason}`;
      if (step.onFailure === 'officer') {
        doc.needsOfficer = { step: step.id, reason };
        return;
      }
      if (step.onFailure === 'office') {
        // The post could not deliver: the result goes back to the one-stop desk, where the applicant
        // collects it. Processing stays finished (9); the note tells the applicant where the result is.
        doc.resultDelivery = 'returned-to-office';
        setStatus(
          def,
          doc,
          9,
          out,
          `Bưu điện phát không thành công; kết quả đã chuyển về ${def.processingUnit.name}, mời ông/bà đến nhận.`,
        );
        return;
      }
      doc.reason = reason;
      compensate(def, doc, out);
      // The status note goes to the portal and to the applicant: Vietnamese.
      setStatus(
        def,
        doc,
        step.onFailure === 'supplement' ? 5 : 8,
        out,
        `${step.title.vi}: ${error.reasonVi ?? error.reason}`,
      );
    });
    await send(out);
  };

  /** Records the confirmations the dossier's running steps wait for (idempotent: the sweep repeats it). */
  const expectConfirmations = async (doc: DossierDoc) => {
    const def = deps.procedures.get(doc.procedure);
    if (!def || stopped(doc)) return;
    for (const step of def.steps) {
      if (!step.awaits || doc.steps[step.id]?.state !== 'queued') continue;
      for (const [i, item] of (doc.steps[step.id].items ?? []).entries()) {
        if (item.state === 'queued' && item.awaitKey)
          await deps.store.expect(step.awaits.event, item.awaitKey, {
            dossier: doc.code,
            step: step.id,
            item: i,
          });
      }
    }
  };

  /** The reads a prefill made, when it was for this procedure and subject (used once). */
  const prefilled = async (
    def: ProcedureDef,
    subject: string,
    id: string,
  ): Promise<ReadCache | undefined> => {
    const raw = await deps.store.takePrefill(id);
    if (!raw) return undefined;
    const p = JSON.parse(raw) as { procedure: string; subject: string; reads: [string, ReadResult][] };
    return p.procedure === def.id && p.subject === subject ? new Map(p.reads) : undefined;
  };

  /** An output that a step's `failWhen` refuses: the error its failure records. */
  const failedBy = (step: ProcedureDef['steps'][number], item: number, output: unknown): FailedBy => {
    const why = step.failWhen!.reason;
    const detail = (output as { failureReason?: unknown } | undefined)?.failureReason;
    return {
      item,
      error: {
        code: 'STEP_OUTCOME_REFUSED',
        reason: why.en,
        reasonVi: typeof detail === 'string' && detail ? `${why.vi} (${detail})` : why.vi,
        attempts: 0,
      },
    };
  };

  const defOf = (doc: DossierDoc) => {
    const def = deps.procedures.get(doc.procedure);
    if (!def) throw new Error(`dossier ${doc.code}: procedure ${doc.procedure} is not configured`);
    return def;
  };

  return {
    procedures: () => [...deps.procedures.values()],
    procedure: (id: string) => deps.procedures.get(id),

    /** Reads the sources and creates the dossier; the steps start at once. */
    async submit(
      def: ProcedureDef,
      req: {
        subject: string;
        form: Record<string, unknown>;
        choices?: DossierChoices;
        channel: 1 | 2 | 3;
        prefillId?: string;
      },
    ): Promise<DossierDoc> {
      const received = now();
      const code = await deps.store.newCode(def.processingUnit.code, new Date(received));
      const ctx: TemplateContext = {
        subject: req.subject,
        form: req.form,
        choices: (req.choices ?? {}) as unknown as Record<string, unknown>,
        reads: {},
        steps: {},
        dossier: { code, receivedAt: iso(received), communeCode: def.communeCode },
        now: iso(received),
      };
      // The reads of the prefill shown to the applicant are not made again (same procedure and subject).
      const cache = req.prefillId ? await prefilled(def, req.subject, req.prefillId) : undefined;
      const { reads, provenance } = await performReads(deps, def, ctx, undefined, code, cache);
      const contactCtx = { ...ctx, reads };
      const doc: DossierDoc = {
        code,
        procedure: def.id,
        version: def.version,
        status: 1,
        history: [{ at: iso(received), status: 1 }],
        receivedAt: iso(received),
        dueAt: dueFrom(received, def.limit),
        subject: req.subject,
        channel: req.channel,
        form: req.form,
        ...(req.choices ? { choices: req.choices } : {}),
        reads,
        provenance,
        steps: Object.fromEntries(def.steps.map((s) => [s.id, { state: 'waiting', deliveryIds: [] }])),
        contact: {
          name: String(resolve(def.contact.name, contactCtx) ?? ''),
          phone: def.contact.phone
            ? (resolve(def.contact.phone, contactCtx) as string | undefined)
            : undefined,
          email: def.contact.email
            ? (resolve(def.contact.email, contactCtx) as string | undefined)
            : undefined,
        },
        announced: 0,
        compensations: [],
      };
      const out: EngineMessage[] = [];
      // Accepted at intake at once: the form passed its contract and every source answered. The first
      // announcement carries the whole dossier (new → accepted) to the portal.
      setStatus(def, doc, 2, out);
      advance(def, doc, out);
      await deps.store.create(doc);
      await expectConfirmations(doc);
      await send(out);
      return doc;
    },

    /** What the applicant does not have to type: the reads that need only the subject, with provenance. */
    async prefill(def: ProcedureDef, subject: string) {
      const ctx: TemplateContext = {
        subject,
        form: {},
        reads: {},
        steps: {},
        dossier: { code: '', receivedAt: iso(), communeCode: def.communeCode },
        now: iso(),
      };
      const { reads, provenance, cache } = await performReads(deps, def, ctx, (r) => r.prefill === true);
      const prefillId = randomBytes(16).toString('base64url');
      await deps.store.savePrefill(
        prefillId,
        JSON.stringify({ procedure: def.id, subject, reads: [...cache] }),
        PREFILL_TTL_SEC,
      );
      return { reads, provenance, prefillId };
    },

    /** The worker tells the engine a step's (or a compensation's) delivery succeeded. */
    async onDelivered(data: DeliveryData, result: unknown): Promise<void> {
      const n = data.notify as StepNotice | undefined;
      if (!n || (n.kind !== 'step' && n.kind !== 'compensate')) return;
      const out: EngineMessage[] = [];
      const r = await deps.store.update(n.dossier, (doc): FailedBy | undefined => {
        out.length = 0;
        const def = defOf(doc);
        const st = doc.steps[n.step];
        if (n.kind === 'compensate') {
          st.state = 'compensated';
          return;
        }
        const step = def.steps.find((s) => s.id === n.step)!;
        const item = st.items?.[n.item];
        if (!item || item.generation !== n.generation || item.state !== 'queued') return;
        const verdict = judge(def, doc, step, result);
        // A step that failed meanwhile (its payment expired, its delivery failed) is polled no more.
        if (verdict !== 'done' && st.state !== 'queued') return;
        if (verdict === 'fail') return failedBy(step, n.item, result);
        if (verdict === 'again') {
          item.generation += 1;
          const m = stepMessage(def, doc, step, n.item, item, step.everyMs ?? 2000);
          st.deliveryIds[n.item] = idOf(m);
          out.push(m);
          return;
        }
        completeItem(def, doc, step, n.item, result, out);
      });
      if (r?.result) {
        await failStep({ ...n, kind: 'step' }, r.result.error);
        return;
      }
      // Before anything is sent: the confirmations a step now waits for can be matched. (Between the
      // dossier's update and this, a confirmation finds nothing and is refused — the sender retries, or
      // the step's polling completes the item.)
      if (r) await expectConfirmations(r.doc);
      await send(out);
    },

    /**
     * An external confirmation (the step's `awaits.event`, carrying its key) — a payment platform's signed
     * notification, a postal service's proof of delivery — completes the item waiting for it, as its own
     * delivery's result would. The caller has verified the confirmation. 'unknown' when nothing waits
     * for it (never did, or already completed).
     */
    async confirm(
      event: string,
      key: string,
      output: unknown,
    ): Promise<'confirmed' | 'failed' | 'pending' | 'unknown'> {
      const ref = await deps.store.expected(event, key);
      if (!ref) return 'unknown';
      const out: EngineMessage[] = [];
      let failed: FailedBy | undefined;
      const r = await deps.store.update(ref.dossier, (doc) => {
        out.length = 0;
        failed = undefined;
        const def = defOf(doc);
        const step = def.steps.find((s) => s.id === ref.step);
        const item = doc.steps[ref.step]?.items?.[ref.item];
        if (
          !step ||
          step.awaits?.event !== event ||
          !item ||
          item.state !== 'queued' ||
          item.awaitKey !== key
        )
          return 'unknown' as const;
        // The same verdicts as the step's own polling: still pending changes nothing.
        const verdict = judge(def, doc, step, output);
        if (verdict === 'again') return 'pending' as const;
        item.confirmedBy = event;
        if (verdict === 'fail') {
          failed = failedBy(step, ref.item, output);
          return 'failed' as const;
        }
        completeItem(def, doc, step, ref.item, output, out);
        return 'confirmed' as const;
      });
      if (r?.result === 'pending') return 'pending';
      if (failed) {
        await failStep(
          { kind: 'step', dossier: ref.dossier, step: ref.step, item: ref.item, generation: 0 },
          failed.error,
        );
      }
      await deps.store.unexpect(event, key);
      if (r) await expectConfirmations(r.doc);
      await send(out);
      return r?.result ?? 'unknown';
    },

    /**
     * An officer's decision about the step handed to them: `retry` sends the step's failed deliveries again
     * (redriven from the dead-letter queue, so the receiver sees the same idempotency key), `supplement`
     * or `stop` undoes what must be undone and ends the dossier with the officer's reason.
     * Undefined when the dossier is unknown; `not-waiting` when no step is handed to an officer.
     */
    async decide(
      code: string,
      decision: { action: 'retry' | 'supplement' | 'stop'; reason?: string; by: string },
    ): Promise<DossierDoc | 'not-waiting' | undefined> {
      const out: EngineMessage[] = [];
      const retried: { step: string; item: number; id: string }[] = [];
      const r = await deps.store.update(code, (doc) => {
        retried.length = 0;
        out.length = 0;
        if (!doc.needsOfficer || stopped(doc)) return 'not-waiting' as const;
        const def = defOf(doc);
        const step = def.steps.find((s) => s.id === doc.needsOfficer!.step)!;
        const st = doc.steps[step.id];
        (doc.decisions ??= []).push({
          at: iso(),
          step: step.id,
          action: decision.action,
          ...(decision.reason ? { reason: decision.reason } : {}),
          by: decision.by,
        });
        delete doc.needsOfficer;
        if (decision.action === 'retry') {
          st.state = 'queued';
          delete st.finishedAt;
          delete st.error;
          st.items?.forEach((item, i) => {
            if (item.state === 'done') return;
            item.state = 'queued';
            retried.push({ step: step.id, item: i, id: st.deliveryIds[i] });
          });
          return 'ok' as const;
        }
        doc.reason = `${step.title.vi} / ${step.title.en}: ${decision.reason}`;
        compensate(def, doc, out);
        setStatus(
          def,
          doc,
          decision.action === 'supplement' ? 5 : 8,
          out,
          `${step.title.vi}: ${decision.reason}`,
        );
        return 'ok' as const;
      });
      if (!r) return undefined;
      if (r.result === 'not-waiting') return 'not-waiting';
      await send(out);
      // Send the failed deliveries again from the dead-letter queue. One that is not there (its input never
      // became a delivery) is sent anew under a new key.
      const anew: typeof retried = [];
      for (const x of retried) if (!(await deps.deliveries.redrive(x.id))) anew.push(x);
      if (anew.length) {
        const again: EngineMessage[] = [];
        await deps.store.update(code, (doc) => {
          again.length = 0;
          const def = defOf(doc);
          for (const x of anew) {
            const step = def.steps.find((s) => s.id === x.step)!;
            const st = doc.steps[x.step];
            const item = st.items![x.item];
            if (st.state !== 'queued' || item.state !== 'queued') continue;
            item.generation += 1;
            const m = stepMessage(def, doc, step, x.item, item);
            st.deliveryIds[x.item] = idOf(m);
            again.push(m);
          }
        });
        await send(again);
      }
      return (await deps.store.get(code)) ?? r.doc;
    },

    /** The worker tells the engine a step's delivery failed for good. */
    async onDead(data: DeliveryData, errors: AttemptError[]): Promise<void> {
      const n = data.notify as StepNotice | undefined;
      if (!n || n.kind !== 'step') return;
      const last = errors[errors.length - 1];
      await failStep(n, {
        code: last?.code ?? 'unknown',
        reason: last?.reason ?? 'failed',
        attempts: errors.length,
      });
    },

    /** Re-sends what a crash may have left unsent (every message has a stable key, so nothing is sent twice). */
    async reconcile(): Promise<number> {
      let resent = 0;
      for (const code of await deps.store.active()) {
        const doc = await deps.store.get(code);
        if (!doc) continue;
        const def = deps.procedures.get(doc.procedure);
        if (!def) continue;
        const out: EngineMessage[] = [];
        for (const step of def.steps) {
          const st = doc.steps[step.id];
          if (st.state !== 'queued') continue;
          st.items?.forEach(
            (item, i) => item.state === 'queued' && out.push(stepMessage(def, doc, step, i, item)),
          );
        }
        for (let k = 1; k <= doc.announced; k++) {
          // Announcements are rebuilt from the history: the k-th change is history entry k (after "new").
          const at = Date.parse(doc.history[k]?.at ?? '');
          if (Number.isFinite(at) && now() - at > resendWindow) continue;
          const snapshot = {
            ...doc,
            history: doc.history.slice(0, k + 1),
            status: doc.history[k]?.status ?? doc.status,
          };
          for (const a of announcementsFor(def, snapshot, k, ratingUrl(doc))) {
            out.push({
              ...a,
              client: def.client,
              purpose: NOTICE_PURPOSE,
              procedure: def.id,
              dossierCode: doc.code,
            });
          }
        }
        await send(out);
        await expectConfirmations(doc);
        resent += out.length;
      }
      return resent;
    },
  };
}

export type ProcedureEngine = ReturnType<typeof createProcedureEngine>;
