/**
 * Joint procedures as data (config/procedures/*.json): the form the applicant types, the authoritative
 * reads (once-only), the steps — the service each calls, how its input is built from the dossier, earlier
 * outputs and the reads, its statutory limit, what undoes it, and what to do when it fails for good — and
 * the announcements on each status change. Loaded and validated at start; a bad file stops the start with
 * the file and the key at fault.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Joi from 'joi';
import { PROCEDURE_CODE_PATTERN } from '../../contracts/schemas/common';
import { CLIENT_ID_PATTERN, PURPOSE_PATTERN, SERVICE_ID_PATTERN } from '../../contracts/schemas/envelope';
import { ConfigError } from '../../config/loader';
import type { WorkingLimit } from './calendar';

export type Template = unknown;
/**
 * What a step's failure for good does: hand the dossier to an officer, ask the applicant to supplement,
 * stop processing — or, for a step that delivers the result (`deliversResult`), take the result back to
 * the office (the dossier stays "processing finished" with a note, and the applicant is told to collect it).
 */
export type OnFailure = 'supplement' | 'stop' | 'officer' | 'office';

/** A fee or charge the applicant pays (lệ phí, phí): how much, to whom, on what legal basis. */
export interface FeeDef {
  name: string;
  /** In VND, whole đồng. */
  amount: number;
  /** A fee (lệ phí) or a charge (phí): the payment platform's item kinds. @defaultValue 'fee' */
  kind: 'fee' | 'charge';
  /** The unit the fee is paid to. */
  payee: { code: string; name: string };
  /** The legal act that sets the fee. */
  legalBasis: string;
}

/** A condition on the dossier's context: the value at `path` equals `equals`. */
export interface Condition {
  path: string;
  equals: unknown;
}

export interface FormField {
  type: 'string' | 'personName' | 'personalId' | 'fullDate' | 'integer' | 'communeCode' | 'choice' | 'list';
  required?: boolean;
  pattern?: string;
  choices?: string[];
  min?: number;
  max?: number;
  label: { vi: string; en: string };
  /** Why the applicant types it: nothing the hub can read holds it. */
  why: 'reference' | 'new' | 'decision' | 'not-held';
}

export interface ReadDef {
  /** Name under which the answer is kept: `$.reads.<as>`. */
  as: string;
  service: string;
  input: Template;
  /** The read is skipped when its input cannot be built (e.g. no father declared). */
  optional?: boolean;
  /** The read needs only the subject, so the prefill endpoint can show it. */
  prefill?: boolean;
}

export interface StepDef {
  id: string;
  title: { vi: string; en: string };
  service: string;
  /**
   * The legal basis of this step's exchange when it is not the procedure's own (a fee paid through the
   * payment platform: `thanh-toan.phi-le-phi`; a result handed to the post: `buu-chinh.tra-ket-qua`).
   */
  purpose?: string;
  /** Steps that must be done first. */
  after?: string[];
  input: Template;
  /** Statutory (configured) time for the step from when it starts, in working days or working hours. */
  limit: WorkingLimit;
  /** For each item of this array a call is made; the step is done when all are. */
  forEach?: string;
  /** The step runs only when this holds (e.g. the applicant chose to pay online); it is skipped otherwise. */
  when?: Condition;
  /** A read repeated until the output satisfies this condition. */
  until?: Condition;
  /** An `until` step fails for good (onFailure) when its output's value at `path` is one of `in`. */
  failWhen?: { path: string; in: unknown[]; reason: { vi: string; en: string } };
  /**
   * The step delivers the result (posts it): the dossier is "processing finished" (9) before it starts and
   * "result returned" (10) only when it is done.
   */
  deliversResult?: boolean;
  /**
   * An external confirmation the step's items wait for (a payment platform's signed notification, a
   * postal service's proof of delivery): `event` names it, `key` (a template over `$.item` and the
   * dossier) is what the confirmation carries to find the item. Whichever comes first completes the item:
   * the confirmation (engine.confirm) or, with `until`, the step's own polling.
   */
  awaits?: { event: string; key: string };
  /** Pause between repetitions of an `until` step. @defaultValue 2000 */
  everyMs?: number;
  /** The dossier status while this step runs (e.g. 6: waiting for the financial obligation). */
  statusWhileRunning?: number;
  /** What undoes this step when the procedure stops after it. */
  compensate?: { service: string; input: Template };
  onFailure: OnFailure;
}

