/** Derived fields: the plan finds every marked object, arrays included, and derivation is idempotent. */
import { contracts, validateRecord } from './index';
import { derivationPlan } from './derive';

const plan = (id: string) =>
  derivationPlan(contracts.get(id)!.schema)
    .map((s) => `${s.kind}:${s.path.join('.')}`)
    .sort();

describe('derivation plans', () => {
  it('birth-event@1: every person reference gets a search key, every address its units', () => {
    expect(plan('birth-event@1')).toEqual(
      expect.arrayContaining([
        'name:child',
        'name:mother',
        'name:father',
        'name:declarant',
        'address:child.placeOfBirth',
        'address:registeringCommune',
      ]),
    );
  });

  it('land-transfer@1: parties inside arrays', () => {
    expect(plan('land-transfer@1')).toEqual(
      expect.arrayContaining(['name:transferors.*', 'address:transferors.*.address', 'name:transferees.*']),
    );
  });
});

describe('derivation on records', () => {
  const party = (name: string, id: string) => ({
    kind: 'individual',
    fullName: name,
    personalId: id,
    address: { communeCode: '00007', catalogue: 'legacy' },
  });
  const transfer = {
    dossierCode: 'H29-250701-0001',
    parcel: { communeCode: '00025', mapSheetNumber: '51', parcelNumber: '58' },
    transferors: [
      party('  Trần   Tiến Trung', '001077001536'),
      party('Nguye\u0302\u0303n Minh Nhung', '034180426980'),
    ],
    transferees: [party('Nguyễn Quốc Hoàng', '001076510243')],
    contract: { number: 'HD-123', notarisedAt: '01/07/2025' },
    declaredPrice: 8_181_000_000,
  };

  it('fills names and address units in every array item, keeping what was received', () => {
    const r = validateRecord('land-transfer@1', transfer);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [a, b] = r.value.transferors as Record<string, unknown>[];
    expect(a).toMatchObject({
      fullName: 'Trần Tiến Trung',
      fullNameOriginal: '  Trần   Tiến Trung',
      fullNameSearchKey: 'tran tien trung',
    });
    expect(b).toMatchObject({ fullName: 'Nguyễn Minh Nhung', fullNameSearchKey: 'nguyen minh nhung' });
    expect(a.address).toMatchObject({ communeName: 'Phường Cống Vị', current: { status: 'ambiguous' } });
  });

  it('is idempotent', () => {
    const once = validateRecord('land-transfer@1', transfer);
    expect(once.ok).toBe(true);
    if (once.ok) expect(validateRecord('land-transfer@1', once.value)).toEqual(once);
  });
});
