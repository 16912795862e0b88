/** household/v1: a household (hộ gia đình) by its id or by a member's personal ID → Household_v1. */
import { Joi } from '../../../contracts';
import { RELATIONS_TO_HEAD } from '../../../contracts/schemas/residence';
import { addressSchema } from '../../../contracts/schemas/common';
import { defineService, readUpstream } from '../../sdk';
import type { ResidenceClient } from '../index';
import { fromHoGiaDinh, hoGiaDinhSchema, type HoGiaDinh } from '../mapping';
import { toTraCuuHo, type HouseholdInput } from '../requests';

/** Household ids of the residence database (synthetic layout: HK + province + 8 digits). */
export const HOUSEHOLD_ID = /^[A-Z0-9]{6,30}$/;

const memberRef = {
  personalId: Joi.personalId({ dobKey: null, sexKey: null }).required(),
  fullName: Joi.personName().required(),
};

export const householdOutput = Joi.object({
  householdId: Joi.string().pattern(HOUSEHOLD_ID).required(),
  address: addressSchema.required(),
  head: Joi.object(memberRef).description(
    'Absent while the household has no head: the head’s registration was removed (e.g. at death) and ' +
      'the members have not yet registered a new head (Luật Cư trú 2020 Art. 26)',
  ),
  members: Joi.array()
    .items(
      Joi.object({
        ...memberRef,
        relationToHead: Joi.string()
          .valid(...RELATIONS_TO_HEAD)
          .required(),
      }),
    )
    .required(),
}).id('Household_v1');

export const household = defineService<ResidenceClient, HouseholdInput, Record<string, unknown>>({
  name: 'household',
  version: 1,
  title: 'A household and its members, by household id or by a member’s personal ID',
  kind: 'read',
  input: Joi.object({
    householdId: Joi.string().pattern(HOUSEHOLD_ID),
    personalId: Joi.personalId(),
  })
    .xor('householdId', 'personalId')
    .id('HouseholdRequest_v1'),
  output: householdOutput,
  // A look-up by household id names no single citizen before the answer: no subject then.
  subject: (input) => (input.personalId ? { kind: 'citizen', id: input.personalId } : undefined),
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/ho-gia-dinh/tra-cuu',
      body: toTraCuuHo(input),
    });
    return fromHoGiaDinh(readUpstream<HoGiaDinh>(ctx.client.upstream, hoGiaDinhSchema, res.data));
  },
});
