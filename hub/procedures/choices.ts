/**
 * The applicant's level-4 choices at submission: pay the procedure's fees online (national payment
 * platform) or at the office, and receive the result by post (public postal service, Decision
 * 45/2016/QĐ-TTg) at an address, or at the office. The shape is checked by Joi; what the procedure
 * offers is checked against its definition, each refusal naming the field at fault in Vietnamese and
 * English (problem+json, CONTRACT_INVALID).
 */
import { contractProblem, fieldError, fieldErrorsFromJoi, Joi, type FieldError } from '../../contracts';
import { addressSchema } from '../../contracts/schemas/common';
import { HubError } from '../http/problem';
import type { ProcedureDef } from './definition';
import type { DossierChoices } from './types';

export const choicesSchema = Joi.object({
  payOnline: Joi.boolean().default(false).description('Pay the fees through the national payment platform'),
  result: Joi.object({
    by: Joi.string().valid('office', 'post').required(),
    address: addressSchema.description('Where the post delivers the result (when by = post)'),
    phone: Joi.phone().description('The recipient’s phone for the postman, when not the applicant’s'),
  }).default({ by: 'office' }),
})
  .default({ payOnline: false, result: { by: 'office' } })
  .id('DossierChoices_v1');

const CONTRACT = 'DossierChoices_v1';

const refuse = (errors: FieldError[]): never => {
  const p = contractProblem(CONTRACT, errors);
  throw new HubError('CONTRACT_INVALID', { contract: CONTRACT }, { errors: p.errors });
};

/** Validates the choices against what the procedure offers; throws a CONTRACT_INVALID HubError. */
export function checkChoices(def: ProcedureDef, raw: unknown): DossierChoices {
  const { error, value } = choicesSchema.validate(raw, { abortEarly: false });
  if (error)
    return refuse(
      fieldErrorsFromJoi(error).map((e) => ({
        ...e,
        path: `choices.${e.path}`,
        pointer: `/choices${e.pointer}`,
      })),
    );
  const v = value as {
    payOnline: boolean;
    result: { by: 'office' | 'post'; address?: Record<string, unknown>; phone?: string };
  };
  const errors: FieldError[] = [];
  if (v.payOnline && !def.fees.some((f) => f.amount > 0) && !def.steps.some(paysOnline))
    errors.push(fieldError(['choices', 'payOnline'], 'PAYMENT_NOT_OFFERED'));
  if (v.result.by === 'post') {
    if (!def.resultByPost.allowed)
      errors.push(fieldError(['choices', 'result', 'by'], 'POSTAL_RESULT_NOT_OFFERED'));
    else if (!v.result.address?.text || !v.result.address.communeCode || !v.result.address.provinceCode)
      errors.push(fieldError(['choices', 'result', 'address'], 'POSTAL_ADDRESS_REQUIRED'));
  }
  if (errors.length) refuse(errors);
  if (v.result.by === 'office') return { payOnline: v.payOnline, result: { by: 'office' } };
  const a = v.result.address!;
  return {
    payOnline: v.payOnline,
    result: {
      by: 'post',
      address: {
        text: String(a.text),
        communeCode: String(a.communeCode),
        provinceCode: String(a.provinceCode),
        ...(a.catalogue ? { catalogue: String(a.catalogue) } : {}),
      },
      ...(v.result.phone ? { phone: v.result.phone } : {}),
    },
  };
}

/** A step that runs only when the applicant pays online (its `when` reads `$.choices.payOnline`). */
const paysOnline = (s: ProcedureDef['steps'][number]) =>
  s.when?.path === '$.choices.payOnline' && s.when.equals === true;
