/** The applicant's form, compiled from its declaration into a Joi schema with the contracts' own types. */
import type { ObjectSchema, Schema } from 'joi';
import { Joi } from '../../contracts';
import type { FormField, ProcedureDef } from './definition';

function fieldSchema(f: FormField): Schema {
  let s: Schema;
  switch (f.type) {
    case 'personName':
      s = Joi.personName();
      break;
    case 'personalId':
      s = Joi.personalId({ dobKey: null, sexKey: null });
      break;
    case 'fullDate':
      s = Joi.fullDate({ notFuture: true });
      break;
    case 'integer':
      s = Joi.number()
        .integer()
        .min(f.min ?? 0)
        .max(f.max ?? Number.MAX_SAFE_INTEGER);
      break;
    case 'communeCode':
      s = Joi.string().pattern(/^\d{5}$/);
      break;
    case 'choice':
      s = Joi.string().valid(...(f.choices ?? []));
      break;
    case 'list':
      s = Joi.array()
        .items(f.pattern ? Joi.string().pattern(new RegExp(f.pattern)) : Joi.string())
        .min(1)
        .max(f.max ?? 50)
        .unique();
      break;
    default:
      s = f.pattern ? Joi.vnText().pattern(new RegExp(f.pattern)) : Joi.vnText().max(f.max ?? 300);
  }
  return (f.required === false ? s : s.required()).description(`${f.label.vi} / ${f.label.en}`);
}

const cache = new WeakMap<ProcedureDef, ObjectSchema>();

export function formSchema(def: ProcedureDef): ObjectSchema {
  let s = cache.get(def);
  if (!s) {
    s = Joi.object(Object.fromEntries(Object.entries(def.form).map(([k, f]) => [k, fieldSchema(f)]))).id(
      `${def.id.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase())}Form_v${def.version}`,
    );
    cache.set(def, s);
  }
  return s;
}
