/**
 * Where the live display puts a status among the steps of its second: a status caused by a step stays
 * next to that step even when the two times fall either side of a second's boundary (the demo's test saw
 * "waiting for payment" printed after the payment step it was caused by).
 */
import { placeOfStatus, type Timeline } from './dossier-display';

const second = (iso: string | undefined) => Math.floor(Date.parse(iso ?? '') / 1000) || Infinity;
const name = { vi: 'x', en: 'x' };
const step = (id: string, startedAt?: string, finishedAt?: string, state = 'queued') => ({
  id,
  title: name,
  agency: 'A',
  state,
  startedAt,
  finishedAt,
  overdue: false,
});
const timelineWith = (history: Timeline['history'], steps: Timeline['steps']): Timeline => ({
  dossierCode: 'HS-1',
  procedure: { id: 'p', code: 'p', name },
  status: { code: 6, vi: 'x', en: 'x' },
  receivedAt: '2026-12-08T09:00:00+07:00',
  dueAt: '2026-12-18T17:00:00+07:00',
  history,
  steps,
});
const status = (at: string, s: number) => ({ at, status: s, vi: 'x', en: 'x' });

/** The order the display sorts events by: second, group, order. */
const key = (e: { sec: number; group: number; order: number }) => [e.sec, e.group, e.order];
const before = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

it('puts "waiting for payment" (6) just before the payment step it was caused by, across a second boundary', () => {
  const t = timelineWith(
    [status('2026-12-08T09:00:00.100+07:00', 4), status('2026-12-08T09:00:05.020+07:00', 6)],
    [
      step('obligations', '2026-12-08T09:00:01+07:00', '2026-12-08T09:00:04.900+07:00', 'done'),
      step('payment', '2026-12-08T09:00:04.990+07:00'),
    ],
  );
  const six = key(placeOfStatus(t, 1, second));
  // The payment step's start line: its second, group 1, order 1 * 3 + 0.
  const paymentQueued = [second(t.steps[1].startedAt), 1, 3];
  const obligationsDone = [second(t.steps[0].finishedAt), 1, 2];
  expect(before(six, paymentQueued)).toBeLessThan(0);
  expect(before(obligationsDone, six)).toBeLessThan(0);
});

it('puts 4 after a 6 just after the step whose end caused it, across a second boundary', () => {
  const t = timelineWith(
    [status('2026-12-08T09:00:05+07:00', 6), status('2026-12-08T09:00:09.010+07:00', 4)],
    [step('payment', '2026-12-08T09:00:04.990+07:00', '2026-12-08T09:00:08.995+07:00', 'done')],
  );
  const four = key(placeOfStatus(t, 1, second));
  const paymentDone = [second(t.steps[0].finishedAt), 1, 2];
  expect(before(paymentDone, four)).toBeLessThan(0);
  expect(four[0]).toBe(second(t.steps[0].finishedAt));
});
