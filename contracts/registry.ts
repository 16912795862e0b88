/**
 * The contract registry: every canonical record shape with its name and version (`person@1`). An
 * incompatible change is a new version registered beside the old one, with an upgrade function from the
 * previous version.
 */
import type { ObjectSchema } from 'joi';
import { personSchema } from './schemas/person';
import { addressSchema } from './schemas/common';
import { birthEventSchema, deathEventSchema, marriageEventSchema } from './schemas/events';
import { residenceSchema } from './schemas/residence';
import { informationSlipSchema, landParcelSchema, landTransferSchema } from './schemas/land';
import { householdBusinessSchema, taxObligationSchema, taxRegistrationSchema } from './schemas/tax';
import { healthInsuranceCardSchema } from './schemas/health-insurance';
import { dossierV1Schema, dossierV2Schema, upgradeDossierV1 } from './schemas/dossier';
import { envelopeSchema } from './schemas/envelope';
import { paymentSchema, proofOfDeliverySchema, shipmentSchema } from './schemas/payment';

export interface ContractDefinition {
  /** Kebab-case name, e.g. `land-transfer`. */
  name: string;
  version: number;
  /** `name@version`. */
  id: string;
  /** Component name in OpenAPI documents and generated types, e.g. `LandTransfer_v1`. */
  typeName: string;
  title: string;
  schema: ObjectSchema;
  /** The previous version and how to turn its records into this one. */
  upgrade?: { from: string; fn: (previous: Record<string, unknown>) => Record<string, unknown> };
}

const def = (
  name: string,
  version: number,
  title: string,
  schema: ObjectSchema,
  upgrade?: ContractDefinition['upgrade'],
): ContractDefinition => {
  const typeName = `${name.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase())}_v${version}`;
  return { name, version, id: `${name}@${version}`, typeName, title, schema: schema.id(typeName), upgrade };
};

const definitions: ContractDefinition[] = [
  def('person', 1, 'Person', personSchema),
  def('address', 1, 'Address', addressSchema),
  def('birth-event', 1, 'Birth event', birthEventSchema),
  def('death-event', 1, 'Death event', deathEventSchema),
  def('marriage-event', 1, 'Marriage event', marriageEventSchema),
  def('residence', 1, 'Residence registration', residenceSchema),
  def('land-parcel', 1, 'Land parcel', landParcelSchema),
  def('land-transfer', 1, 'Land-use-right transfer', landTransferSchema),
  def('information-slip', 1, 'Mẫu 15 information slip from the land office to tax', informationSlipSchema),
  def('tax-registration', 1, 'Tax registration', taxRegistrationSchema),
  def('tax-obligation', 1, 'Tax obligation', taxObligationSchema),
  def('household-business', 1, 'Household business', householdBusinessSchema),
  def('health-insurance-card', 1, 'Health-insurance card', healthInsuranceCardSchema),
  def('dossier', 1, 'Dossier (online-service level 1–4)', dossierV1Schema),
  def('dossier', 2, 'Dossier (Decree 42/2022 online-service kind)', dossierV2Schema, {
    from: 'dossier@1',
    fn: upgradeDossierV1,
  }),
  def('envelope', 1, 'Hub message envelope', envelopeSchema),
  def('payment', 1, 'Payment of fees or obligations (national payment platform)', paymentSchema),
  def('shipment', 1, 'Result posted home (public postal service)', shipmentSchema),
  def('proof-of-delivery', 1, 'Proof of delivery of a shipment', proofOfDeliverySchema),
];

const byId = new Map(definitions.map((d) => [d.id, d]));

export const contracts = {
  list(): readonly ContractDefinition[] {
    return definitions;
  },
  get(id: string): ContractDefinition | undefined {
    return byId.get(id);
  },
  /** The newest version of a contract name. */
  latest(name: string): ContractDefinition | undefined {
    let best: ContractDefinition | undefined;
    for (const d of definitions) if (d.name === name && (!best || d.version > best.version)) best = d;
    return best;
  },
  /** Parses `person@1`; a bare name means the newest version. */
  resolve(ref: string): ContractDefinition | undefined {
    return ref.includes('@') ? byId.get(ref) : this.latest(ref);
  },
};
