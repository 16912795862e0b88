/**
 * The procedures API: POST /v1/procedures/{procedure}/dossiers (submit: only what the state does not hold),
 * GET /v1/procedures/{procedure}/prefill?subject= (the form prefilled, each field with its source and time),
 * GET /v1/dossiers/{code} (the timeline), POST /v1/dossiers/{code}/decisions (an officer's decision about a
 * step handed to them: retry, supplement, stop), GET /v1/procedures (what can be submitted).
 * Submitting and prefilling are for the procedure's receiving system, under the procedure's purpose.
 */
import type { Request } from 'express';
import { contractProblem, fieldError, fieldErrorsFromJoi, Joi } from '../../contracts';
import { parsePersonalId } from '../../contracts/validators/personal-id';
import type { HubDeps } from '../context';
import { jsonAnswer } from '../exchange/respond';
import { parseJsonBody } from '../http/body';
import { memberRoute } from '../http/member-route';
import { HubError } from '../http/problem';
import type { VerifiedRequest } from '../protocol';
import type { ProcedureDef } from './definition';
import type { ProcedureEngine } from './engine';
import { checkChoices } from './choices';
import { formSchema } from './form';
import { timelineOf } from './timeline';

// Built with the contracts' Joi, so the officer's free-text reason gets the free-text check.
export const decisionBody = Joi.object({
  action: Joi.string().valid('retry', 'supplement', 'stop').required(),
  reason: Joi.string().trim().min(3).max(500).when('action', {
    is: 'retry',
    then: Joi.optional(),
    otherwise: Joi.required(),
  }),
});

export const submission = Joi.object({
  applicant: Joi.object({ personalId: Joi.string().required() }).required(),
  form: Joi.object().unknown().required(),
  channel: Joi.number().integer().valid(1, 2, 3).default(2),
  /** Pay online, result by post: checked against what the procedure offers (choices.ts). */
  choices: Joi.any(),
  /** The prefill the applicant saw: its reads are not made again. */
  prefillId: Joi.string().pattern(/^[A-Za-z0-9_-]{16,64}$/),
});

function procedureFor(engine: ProcedureEngine, req: Request, v: VerifiedRequest): ProcedureDef {
  const id = String((req.params as Record<string, string>).procedure);
  const def = engine.procedure(id);
  if (!def) throw new HubError('PROCEDURE_UNKNOWN', { procedure: id.slice(0, 80) });
  if (def.client !== v.client)
    throw new HubError('FORBIDDEN_SERVICE', { member: v.client, service: `procedure ${def.id}` });
  if (def.purpose !== v.purpose)
    throw new HubError('FORBIDDEN_PURPOSE', { purpose: v.purpose, service: `procedure ${def.id}` });
  return def;
}

function subjectOf(raw: unknown, path: (string | number)[]): string {
  const id = parsePersonalId(raw);
  if (!id.ok)
    throw new HubError(
      'CONTRACT_INVALID',
      { contract: 'procedure request' },
      { errors: [fieldError(path, id.code, id.context)] },
    );
  return id.value.id;
}

