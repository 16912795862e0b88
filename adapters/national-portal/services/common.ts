/**
 * Schemas the portal's services share: pieces of the dossier@2 contract (extracted, so they cannot drift
 * from it) and the acknowledgement every write returns, PortalAck_v1.
 */
import type { ObjectSchema, Schema } from 'joi';
import { contracts, Joi } from '../../../contracts';

const registered = contracts.get('dossier@2');
if (!registered) throw new Error('contract dossier@2 is not registered');

/** The dossier@2 contract's own schema (id Dossier_v2): sync-dossier's input. */
export const dossierContract: ObjectSchema = registered.schema;

/** `4–50` letters, digits, dots, hyphens, underscores, as in dossier@2. */
export const dossierCode: Schema = dossierContract.extract('dossierCode');
/** 1–10, as in dossier@2. */
export const dossierStatus: Schema = dossierContract.extract('status');
/** `{ code, name? }`, as in dossier@2. */
export const unitRef: Schema = dossierContract.extract('processingUnit');

export const portalAck = Joi.object({
  portalId: Joi.string().min(1).max(50).required().description("The portal's own id of the dossier"),
  receivedAt: Joi.timestamp().required().description('When the portal recorded the call'),
  dossierCode: dossierCode.required(),
  status: dossierStatus.required().description('The status the portal holds after the call'),
})
  .id('PortalAck_v1')
  .description('The national portal acknowledges a dossier, a status change or a rating');
