/**
 * Joi extended with the Vietnamese types of the contracts. Each type wraps a pure validator from
 * ./validators, converts (normalises) the value and reports failures with catalogue codes as Joi error
 * types, so a problem document can be built from Joi's details without a second lookup table.
 *
 * The clock of "not in the future" rules is `withClock(now, fn)` (see below), or Joi `prefs.context.now`.
 */
import JoiBase, { type CustomHelpers, type ErrorReport, type Schema } from 'joi';
import { FIELD_ERRORS } from './errors/catalogue';
import type { Invalid } from './validators/result';
import { parsePersonalId, parseLegacyId, checkPersonalIdAgainstRecord } from './validators/personal-id';
import { parseTaxCode } from './validators/tax-code';
import { normalisePhone } from './validators/phone';
import { normaliseName } from './validators/name';
import { comparePartialDates, parseDate, parseTimestamp } from './validators/date';
import { toUnicode } from './validators/legacy-encoding';
import { checkAddressUnits } from './validators/admin-units';
import { checkText } from './validators/text';

/** Joi message templates for every catalogue field code (`{x}` → Joi's `{#x}`); the hub builds its own texts. */
const messages: Record<string, string> = Object.fromEntries(
  Object.entries(FIELD_ERRORS).map(([code, m]) => [code, m.en.replace(/\{(\w+)\}/g, '{#$1}')]),
);

type Helpers = CustomHelpers & { prefs: { context?: { now?: Date } } };

let clock: Date | undefined;

/**
 * Runs a synchronous validation with `now` as the clock of every "not in the future" rule. Cheaper than
 * a Joi context (a context per call makes Joi merge preferences on every validation); safe because Joi's
 * `validate` runs to completion before `withClock` returns.
 */
export function withClock<T>(now: Date | undefined, fn: () => T): T {
  const previous = clock;
  clock = now;
  try {
    return fn();
  } finally {
    clock = previous;
  }
}

const nowOf = (helpers: Helpers): Date | undefined => clock ?? helpers.prefs.context?.now;

const report = (helpers: CustomHelpers, bad: Invalid): ErrorReport =>
  helpers.error(bad.code, bad.context ?? {}) as ErrorReport;

/** The parent object being validated (for checks that look at a sibling field). */
const parentOf = (helpers: CustomHelpers): Record<string, unknown> | undefined => {
  const p = helpers.state.ancestors?.[0] as unknown;
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : undefined;
};

interface PersonalIdFlags {
  /** Name of the sibling field holding the date of birth to cross-check, or null for none. */
  dobKey?: string | null;
  sexKey?: string | null;
}

export interface DateFlags {
  /** Refuse dates after today (Asia/Ho_Chi_Minh). */
  notFuture?: boolean;
  /** The date may only be present when sibling `key` equals `is`. */
  onlyWhen?: { key: string; is: unknown };
}

export interface DateSchema extends JoiBase.StringSchema {
  /** The date must not precede the referenced date (e.g. `Joi.ref('validFrom')`). */
  notBefore(other: JoiBase.Reference): this;
}

export interface VnJoi extends JoiBase.Root {
  /** 12-digit personal ID (CCCD); cross-checks `dateOfBirth`/`sex` siblings unless told otherwise. */
  personalId(flags?: PersonalIdFlags): JoiBase.StringSchema;
  /** Legacy identity-card number (9-digit CMND or old 12-digit), accepted only where a legacy id is expected. */
  legacyId(): JoiBase.StringSchema;
  /** Tax code (mã số thuế): 10, 12 or 13 digits, normalised to its display form. */
  taxCode(): JoiBase.StringSchema;
  /** Phone number, normalised to E.164 (2018 11→10-digit mobile conversion applied). */
  phone(): JoiBase.StringSchema;
  /** A person's or organisation's name: NFC, legacy encodings converted, whitespace collapsed. */
  personName(): JoiBase.StringSchema;
  /** Free text: NFC, legacy encodings converted, trimmed. */
  vnText(): JoiBase.StringSchema;
  /** A calendar date, possibly partial ('YYYY', 'YYYY-MM', 'YYYY-MM-DD'). */
  partialDate(opts?: DateFlags): DateSchema;
  /** A full calendar date ('YYYY-MM-DD'). */
  fullDate(opts?: DateFlags): DateSchema;
  /** A moment: ISO 8601 with the +07:00 offset. */
  timestamp(): JoiBase.StringSchema;
  /** A 5-digit commune code, checked against the catalogue named by the sibling `catalogue`. */
  communeCode(): JoiBase.StringSchema;
  /** A 2-digit province code, checked against the sibling `catalogue` and the sibling `communeCode`. */
  provinceCode(): JoiBase.StringSchema;
  /** A 3-digit district code (legacy catalogue only). */
  districtCode(): JoiBase.StringSchema;
}

