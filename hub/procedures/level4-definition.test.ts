/**
 * The level-4 parts of a procedure definition and of a submission, without I/O: a definition that cannot
 * work stops the start with the file and the key at fault; a choice the procedure does not offer is
 * refused with the field at fault, in Vietnamese and English.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG_DIR } from '../../config/loader';
import { HubError } from '../http/problem';
import { checkChoices } from './choices';
import { loadProcedures, type ProcedureDef } from './definition';

const dir = join(DEFAULT_CONFIG_DIR, 'procedures');
const read = (name: string) =>
  JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as {
    fees: Record<string, unknown>[];
    steps: Record<string, unknown>[];
  };
const defs = loadProcedures(dir, () => true);

/** Loads the household business definition after `change`; the error it stops with, if any. */
function loadChanged(change: (d: ReturnType<typeof read>) => void): string | undefined {
  const tmp = mkdtempSync(join(tmpdir(), 'lienthong-procedures-'));
  try {
    const d = read('household-business');
    change(d);
    writeFileSync(join(tmp, 'household-business.json'), JSON.stringify(d));
    loadProcedures(tmp, () => true);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
const step = (d: ReturnType<typeof read>, id: string) => d.steps.find((s) => s.id === id)!;

describe('level-4 procedure definitions', () => {
  it('the shipped definitions load', () => {
    expect(loadChanged(() => undefined)).toBeUndefined();
    expect(defs.get('household-business')!.resultByPost.allowed).toBe(true);
    expect(defs.get('land-transfer')!.resultByPost.allowed).toBe(false);
  });

  it.each<[string, (d: ReturnType<typeof read>) => void, RegExp]>([
    ['a fee without its payee', (d) => delete d.fees[0].payee, /fees\.0\.payee.*required/],
    ['a fee without its legal basis', (d) => delete d.fees[0].legalBasis, /fees\.0\.legalBasis.*required/],
    ['failWhen without until', (d) => delete step(d, 'fee-paid').until, /steps\.1.*until/],
    [
      'a result taken back to the office by a step that does not deliver it',
      (d) => (step(d, 'register-tax').onFailure = 'office'),
      /steps\.3\.deliversResult/,
    ],
    [
      'processing that waits on a delivery',
      (d) => (step(d, 'register-tax').after = ['delivery']),
      /steps\[3\]\.after: "delivery" delivers the result; "register-tax" does not/,
    ],
    [
      'a when that is not a path',
      (d) => (step(d, 'fee-request').when = { path: 'x', equals: 1 }),
      /when\.path/,
    ],
  ])('refuses %s', (_why, change, message) => {
    expect(loadChanged(change)).toMatch(message);
  });
});

describe('level-4 choices at submission', () => {
  const refused = (def: ProcedureDef, raw: unknown) => {
    try {
      checkChoices(def, raw);
    } catch (err) {
      expect(err).toBeInstanceOf(HubError);
      return (err as HubError).toProblem().errors as { path: string; code: string; messageVi: string }[];
    }
    throw new Error('accepted');
  };
  const address = { text: 'Số 1 Lê Lợi', communeCode: '27628', provinceCode: '79', catalogue: '2026-04-30' };

  it('defaults to paying at the office and collecting the result', () => {
    expect(checkChoices(defs.get('household-business')!, undefined)).toEqual({
      payOnline: false,
      result: { by: 'office' },
    });
  });

  it('keeps a posted result’s address', () => {
    expect(
      checkChoices(defs.get('household-business')!, { payOnline: true, result: { by: 'post', address } }),
    ).toEqual({
      payOnline: true,
      result: {
        by: 'post',
        address: { text: 'Số 1 Lê Lợi', communeCode: '27628', provinceCode: '79', catalogue: '2026-04-30' },
      },
    });
  });

  it('refuses online payment where there is nothing to pay, and post where the result is not posted', () => {
    expect(refused(defs.get('death-registration')!, { payOnline: true })).toEqual([
      expect.objectContaining({ path: 'choices.payOnline', code: 'PAYMENT_NOT_OFFERED' }),
    ]);
    expect(refused(defs.get('land-transfer')!, { result: { by: 'post', address } })).toEqual([
      expect.objectContaining({ path: 'choices.result.by', code: 'POSTAL_RESULT_NOT_OFFERED' }),
    ]);
    expect(
      refused(defs.get('household-business')!, { result: { by: 'post', address: { text: 'Số 1' } } }),
    ).toEqual([expect.objectContaining({ path: 'choices.result.address', code: 'POSTAL_ADDRESS_REQUIRED' })]);
  });
});
