/**
 * events-of-person/v1: a citizen's civil-status events by personal ID — births (as child or parent),
 * marriages and deaths, each in its contract's shape. Entries a contract cannot express (a migrated birth
 * entry without a mother) are listed in `omitted` by register number, never dropped silently.
 */
import { Joi } from '../../../contracts';
import { birthEventSchema, deathEventSchema, marriageEventSchema } from '../../../contracts/schemas/events';
import { defineService } from '../../sdk';
import { traCuuAnswerSchema, type KetQuaTraCuu } from '../dialect';
import type { CivilStatusClient } from '../index';
import { fromKetQuaTraCuu, readAnswer } from '../mapping';

export const civilStatusEvents = Joi.object({
  personalId: Joi.personalId({ dobKey: null, sexKey: null }).required(),
  births: Joi.array()
    .items(birthEventSchema)
    .required()
    .description('Births of the person, or of their children'),
  marriages: Joi.array().items(marriageEventSchema).required(),
  deaths: Joi.array().items(deathEventSchema).required(),
  omitted: Joi.array()
    .items(
      Joi.object({
        kind: Joi.string().valid('birth').required(),
        registerNumber: Joi.string().max(50).required(),
        reason: Joi.string().valid('MOTHER_UNDETERMINED').required(),
      }),
    )
    .description('Register entries the contracts cannot express, with the reason'),
}).id('CivilStatusEvents_v1');

export const eventsOfPerson = defineService<
  CivilStatusClient,
  { personalId: string },
  Record<string, unknown>
>({
  name: 'events-of-person',
  version: 1,
  title: "A citizen's civil-status events (births, marriages, deaths)",
  kind: 'read',
  input: Joi.object({
    personalId: Joi.personalId({ dobKey: null, sexKey: null }).required(),
  }).id('EventsOfPersonRequest_v1'),
  output: civilStatusEvents,
  subject: (input) => ({ kind: 'citizen', id: input.personalId }),
  async execute(ctx, input) {
    const res = await ctx.client.call(ctx, {
      operation: 'TraCuuSuKienHoTich',
      body: { soDinhDanh: input.personalId },
    });
    return fromKetQuaTraCuu(
      readAnswer<KetQuaTraCuu>(ctx.client.upstream, res, 'TraCuuSuKienHoTichResponse', traCuuAnswerSchema),
    );
  },
});
