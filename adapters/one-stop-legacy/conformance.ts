/**
 * The conformance spec of one-stop-legacy: examples that must work against its simulator. The source speaks
 * TCVN3, which the adapter converts: the kit's tcvn3 fault may then succeed, converted, with no legacy text left.
 */
import { mapLegacyCommune } from '../../contracts/validators/admin-units';
import type { ConformanceSpec } from '../sdk/conformance';
import { adapter } from './index';
import { encodeCursor } from './services/list-dossiers';
import { createOneStopLegacySimulator } from './simulator';
import { simulatedDossiers } from './simulator/dossiers';

/** A dossier whose applicant's old commune went whole into one new commune, and one whose commune was split. */
export function exampleDossiers(): { exact: string; split: string } {
  const all = simulatedDossiers();
  const status = (code: string) => mapLegacyCommune(code).status;
  return {
    exact: all.find((d) => status(d.legacyCommuneCode) === 'exact')!.code,
    split: all.find((d) => status(d.legacyCommuneCode) === 'ambiguous')!.code,
  };
}

export function conformance(): ConformanceSpec {
  const { exact, split } = exampleDossiers();
  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createOneStopLegacySimulator,
    convertsLegacyText: true,
    examples: {
      // The first example is the one the fault checks repeat: a small page keeps them quick.
      'list-dossiers/v1': [
        { since: '2025-12-01T00:00:00+07:00', pageSize: 5 },
        { since: '2025-01-01T00:00:00+07:00' },
        { cursor: encodeCursor({ since: '20250101000000', page: 3, pageSize: 20 }) },
      ],
      'dossier/v1': [{ dossierCode: exact }, { dossierCode: split }],
    },
    refusals: [
      { service: 'dossier/v1', input: { dossierCode: '000.00.08.H26-990101-9999' }, notFound: true },
    ],
  };
}
