/**
 * The shapes of the synthetic population (see index.ts for the conventions it follows): people, households,
 * parcels, household businesses, health-insurance cards, civil-status records, the Population object with its
 * documented scenarios, and a commune of the latest catalogue. Types only: no code, no randomness.
 */
export interface SynthAddress {
  /** latest catalogue */
  communeCode: string;
  communeName: string;
  provinceCode: string;
  provinceName: string;
  /** '' only for farmland, which has no house number */
  houseNumber: string;
  street?: string;
  hamlet?: string;
  /** "12 Phố Hàng Bông, Phường Hoàn Kiếm, Thành phố Hà Nội" */
  text: string;
  /** A pre-2025 commune merged into this one (legacy catalogue), for legacy systems. */
  legacyCommuneCode?: string;
  legacyProvinceCode?: string;
}

export type Relation = 'self' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other-relative';

export interface SynthPerson {
  personalId: string;
  fullName: string;
  sex: 'male' | 'female';
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** The 3-digit prefix of the ID: the OLD province of birth registration. */
  birthProvincePrefix: string;
  ethnicity: string;
  religion?: string;
  nationality: 'VN';
  householdId: string;
  relationToHead: Relation;
  fatherId?: string;
  motherId?: string;
  spouseId?: string;
  permanentAddress: SynthAddress;
  /** E.164 */
  phone?: string;
  /** The pre-2018 11-digit national form, for some of those whose prefix was converted. */
  legacyPhone?: string;
  email?: string;
  /** Older 10-digit personal tax code (valid check digit). */
  taxId?: string;
  /** 9-digit identity card of adults born before 1995 (history only). */
  legacyCmnd?: string;
  /** 10 digits, unique */
  socialInsuranceNumber: string;
  occupation?: string;
}

export interface SynthHousehold {
  id: string;
  headId: string;
  memberIds: string[];
  address: SynthAddress;
  registeredSince: string;
}

export interface SynthParcel {
  communeCode: string;
  mapSheetNumber: string;
  parcelNumber: string;
  address: SynthAddress;
  areaM2: number;
  usePurpose: 'ODT' | 'ONT' | 'CLN' | 'LUC' | 'BHK';
  /** 'long-term' or 'until YYYY-MM-DD' */
  term: 'long-term' | string;
  origin: string;
  /** serial e.g. "CX 123456"; registerNumber e.g. "CS 01234" */
  certificate: { serial: string; registerNumber: string; issuedAt: string };
  holderIds: string[];
  /** VND per m² */
  landPricePerM2: number;
}

export interface SynthBusiness {
  ownerId: string;
  businessName: string;
  address: SynthAddress;
  /** VSIC 2018, 4 or 5 digits */
  activityCodes: string[];
  /** VND */
  capital: number;
  employees: number;
  registrationNumber: string;
  /** 10 digits, valid check digit: the owner's taxId */
  taxCode: string;
  registeredAt: string;
}

export interface SynthHealthCard {
  /** group (2 letters) + level (1–5) + province (2 digits) + social-insurance number (10 digits) */
  number: string;
  holderId: string;
  /** TE under 6, HS pupil, SV student, DN employee, HC civil servant, HT pensioner, DT ethnic minority, BT social protection, GD household */
  group: string;
  level: number;
  /** 5 digits: province + 3 (synthetic) */
  facilityCode: string;
  facilityName: string;
  validFrom: string;
  validTo: string;
}

export interface SynthMarriage {
  spouseIds: [string, string];
  date: string;
  communeCode: string;
  /** "45/2019": entry number / year */
  registerNumber: string;
}

export interface SynthBirthRecord {
  childId: string;
  motherId?: string;
  fatherId?: string;
  /** Registration date: within 60 days of the birth (Luật Hộ tịch 2014 Art. 15); the birth date is on the person. */
  date: string;
  communeCode: string;
  registerNumber: string;
}

export interface Population {
  seed: number;
  persons: SynthPerson[];
  households: SynthHousehold[];
  parcels: SynthParcel[];
  businesses: SynthBusiness[];
  healthCards: SynthHealthCard[];
  marriages: SynthMarriage[];
  births: SynthBirthRecord[];
  person(id: string): SynthPerson | undefined;
  household(id: string): SynthHousehold | undefined;
  /** Fixed, documented citizens for the demo and end-to-end tests. */
  scenarios: {
    /** A young married couple living together in Hà Nội, no child under 1 yet. */
    birth: {
      motherId: string;
      fatherId: string;
      householdId: string;
      healthFacility: { code: string; name: string };
    };
    /** An elderly father (head of household, TP.HCM) living with his adult child, the declarant. */
    death: { deceasedId: string; declarantId: string; householdId: string };
    /** A residential parcel in Hà Nội held by a married couple; the buyer lives in another Hà Nội household. */
    land: { parcel: SynthParcel; transferorIds: string[]; transfereeId: string };
    /** An adult in TP.HCM with a phone and an email and no business yet. */
    business: { ownerId: string };
  };
}

export interface CatalogueCommune {
  code: string;
  name: string;
  /** ward | commune | special-zone */
  type: string;
  provinceCode: string;
}
