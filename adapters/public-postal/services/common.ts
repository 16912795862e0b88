/** Shared by the postal services: reading the envelope, and the tracking-number request. */
import { Joi } from '../../../contracts';
import { shipmentSchema } from '../../../contracts/schemas/payment';
import { readUpstream, type RestResponse } from '../../sdk';
import { CODE, phanHoiSchema } from '../dialect';
import { envelopeRefusal } from '../mapping';

export const trackingInput = Joi.object({
  trackingNumber: shipmentSchema.extract('trackingNumber').required(),
}).id('ShipmentByTrackingNumberRequest_v1');

/** The envelope's data; any code but 00 is a refusal, also in a 2xx answer (208, a repeat). */
export function readEnvelope(upstream: string, res: RestResponse): unknown {
  const env = readUpstream<{ code: string; message: string; data: unknown }>(
    upstream,
    phanHoiSchema,
    res.data,
  );
  if (env.code !== CODE.OK) throw envelopeRefusal(env.code, env.message);
  return env.data;
}
