/**
 * parcel/v1: a land parcel by commune (post-reform code) + map sheet + parcel number → land-parcel@1.
 * No subject: the request names a piece of land, not a person (the holders are only known from the answer).
 */
import { parcelKeySchema } from '../../../contracts/schemas/land';
import { defineService } from '../../sdk';
import { ask } from '../ask';
import { traCuuAnswer, type ThuaDat } from '../dialect';
import type { LandRegistryClient } from '../index';
import { fromThuaDat } from '../mapping';
import { toKhoaThua, type ParcelKey } from '../mapping-transfer';

export const parcel = defineService<LandRegistryClient, ParcelKey, Record<string, unknown>>({
  name: 'parcel',
  version: 1,
  title: 'A land parcel by commune, map sheet and parcel number',
  kind: 'read',
  input: parcelKeySchema.id('ParcelRequest_v1'),
  output: 'land-parcel@1',
  async execute(ctx, input) {
    const r = await ask<{ thuaDat: ThuaDat }>(ctx, 'TraCuuThuaDat', toKhoaThua(input), traCuuAnswer);
    return fromThuaDat(r.thuaDat);
  },
});
