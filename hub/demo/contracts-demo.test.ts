/** The contracts part of the demo: every sample record is accounted for and the faults are reported. */
import { runContractsDemo } from './contracts-demo';

describe('contracts demo', () => {
  it('normalises the legacy batch and reports its faults', () => {
    const lines: string[] = [];
    const r = runContractsDemo((l) => lines.push(l));
    expect(r.total).toBe(10);
    expect(r.valid + r.invalid).toBe(10);
    expect(r.valid).toBe(5);
    expect(r.ambiguousAddresses).toBe(1);
    const text = lines.join('\n');
    expect(text).toContain('Trần Thị Thu Hương'); // TCVN3 converted
    expect(text).toContain('Huỳnh Thị Mai'); // VNI converted
    expect(text).toContain('+84351234567'); // 0165 → 035
    expect(text).toContain('PERSONAL_ID_PROVINCE');
    expect(text).toMatch(/Summary: 10 records, 5 valid, 5 refused/);
  });
});
