/**
 * Wide XML must not hold the event loop (issue #10, finding 8): a hostile land registry answers `parcel`
 * with XML under the size limit that is cheap to send and dear to parse — 230,000 sibling elements
 * (~1.9 MB), 60,000 attributes on one element — and the hub's event loop, measured with
 * perf_hooks.monitorEventLoopDelay while the hub reads the answer, must never be late by more than 50 ms.
 * Each answer is refused with a stable problem code, and the hub answers other requests meanwhile.
 *
 * The machine running the tests is shared and loaded: a descheduled process looks like a late event loop
 * too (a process here that only answers health checks sometimes sees 60–70 ms). So, after one unmeasured
 * answer (the steady state: the hub's reader thread has started), each run measures the answer and then,
 * as a control, the same health checks for as long without it; a run passes when the loop stayed within
 * 50 ms, or within 25 ms of the control — what the answer itself added. Up to eight runs, the first pass
 * wins: a parse that blocks the loop (the finding measured 0.7–1 s) fails every run, a hiccup some.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { startWorld, type World } from '../../hub/sandbox/world';
import { startRemoteHostileUpstream, type RemoteHostileUpstream } from '../helpers/hostile-upstream';
import { useRedis } from '../helpers/redis';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const NS = 'urn:vn:dat-dai:dang-ky:v1';
const PARCEL = 'VN:GOV:01:VPDKDD/DATDAI/parcel/v1';
const BUDGET_MS = 50;
/** At most this many measured runs; the first within budget ends the case. */
const RUNS = 8;

const redis = useRedis();
let world: World;
let hostile: RemoteHostileUpstream;
const parcel = getPopulation().parcels[0];

beforeAll(async () => {
  hostile = await startRemoteHostileUpstream();
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['land-registry'],
    upstreams: { 'land-registry': hostile.url },
    members: ['VN:GOV:01:VPDKDD'],
  });
}, 60_000);
redis.beforeStop(async () => {
  await world?.close();
  await hostile?.close();
});

/** The answer as bytes, encoded once: the hostile server must not spend the hub process's time encoding. */
const envelope = (inner: string): Buffer =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP}" xmlns:ns="${NS}"><soap:Body Id="body"><ns:TraCuuThuaDatResponse>${inner}</ns:TraCuuThuaDatResponse></soap:Body></soap:Envelope>`,
  );

const cases: [threat: string, answer: Buffer, stoppedBy: RegExp][] = [
  [
    '230,000 sibling elements (~1.9 MB)',
    envelope(`<thuaDat>${'<x>1</x>'.repeat(230_000)}</thuaDat>`),
    /more than 10000 elements/,
  ],
  [
    'one text of 1.9 MB (each character then costs the mapping and the contracts)',
    envelope(`<thuaDat><soTo>${'x'.repeat(1_840_000)}</soTo></thuaDat>`),
    /text longer than 100000 characters/,
  ],
  [
    '60,000 attributes on one element',
    envelope(`<thuaDat ${Array.from({ length: 60_000 }, (_, i) => `a${i}="1"`).join(' ')}/>`),
    /more than 10000 attributes/,
  ],
];

async function readParcel() {
  const office = world.client('VN:GOV:01:VPDKDD', 'DATDAI');
  return office.call(PARCEL, {
    purpose: 'dat-dai.chuyen-nhuong',
    body: {
      communeCode: parcel.communeCode,
      mapSheetNumber: parcel.mapSheetNumber,
      parcelNumber: parcel.parcelNumber,
    },
  });
}

/** The longest the event loop was late while `run` ran, in ms, and what `run` returned. */
async function longestDelay<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  try {
    const result = await run();
    return { ms: h.max / 1e6, result };
  } finally {
    h.disable();
  }
}

/** Other requests: health checks, one after another, until `done()`; how many were answered. */
async function healthChecks(done: () => boolean): Promise<number> {
  let healthy = 0;
  while (!done()) {
    const h = await fetch(`${world.hub.url}/healthz`);
    if (h.status === 200) healthy++;
    await delay(5);
  }
  return healthy;
}

describe('wide XML from an upstream, under the size limit', () => {
  it.each(cases)(
    '%s: refused, and the event loop is never late by more than 50 ms',
    async (_t, xml, stoppedBy) => {
      expect(xml.length).toBeLessThan(2_000_000);
      await hostile.answer({ status: 200, contentType: 'text/xml; charset=utf-8', body: xml });
      // The hub has read a large answer before (its reader thread started and warm): the steady state.
      const first = await readParcel();
      expect(first.body).toMatchObject({ code: 'UPSTREAM_MALFORMED' });
      const runs: { answer: number; control: number }[] = [];
      const passed = (r: { answer: number; control: number }) =>
        r.answer <= BUDGET_MS || r.answer - r.control <= BUDGET_MS / 2;
      while (runs.length < RUNS && !runs.some(passed)) {
        const started = Date.now();
        let healthy = 0;
        const answer = await longestDelay(async () => {
          const read = readParcel();
          let done = false;
          void read.finally(() => (done = true));
          healthy = await healthChecks(() => done);
          return read;
        });
        expect(answer.result.status).toBe(502);
        expect(answer.result.body).toMatchObject({ code: 'UPSTREAM_MALFORMED' });
        expect(healthy).toBeGreaterThan(0);
        const until = Date.now() + (Date.now() - started);
        const control = await longestDelay(() => healthChecks(() => Date.now() >= until));
        runs.push({ answer: Math.round(answer.ms), control: Math.round(control.ms) });
      }
      expect({ runs, passed: runs.some(passed) }).toEqual({ runs, passed: true });
      // Refused by the parser's limits, not by the mapping after a full parse.
      expect(first.body).toMatchObject({ detail: expect.stringMatching(stoppedBy) });
    },
  );
});