const stringType = (
  type: string,
  validate: (
    value: string,
    helpers: Helpers,
    flags: Record<string, unknown>,
  ) => { value?: unknown; errors?: ErrorReport | ErrorReport[] },
  extra: Partial<JoiBase.Extension> = {},
): JoiBase.Extension => ({
  type,
  base: JoiBase.string(),
  messages,
  validate(value: unknown, helpers: CustomHelpers) {
    // Free-text safety (./validators/text.ts) on what was sent, and on what the conversion made of it.
    const raw = checkText(value as string);
    if (!raw.ok) return { value, errors: report(helpers, raw) };
    const out = validate(
      value as string,
      helpers as Helpers,
      ((helpers.schema as Schema & { $_getFlag(n: string): unknown }).$_getFlag('vn') as Record<
        string,
        unknown
      >) ?? {},
    );
    if (out.errors || typeof out.value !== 'string') return out;
    const converted = checkText(out.value);
    return converted.ok ? out : { value, errors: report(helpers, converted) };
  },
  ...extra,
});

/**
 * `Joi.string()` of the contracts: Joi's string with the free-text check of ./validators/text.ts, so that
 * no string field of any contract can hold control, bidi-override or non-XML characters — including a
 * field added later by someone who never heard of them.
 */
const safeString: JoiBase.Extension = {
  type: 'string',
  base: JoiBase.string(),
  messages,
  validate(value: unknown, helpers: CustomHelpers) {
    const res = checkText(value as string);
    return res.ok ? { value } : { value, errors: report(helpers, res) };
  },
};

/**
 * Flag `onlyWhen: { key, is }`: the field may only be present when sibling `key` equals `is` (e.g. a date
 * of death only for a deceased person). Checked at the field, which costs far less than a Joi `.when()`.
 */
function onlyWhen(helpers: CustomHelpers, flags: Record<string, unknown>): ErrorReport | undefined {
  const rule = flags.onlyWhen as { key: string; is: unknown } | undefined;
  if (!rule) return undefined;
  const parent = parentOf(helpers);
  return parent?.[rule.key] === rule.is
    ? undefined
    : (helpers.error('FIELD_CONFLICT', { other: rule.key }) as ErrorReport);
}

