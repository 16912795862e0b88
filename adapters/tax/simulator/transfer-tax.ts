/**
 * What the simulated tax authority charges on a land-use-right transfer, in whole đồng. Pure.
 *
 * Rates (UNVERIFIED — kept in TRANSFER_TAX_RULES, overridable per simulator): personal income tax 2% and
 * registration fee (lệ phí trước bạ) 0.5%, both on the taxable value = the declared price, or the area × the
 * province's table price per m² when that is higher. Notices are due 30 days after issue.
 *
 * Arithmetic: integers only (BigInt, no floating point). Areas carry one decimal (tenths of m²).
 * Rounding rule: each product is rounded HALF UP to the whole đồng — first the table value (area × price),
 * then each amount (value × rate). Amounts are never rounded to thousands.
 */

export interface TransferTaxRules {
  /** Personal income tax on the transfer, in basis points of the taxable value. @defaultValue 200 (2%) */
  personalIncomeTaxBp: number;
  /** Registration fee (lệ phí trước bạ), in basis points of the taxable value. @defaultValue 50 (0.5%) */
  registrationFeeBp: number;
  /** Days from the notice to its due date. @defaultValue 30 */
  dueDays: number;
}

export const TRANSFER_TAX_RULES: Readonly<TransferTaxRules> = Object.freeze({
  personalIncomeTaxBp: 200,
  registrationFeeBp: 50,
  dueDays: 30,
});

/** n / d for non-negative integers, rounded half up. */
function divHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

const toSafeNumber = (v: bigint): number => {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount beyond the safe integer range');
  return Number(v);
};

/** area (m², at most one decimal) × price per m² (whole đồng), rounded half up to the đồng. */
export function tableValue(areaM2: number, pricePerM2: number): number {
  const tenths = BigInt(Math.round(areaM2 * 10));
  return toSafeNumber(divHalfUp(tenths * BigInt(pricePerM2), 10n));
}

/** The taxable value: the declared price, or the table value when higher (no table price: the declared one). */
export function taxableValue(declaredPrice: number, areaM2: number, pricePerM2?: number | null): number {
  if (!pricePerM2) return declaredPrice;
  return Math.max(declaredPrice, tableValue(areaM2, pricePerM2));
}

/** value × rate (basis points), rounded half up to the đồng. */
export function amountAt(value: number, basisPoints: number): number {
  return toSafeNumber(divHalfUp(BigInt(value) * BigInt(basisPoints), 10_000n));
}

export interface TransferCharge {
  kind: 'THUE_TNCN' | 'LE_PHI_TRUOC_BA';
  /** who pays: the first transferor (PIT) or the first transferee (fee) */
  payer: 'transferor' | 'transferee';
  taxableValue: number;
  /** percent, as the notice prints it */
  ratePercent: number;
  amount: number;
}

/**
 * The charges on one transfer. An organisation selling pays corporate income tax through its own returns, not
 * a PIT notice; the fee is always due from the party receiving the land.
 */
export function transferCharges(
  t: { declaredPrice: number; areaM2: number; pricePerM2?: number | null; transferorIsIndividual: boolean },
  rules: TransferTaxRules = TRANSFER_TAX_RULES,
): TransferCharge[] {
  const value = taxableValue(t.declaredPrice, t.areaM2, t.pricePerM2);
  const charge = (
    kind: TransferCharge['kind'],
    payer: TransferCharge['payer'],
    bp: number,
  ): TransferCharge => ({
    kind,
    payer,
    taxableValue: value,
    ratePercent: bp / 100,
    amount: amountAt(value, bp),
  });
  return [
    ...(t.transferorIsIndividual ? [charge('THUE_TNCN', 'transferor', rules.personalIncomeTaxBp)] : []),
    charge('LE_PHI_TRUOC_BA', 'transferee', rules.registrationFeeBp),
  ];
}