export function createProcedureRoutes(deps: HubDeps, engine: ProcedureEngine) {
  const submit = memberRoute(deps, {
    route: 'procedure-submit',
    service: (req) =>
      `hub:POST /v1/procedures/${String((req.params as Record<string, string>).procedure).slice(0, 60)}/dossiers`,
    async handle(req, _res, raw, v, st) {
      const def = procedureFor(engine, req, v);
      const body = submission.validate(parseJsonBody(req, raw, deps.config.hub.limits.jsonDepth), {
        abortEarly: false,
      });
      if (body.error) {
        const p = contractProblem('procedure submission', fieldErrorsFromJoi(body.error));
        throw new HubError('CONTRACT_INVALID', { contract: 'procedure submission' }, { errors: p.errors });
      }
      const subject = subjectOf(body.value.applicant.personalId, ['applicant', 'personalId']);
      const form = formSchema(def).validate(body.value.form, {
        abortEarly: false,
        errors: { render: false },
      });
      if (form.error) {
        const name = String((formSchema(def).describe().flags as { id?: string }).id);
        const p = contractProblem(
          name,
          fieldErrorsFromJoi(form.error).map((e) => ({
            ...e,
            path: `form.${e.path}`,
            pointer: `/form${e.pointer}`,
          })),
        );
        throw new HubError(
          'CONTRACT_INVALID',
          { contract: name },
          { detail: p.detail, detailVi: p.detailVi, errors: p.errors },
        );
      }
      const choices = checkChoices(def, body.value.choices);
      st.subject = { kind: 'citizen', id: subject };
      st.procedure = def.id;
      const doc = await engine.submit(def, {
        subject,
        form: form.value,
        choices,
        channel: body.value.channel,
        prefillId: body.value.prefillId,
      });
      st.dossierCode = doc.code;
      const location = `/v1/dossiers/${doc.code}`;
      return jsonAnswer(202, { dossierCode: doc.code, status: doc.status, location }, { location });
    },
  });

  const prefill = memberRoute(deps, {
    route: 'procedure-prefill',
    service: (req) =>
      `hub:GET /v1/procedures/${String((req.params as Record<string, string>).procedure).slice(0, 60)}/prefill`,
    async handle(req, _res, _raw, v, st) {
      const def = procedureFor(engine, req, v);
      const subject = subjectOf(req.query.subject, ['subject']);
      st.subject = { kind: 'citizen', id: subject };
      st.procedure = def.id;
      const { reads, provenance, prefillId } = await engine.prefill(def, subject);
      const prefilled = Object.fromEntries(
        Object.entries(reads).map(([k, value]) => [
          k,
          {
            value,
            source: provenance[k].service,
            fetchedAt: provenance[k].fetchedAt,
            messageId: provenance[k].messageId,
          },
        ]),
      );
      st.fields = Object.keys(prefilled);
      return jsonAnswer(200, {
        procedure: { id: def.id, code: def.procedureCode, name: def.name },
        subject,
        // Sent back with the submission, the reads shown here are not made again.
        prefillId,
        toType: Object.fromEntries(
          Object.entries(def.form).map(([k, f]) => [
            k,
            { type: f.type, required: f.required !== false, label: f.label, choices: f.choices, why: f.why },
          ]),
        ),
        prefilled,
      });
    },
  });

  const timeline = memberRoute(deps, {
    route: 'dossier',
    service: () => 'hub:GET /v1/dossiers/{code}',
    async handle(req, _res, _raw, v, st) {
      const code = String((req.params as Record<string, string>).code);
      const doc = /^[A-Za-z0-9._-]{4,60}$/.test(code) ? await deps.procedureStore!.get(code) : undefined;
      const def = doc ? engine.procedure(doc.procedure) : undefined;
      const allowed =
        def && (def.client.split('/')[0] === v.memberId || deps.policy.hasRight(v.memberId, 'procedures'));
      if (!doc || !def || !allowed) throw new HubError('DOSSIER_UNKNOWN', { code: code.slice(0, 60) });
      st.dossierCode = doc.code;
      st.procedure = def.id;
      return jsonAnswer(
        200,
        await timelineOf(def, doc, {
          config: deps.config,
          deliveries: deps.deliveries!,
          clock: deps.procedureClock ?? deps.clock ?? Date.now,
          calendar: deps.calendar!,
        }),
      );
    },
  });

  /** An officer of the processing unit decides about a step handed to them (see ProcedureEngine.decide). */
  const decide = memberRoute(deps, {
    route: 'dossier-decision',
    service: () => 'hub:POST /v1/dossiers/{code}/decisions',
    async handle(req, _res, raw, v, st) {
      const code = String((req.params as Record<string, string>).code);
      const doc = /^[A-Za-z0-9._-]{4,60}$/.test(code) ? await deps.procedureStore!.get(code) : undefined;
      const def = doc ? engine.procedure(doc.procedure) : undefined;
      // Only the processing unit's own system decides; to anyone else the dossier does not exist.
      if (!doc || !def || def.client !== v.client)
        throw new HubError('DOSSIER_UNKNOWN', { code: code.slice(0, 60) });
      st.dossierCode = doc.code;
      st.procedure = def.id;
      const body = decisionBody.validate(parseJsonBody(req, raw, deps.config.hub.limits.jsonDepth), {
        abortEarly: false,
      });
      if (body.error) {
        const p = contractProblem('officer decision', fieldErrorsFromJoi(body.error));
        throw new HubError('CONTRACT_INVALID', { contract: 'officer decision' }, { errors: p.errors });
      }
      const r = await engine.decide(doc.code, { ...body.value, by: v.client });
      if (r === undefined) throw new HubError('DOSSIER_UNKNOWN', { code: doc.code });
      if (r === 'not-waiting') throw new HubError('DOSSIER_NOT_WAITING', { code: doc.code });
      return jsonAnswer(
        200,
        await timelineOf(def, r, {
          config: deps.config,
          deliveries: deps.deliveries!,
          clock: deps.procedureClock ?? deps.clock ?? Date.now,
          calendar: deps.calendar!,
        }),
      );
    },
  });

  const list = memberRoute(deps, {
    route: 'procedures',
    service: () => 'hub:GET /v1/procedures',
    async handle(_req, _res, _raw, v) {
      return jsonAnswer(200, {
        procedures: engine
          .procedures()
          .filter((d) => d.client === v.client)
          .map((d) => ({
            id: d.id,
            code: d.procedureCode,
            name: d.name,
            purpose: d.purpose,
            form: Object.keys(d.form),
            steps: d.steps.map((s) => s.id),
          })),
      });
    },
  });
  return { submit, prefill, timeline, decide, list };
}
