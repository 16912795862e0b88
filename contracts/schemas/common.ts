/**
 * Building blocks shared by the contract schemas: address, references to people and organisations,
 * money, documents, and the derived-field helpers that keep normalisation idempotent.
 */
import { Joi } from '../extensions';
import { CATALOGUES, LATEST_CATALOGUE, UNIT_CATALOGUES } from '../validators/admin-unit-catalogues';

/** Member ids look like `VN:GOV:79:SO-TNMT` (country : class : province code : agency code). */
export const MEMBER_ID_PATTERN = /^[A-Z]{2}:[A-Z]{2,10}:[0-9A-Z]{1,3}:[A-Z0-9](?:[A-Z0-9-]{0,38}[A-Z0-9])?$/;
/** A portal procedure code, `d.dDDDDD` (e.g. `1.000656` death registration). */
export const PROCEDURE_CODE_PATTERN = /^\d\.\d{6}$/;

/**
 * An e-mail address: the WHATWG HTML "valid e-mail address" syntax (what browsers accept in
 * input[type=email]), lower-cased. Cheaper than Joi's RFC 5321 parser by an order of magnitude on the hot path.
 */
export const emailSchema = Joi.string()
  .max(254)
  .pattern(
    /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/,
  )
  .lowercase()
  .description('E-mail address (WHATWG syntax), returned in lower case');

export const sexSchema = Joi.string().valid('male', 'female').description('Sex: male or female');

export const catalogueSchema = Joi.string()
  .valid(...CATALOGUES)
  .description(
    `Catalogue the unit codes belong to: ${CATALOGUES.map((c) => `\`${c}\``).join(', ')}. A date labels the ` +
      'catalogue in force from that day (the post-reform ones share their codes); `legacy` is before the ' +
      `1 July 2025 reform. \`${LATEST_CATALOGUE}\` is the latest the hub holds.`,
  );

const currentUnitSchema = Joi.object({
  catalogue: Joi.string()
    .valid(...UNIT_CATALOGUES)
    .required(),
  status: Joi.string().valid('exact', 'ambiguous').required(),
  communeCode: Joi.string().pattern(/^\d{5}$/),
  communeName: Joi.string(),
  provinceCode: Joi.string().pattern(/^\d{2}$/),
  provinceName: Joi.string(),
  candidates: Joi.array().items(
    Joi.object({
      communeCode: Joi.string()
        .pattern(/^\d{5}$/)
        .required(),
      communeName: Joi.string().required(),
    }),
  ),
}).description(
  `Derived for legacy codes: where the unit is now, in the latest catalogue (\`${LATEST_CATALOGUE}\`). ` +
    '`ambiguous` lists every candidate (the old commune was split) — the hub never guesses.',
);

export const addressSchema = Joi.object({
  text: Joi.vnText().max(500).description('The address as written, free text'),
  houseNumber: Joi.vnText().max(50).description('House number (số nhà)'),
  street: Joi.vnText().max(200).description('Street (đường/phố)'),
  hamlet: Joi.vnText().max(200).description('Hamlet, village, residential group (thôn/ấp/bản/tổ dân phố)'),
  communeCode: Joi.communeCode().description('GSO commune/ward code, 5 digits, in the stated catalogue'),
  communeName: Joi.string().description('Derived from the catalogue'),
  legacyDistrictCode: Joi.districtCode().description('Old 3-digit district code (legacy records only)'),
  provinceCode: Joi.provinceCode().description(
    'GSO province code, 2 digits; derived from the commune when missing',
  ),
  provinceName: Joi.string().description('Derived from the catalogue'),
  catalogue: catalogueSchema,
  current: currentUnitSchema,
  country: Joi.string()
    .pattern(/^[A-Z]{2}$/)
    .default('VN')
    .description('ISO 3166-1 alpha-2 country code'),
})
  .or('text', 'communeCode', 'provinceCode')
  .meta({ derive: 'address' })
  .description('A postal/administrative address. Unit codes are meaningful only with their catalogue.');

export const nameFields = {
  fullName: Joi.personName().description('Full name, NFC, legacy encodings converted, whitespace collapsed'),
  fullNameOriginal: Joi.string()
    .max(300)
    .description('The name exactly as first received, kept when normalising changed it'),
  fullNameSearchKey: Joi.string()
    .max(300)
    .description('Derived: lower case without diacritics, đ→d, for search'),
};

/** A reference to a person: who they are, by personal ID, with what the message needs of them. */
export const personRefSchema = Joi.object({
  personalId: Joi.personalId(),
  legacyId: Joi.legacyId().description('Old identity-card number (CMND), for look-up only'),
  ...nameFields,
  dateOfBirth: Joi.partialDate({ notFuture: true }),
  sex: sexSchema,
  relation: Joi.string()
    .max(50)
    .description('Relation to the subject of the record (e.g. mother, father, spouse, child, self)'),
})
  .or('personalId', 'legacyId', 'fullName')
  .meta({ derive: 'name' })
  .description('A reference to a person by personal ID, with the fields the message needs');

/** A party to a transaction: a person (by personal ID) or an organisation (by tax code). */
export const partySchema = Joi.object({
  kind: Joi.string().valid('individual', 'organisation').required(),
  ...nameFields,
  fullName: nameFields.fullName.required(),
  personalId: Joi.personalId(),
  taxCode: Joi.taxCode(),
  dateOfBirth: Joi.partialDate({ notFuture: true }),
  address: addressSchema,
  phone: Joi.phone(),
  share: Joi.number().greater(0).max(1).description('Share of ownership, 0–1'),
})
  .when(Joi.object({ kind: Joi.valid('individual') }).unknown(), {
    then: Joi.object({ personalId: Joi.required() }),
    otherwise: Joi.object({ taxCode: Joi.required() }),
  })
  .meta({ derive: 'name' })
  .description('An individual (by personal ID) or an organisation (by tax code)');

/** An amount of money in Vietnamese đồng (integers only: the đồng has no subunit in use). */
export const vndSchema = Joi.number()
  .integer()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .description('Amount in VND');

export const documentSchema = Joi.object({
  code: Joi.string().max(50).description('Document kind code from the procedure'),
  name: Joi.vnText().max(300).required(),
  reference: Joi.string().max(200).description('Number or identifier of the document'),
  url: Joi.string()
    .uri({ scheme: ['https', 'http'] })
    .max(2000),
  sha256: Joi.string().pattern(/^[0-9a-f]{64}$/),
  issuedAt: Joi.partialDate(),
  issuer: Joi.vnText().max(300),
}).description('A document attached to a dossier or event');

/** A signed reference to a document issued by another system (birth certificate, death notice). */
export const issuedReferenceSchema = Joi.object({
  number: Joi.string().max(100).required().description('The document number'),
  issuerCode: Joi.string().max(50).description('Code of the issuing facility or body'),
  issuerName: Joi.vnText().max(300),
  issuedAt: Joi.timestamp(),
  signature: Joi.string().max(10000).description('The issuer’s signature over the document, as received'),
}).description('A reference to an electronically issued document');

export const unitRefSchema = Joi.object({
  code: Joi.string().max(50).required(),
  name: Joi.vnText().max(300),
}).description('An agency or processing unit');