export interface ProcedureDef {
  id: string;
  version: number;
  procedureCode: string;
  /** What the definition relies on (laws, unverified values). */
  notes?: string;
  name: { vi: string; en: string };
  purpose: string;
  /** The member system that receives the dossier and acts for the applicant: `member/subsystem`. */
  client: string;
  processingUnit: { code: string; name: string };
  /** Commune of the receiving unit (post-reform code). */
  communeCode: string;
  /** Statutory processing time from receipt, in working days (or working hours where the law says hours). */
  limit: WorkingLimit;
  onlineService: 'end-to-end' | 'partial' | 'none';
  fees: FeeDef[];
  /** Whether the result may be sent by the public postal service (Decision 45/2016/QĐ-TTg), for what postage. */
  resultByPost: { allowed: boolean; postage?: number };
  form: Record<string, FormField>;
  reads: ReadDef[];
  /** Where the applicant's contact details are, for the announcements. */
  contact: { name: string; phone?: string; email?: string };
  steps: StepDef[];
  file: string;
}

const text = Joi.object({ vi: Joi.string().required(), en: Joi.string().required() });
const service = Joi.string().pattern(SERVICE_ID_PATTERN);
const id = Joi.string().pattern(/^[a-z][a-z0-9-]{0,40}$/);
/** A limit in whole working days, or in working hours. */
const limit = Joi.object({
  workingDays: Joi.number().integer().min(1).max(366),
  workingHours: Joi.number().positive().max(2000),
}).xor('workingDays', 'workingHours');

const condition = Joi.object({
  path: Joi.string().pattern(/^\$\./).required(),
  equals: Joi.any().required(),
});