const PLAIN_TEXT = /^[\x20-\x7e]*$/;
const MESSY_SPACE = /\s{2,}|[\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|^\s|\s$/;

/** Free text: legacy encodings converted, NFC, whitespace collapsed (fast when already clean). */
function cleanText(value: string): string {
  if (PLAIN_TEXT.test(value)) return MESSY_SPACE.test(value) ? value.replace(/\s+/g, ' ').trim() : value;
  const text = toUnicode(value).text.normalize('NFC');
  return MESSY_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** `.notBefore(Joi.ref('validFrom'))`: the date must not precede another date field. */
const dateRules = (): JoiBase.Extension['rules'] => ({
  notBefore: {
    method(this: Schema, other: unknown) {
      return (this as Schema & { $_addRule(r: unknown): Schema }).$_addRule({
        name: 'notBefore',
        args: { other },
      });
    },
    args: [{ name: 'other', ref: true, assert: JoiBase.any() }],
    validate(value: string, helpers: CustomHelpers, args: Record<string, unknown>) {
      const other = args.other;
      if (typeof other !== 'string') return value;
      const parsed = parseDate(other);
      if (!parsed.ok) return value;
      const cmp = comparePartialDates(value, parsed.value.value);
      return cmp === -1 ? helpers.error('DATE_ORDER', { other: parsed.value.value }) : value;
    },
  },
});

/** Coerce factory args into the `vn` flag: `Joi.personalId({ dobKey: null })`. */
const argsToFlags = ((schema: Schema, flags?: Record<string, unknown>) =>
  flags
    ? (schema as Schema & { $_setFlag(n: string, v: unknown): Schema }).$_setFlag('vn', flags)
    : schema) as unknown as JoiBase.Extension['args'];

export const Joi: VnJoi = JoiBase.extend(
  safeString,
  stringType(
    'personalId',
    (value, helpers, flags) => {
      const res = parsePersonalId(value, { now: nowOf(helpers) });
      if (!res.ok) return { value, errors: report(helpers, res) };
      const parent = parentOf(helpers);
      const dobKey = flags.dobKey === undefined ? 'dateOfBirth' : (flags.dobKey as string | null);
      const sexKey = flags.sexKey === undefined ? 'sex' : (flags.sexKey as string | null);
      if (parent && (dobKey || sexKey)) {
        const rawDob = dobKey ? parent[dobKey] : undefined;
        // Usually the sibling is already normalised (declared first) and parsing it again is cheap; when it
        // failed (an impossible '1998-02-30' keeps its raw value), its own field reports it, not this one.
        const dob = rawDob === undefined ? undefined : parseDate(rawDob);
        const sex = sexKey ? parent[sexKey] : undefined;
        const bad = checkPersonalIdAgainstRecord(res.value, {
          dateOfBirth: dob && dob.ok ? dob.value.value : undefined,
          sex: typeof sex === 'string' ? sex : undefined,
        });
        if (bad.length) return { value: res.value.id, errors: bad.map((b) => report(helpers, b)) };
      }
      return { value: res.value.id };
    },
    { args: argsToFlags },
  ),
  stringType('legacyId', (value, helpers) => {
    const res = parseLegacyId(value);
    return res.ok ? { value: res.value.id } : { value, errors: report(helpers, res) };
  }),
  stringType('taxCode', (value, helpers) => {
    const res = parseTaxCode(value, { now: nowOf(helpers) });
    return res.ok ? { value: res.value.value } : { value, errors: report(helpers, res) };
  }),
  stringType('phone', (value, helpers) => {
    const res = normalisePhone(value);
    return res.ok ? { value: res.value.e164 } : { value, errors: report(helpers, res) };
  }),
  stringType('personName', (value, helpers) => {
    const res = normaliseName(value);
    return res.ok ? { value: res.value.value } : { value, errors: report(helpers, res) };
  }),
  stringType('vnText', (value) => ({ value: cleanText(value) })),
  stringType(
    'partialDate',
    (value, helpers, flags) => {
      const conflict = onlyWhen(helpers, flags);
      if (conflict) return { value, errors: conflict };
      const res = parseDate(value, { notFuture: Boolean(flags.notFuture), now: nowOf(helpers) });
      return res.ok ? { value: res.value.value } : { value, errors: report(helpers, res) };
    },
    { args: argsToFlags, rules: dateRules() },
  ),
  stringType(
    'fullDate',
    (value, helpers, flags) => {
      const conflict = onlyWhen(helpers, flags);
      if (conflict) return { value, errors: conflict };
      const res = parseDate(value, {
        allowPartial: false,
        notFuture: Boolean(flags.notFuture),
        now: nowOf(helpers),
      });
      return res.ok ? { value: res.value.value } : { value, errors: report(helpers, res) };
    },
    { args: argsToFlags, rules: dateRules() },
  ),
  stringType('timestamp', (value, helpers) => {
    const res = parseTimestamp(value);
    return res.ok ? { value: res.value } : { value, errors: report(helpers, res) };
  }),
  stringType('communeCode', (value, helpers) => {
    const parent = parentOf(helpers) ?? {};
    const res = checkAddressUnits({ communeCode: value, catalogue: parent.catalogue as string | undefined });
    return res.ok ? { value: res.value.communeCode } : { value, errors: report(helpers, res) };
  }),
  stringType('provinceCode', (value, helpers) => {
    const parent = parentOf(helpers) ?? {};
    const commune = typeof parent.communeCode === 'string' ? parent.communeCode : undefined;
    const catalogue = parent.catalogue as string | undefined;
    // Report a commune problem on the commune field only; here, only the province itself and the pairing.
    const alone = checkAddressUnits({ provinceCode: value, catalogue });
    if (!alone.ok) return { value, errors: report(helpers, alone) };
    if (commune && checkAddressUnits({ communeCode: commune, catalogue }).ok) {
      const pair = checkAddressUnits({ communeCode: commune, provinceCode: value, catalogue });
      if (!pair.ok) return { value, errors: report(helpers, pair) };
    }
    return { value: alone.value.provinceCode };
  }),
  stringType('districtCode', (value, helpers) => {
    const parent = parentOf(helpers) ?? {};
    const res = checkAddressUnits({
      legacyDistrictCode: value,
      catalogue: parent.catalogue as string | undefined,
    });
    return res.ok ? { value: res.value.legacyDistrictCode } : { value, errors: report(helpers, res) };
  }),
) as VnJoi;
