/** The transfer obligation arithmetic: integers only, the table price when higher, half-up rounding. */
import { amountAt, tableValue, taxableValue, transferCharges, TRANSFER_TAX_RULES } from './transfer-tax';

describe('transfer tax arithmetic', () => {
  it('charges 2% PIT and 0.5% fee on the table value when it exceeds the declared price', () => {
    // 81 m² × 101,000,000 đ/m² = 8,181,000,000 > 6,500,000,000 declared.
    const charges = transferCharges({
      declaredPrice: 6_500_000_000,
      areaM2: 81,
      pricePerM2: 101_000_000,
      transferorIsIndividual: true,
    });
    expect(charges).toEqual([
      {
        kind: 'THUE_TNCN',
        payer: 'transferor',
        taxableValue: 8_181_000_000,
        ratePercent: 2,
        amount: 163_620_000,
      },
      {
        kind: 'LE_PHI_TRUOC_BA',
        payer: 'transferee',
        taxableValue: 8_181_000_000,
        ratePercent: 0.5,
        amount: 40_905_000,
      },
    ]);
  });

  it('uses the declared price when it is higher, or when there is no table price', () => {
    expect(taxableValue(9_000_000_000, 81, 101_000_000)).toBe(9_000_000_000);
    expect(taxableValue(1_234_567, 81, undefined)).toBe(1_234_567);
    expect(taxableValue(1_234_567, 81, null)).toBe(1_234_567);
  });

  it('rounds each product half up to the whole đồng', () => {
    expect(amountAt(1_234_567, 50)).toBe(6_173); // 6,172.835
    expect(amountAt(1_234_567, 200)).toBe(24_691); // 24,691.34
    expect(amountAt(100, 50)).toBe(1); // 0.5 exactly: up
    expect(amountAt(99, 50)).toBe(0); // 0.495
    expect(tableValue(81.5, 12_345_679)).toBe(1_006_172_839); // 1,006,172,838.5: up
    expect(tableValue(0.1, 5)).toBe(1); // 0.5: up
  });

  it('stays exact where floating point would not', () => {
    // 123,456,789,012,345 × 0.5% = 617,283,945,061.725 → 617,283,945,062
    expect(amountAt(123_456_789_012_345, 50)).toBe(617_283_945_062);
    // 0.7 m² × 45 đ = 31.5 → 32; in floating point 0.7 × 45 = 31.499999999999996, which Math.round makes 31.
    expect(tableValue(0.7, 45)).toBe(32);
    for (const c of transferCharges({
      declaredPrice: 777_777_777,
      areaM2: 33.3,
      pricePerM2: 23_456_789,
      transferorIsIndividual: true,
    })) {
      expect(Number.isInteger(c.amount) && Number.isInteger(c.taxableValue)).toBe(true);
    }
  });

  it('no PIT notice when the seller is an organisation; rates come from the rules', () => {
    const t = {
      declaredPrice: 1_000_000_000,
      areaM2: 100,
      pricePerM2: 1_000_000,
      transferorIsIndividual: false,
    };
    expect(transferCharges(t).map((c) => c.kind)).toEqual(['LE_PHI_TRUOC_BA']);
    const doubled = transferCharges(
      { ...t, transferorIsIndividual: true },
      { ...TRANSFER_TAX_RULES, registrationFeeBp: 100 },
    );
    expect(doubled.map((c) => [c.kind, c.amount])).toEqual([
      ['THUE_TNCN', 20_000_000],
      ['LE_PHI_TRUOC_BA', 10_000_000],
    ]);
  });

  it('refuses amounts beyond the safe integer range instead of losing đồng', () => {
    expect(() => amountAt(Number.MAX_SAFE_INTEGER, 20_000)).toThrow(RangeError);
  });
});