const schema = Joi.object<ProcedureDef>({
  id: id.required(),
  version: Joi.number().integer().min(1).required(),
  procedureCode: Joi.string().pattern(PROCEDURE_CODE_PATTERN).required(),
  notes: Joi.string(),
  name: text.required(),
  purpose: Joi.string().pattern(PURPOSE_PATTERN).required(),
  client: Joi.string().pattern(CLIENT_ID_PATTERN).required(),
  processingUnit: Joi.object({ code: Joi.string().required(), name: Joi.string().required() }).required(),
  communeCode: Joi.string()
    .pattern(/^\d{5}$/)
    .required(),
  limit: limit.required(),
  onlineService: Joi.string().valid('end-to-end', 'partial', 'none').required(),
  fees: Joi.array()
    .items(
      Joi.object({
        name: Joi.string().required(),
        amount: Joi.number().integer().min(0).required(),
        kind: Joi.string().valid('fee', 'charge').default('fee'),
        payee: Joi.object({ code: Joi.string().required(), name: Joi.string().required() }).required(),
        legalBasis: Joi.string().required(),
      }),
    )
    .default([]),
  resultByPost: Joi.object({
    allowed: Joi.boolean().required(),
    postage: Joi.number().integer().min(0),
  }).default({ allowed: false }),
  form: Joi.object()
    .pattern(
      Joi.string().pattern(/^[a-z][A-Za-z0-9]{0,40}$/),
      Joi.object({
        type: Joi.string()
          .valid('string', 'personName', 'personalId', 'fullDate', 'integer', 'communeCode', 'choice', 'list')
          .required(),
        required: Joi.boolean().default(true),
        pattern: Joi.string(),
        choices: Joi.array().items(Joi.string()).min(1).when('type', { is: 'choice', then: Joi.required() }),
        min: Joi.number(),
        max: Joi.number(),
        label: text.required(),
        why: Joi.string().valid('reference', 'new', 'decision', 'not-held').required(),
      }),
    )
    .min(1)
    .required(),
  reads: Joi.array()
    .items(
      Joi.object({
        as: Joi.string()
          .pattern(/^[a-z][A-Za-z0-9]{0,40}$/)
          .required(),
        service: service.required(),
        input: Joi.any().required(),
        optional: Joi.boolean(),
        prefill: Joi.boolean(),
      }),
    )
    .unique('as')
    .required(),
  contact: Joi.object({ name: Joi.string().required(), phone: Joi.string(), email: Joi.string() }).required(),
  steps: Joi.array()
    .items(
      Joi.object({
        id: id.required(),
        title: text.required(),
        service: service.required(),
        purpose: Joi.string().pattern(PURPOSE_PATTERN),
        after: Joi.array().items(id).default([]),
        input: Joi.any().required(),
        limit: limit.required(),
        forEach: Joi.string(),
        when: condition,
        until: condition,
        failWhen: Joi.object({
          path: Joi.string().pattern(/^\$\./).required(),
          in: Joi.array().min(1).required(),
          reason: text.required(),
        }),
        deliversResult: Joi.boolean(),
        awaits: Joi.object({
          event: Joi.string()
            .pattern(/^[a-z][a-z0-9.-]{0,40}$/)
            .required(),
          key: Joi.string().pattern(/^\$\./).required(),
        }),
        everyMs: Joi.number().integer().min(50).max(3_600_000),
        statusWhileRunning: Joi.number().integer().valid(4, 6),
        compensate: Joi.object({ service: service.required(), input: Joi.any().required() }),
        onFailure: Joi.string().valid('supplement', 'stop', 'officer', 'office').required(),
      })
        .with('failWhen', 'until')
        .when(Joi.object({ onFailure: Joi.valid('office') }).unknown(), {
          then: Joi.object({ deliversResult: Joi.valid(true).required() }),
        }),
    )
    .min(1)
    .unique('id')
    .required(),
});

/** Loads every procedure file; cross-checks step dependencies and the services they name. */
export function loadProcedures(
  dir: string,
  knownServices: (service: string) => boolean,
): Map<string, ProcedureDef> {
  const out = new Map<string, ProcedureDef>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = relative(process.cwd(), join(dir, name)) || name;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (err) {
      throw new ConfigError(file, '', `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const { error, value } = schema.validate(raw, { abortEarly: true, convert: true });
    if (error) throw new ConfigError(file, error.details[0].path.join('.'), error.details[0].message);
    const def = { ...value, file } as ProcedureDef;
    const steps = new Set(def.steps.map((s) => s.id));
    def.steps.forEach((s, i) => {
      for (const a of s.after ?? []) {
        if (!steps.has(a)) throw new ConfigError(file, `steps[${i}].after`, `no step "${a}"`);
        // The result is ready before it is delivered: processing never waits on a delivery step.
        if (!s.deliversResult && def.steps.find((x) => x.id === a)?.deliversResult)
          throw new ConfigError(file, `steps[${i}].after`, `"${a}" delivers the result; "${s.id}" does not`);
      }
      for (const [key, svc] of [
        ['service', s.service],
        ['compensate.service', s.compensate?.service],
      ] as const) {
        if (svc && !knownServices(svc))
          throw new ConfigError(file, `steps[${i}].${key}`, `service ${svc} is not configured`);
      }
    });
    def.reads.forEach((r, i) => {
      if (!knownServices(r.service))
        throw new ConfigError(file, `reads[${i}].service`, `service ${r.service} is not configured`);
    });
    if (out.has(def.id)) throw new ConfigError(file, 'id', `procedure ${def.id} is defined twice`);
    out.set(def.id, def);
  }
  return out;
}
