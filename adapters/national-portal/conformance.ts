/**
 * The conformance spec of national-portal: examples that must work against its simulator (fresh dossier codes
 * and "now" timestamps, since the portal refuses changes older than what it holds) and the portal's refusals
 * — out-of-order change, unknown dossier, rating before the end, stale re-sync — as rejected UpstreamErrors.
 */
import type { ConformanceSpec } from '../sdk/conformance';
import { parseTimestamp } from '../../contracts/validators/date';
import { adapter } from './index';
import { createPortalSimulator } from './simulator';
import { portalSeeds } from './simulator/seed';

let synced = 0;
/** A canonical timestamp `offsetMs` from now. */
const now = (offsetMs = 0): string => {
  const r = parseTimestamp(new Date(Date.now() + offsetMs));
  if (!r.ok) throw new RangeError('the clock is not a timestamp');
  return r.value;
};

export function conformance(): ConformanceSpec {
  const seeds = portalSeeds();
  const { processing, returnedOnTime, supplementRequested, returnedLate } = seeds;
  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createPortalSimulator,
    examples: {
      'sync-dossier/v1': [
        () => ({
          ...returnedLate,
          dossierCode: `CONF-${process.pid}-${Date.now()}-${++synced}`,
          receivedAt: now(),
          dueAt: now(3 * 86_400_000),
          history: [{ at: now(), status: 1 }],
          status: 1,
          finishedAt: undefined,
          returnedAt: undefined,
        }),
        { ...returnedOnTime, dossierCode: `${returnedOnTime.dossierCode}-B` },
      ],
      'update-progress/v1': [
        () => ({
          dossierCode: processing.dossierCode,
          status: 4,
          at: now(),
          unit: processing.processingUnit,
          note: 'Đang thẩm định hồ sơ',
          actor: 'Cán bộ hộ tịch',
        }),
      ],
      'rate-dossier/v1': [
        () => ({
          dossierCode: returnedOnTime.dossierCode,
          ratedAt: now(),
          answers: [
            { criterion: 'reception', level: 'very-satisfied' },
            { criterion: 'processing-time', level: 'satisfied' },
            { criterion: 'staff-conduct', level: 'not-satisfied' },
          ],
          comment: 'Cán bộ hướng dẫn chưa rõ',
        }),
      ],
      'dossier-status/v1': [
        { dossierCode: returnedOnTime.dossierCode },
        { dossierCode: returnedLate.dossierCode },
        { dossierCode: supplementRequested.dossierCode },
      ],
    },
    refusals: [
      {
        service: 'update-progress/v1',
        input: {
          dossierCode: processing.dossierCode,
          status: 2,
          at: '2025-12-02T08:59:00+07:00',
          unit: processing.processingUnit,
        },
      },
      {
        service: 'update-progress/v1',
        input: { dossierCode: 'KHONG-CO-001', status: 4, at: now(), unit: processing.processingUnit },
        notFound: true,
      },
      {
        service: 'rate-dossier/v1',
        input: {
          dossierCode: supplementRequested.dossierCode,
          ratedAt: now(),
          answers: [{ criterion: 'result', level: 'satisfied' }],
        },
      },
      {
        service: 'sync-dossier/v1',
        input: { ...returnedLate, status: 4, history: returnedLate.history.slice(0, 2) },
      },
      { service: 'dossier-status/v1', input: { dossierCode: 'KHONG-CO-001' }, notFound: true },
    ],
  };
}
