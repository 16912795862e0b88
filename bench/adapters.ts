/**
 * `npm run bench -- adapters`: calls/s and latency through one REST adapter (national-population
 * person-by-id) and one SOAP adapter (land-registry parcel, no XML-DSig) against their simulators, next to
 * the same simulators called with a bare node:http client sending the same HTTP request (same path or
 * envelope bytes, same headers; no mapping, no validation, no breaker, no XML parsing). For reference a
 * bare axios client configured like the transports is measured too. The simulators run in a child process;
 * the adapter instances and the clients run here, same concurrency, interleaved rounds, medians.
 * Targets: REST ≥ 0.85 of direct, SOAP ≥ 0.70 of direct.
 */
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { adapter as population } from '../adapters/national-population';
import { adapter as landRegistry } from '../adapters/land-registry';
import { ENDPOINT_PATH, NAMESPACE } from '../adapters/land-registry/dialect';
import { toKhoaThua } from '../adapters/land-registry/mapping-transfer';
import {
  createAdapterInstance,
  SoapTransport,
  type AdapterDefinition,
  type CallContext,
  type Logger,
} from '../adapters/sdk';
import { getPopulation } from '../adapters/sdk/simulator/population';
import { createUpstreamAgent } from '../hub/exchange/catalog';
import { printTable, writeResults } from './lib';
import { closedLoop, failFast, HttpClient, interleavedRounds, type Call, type RoundStats } from './load';
import { Cleanup, cpuMs, startChild } from './procs';

const CONCURRENCY = 16;
const ROUNDS = 5;
const ROUND_MS = 1200;
const WARM_UP_MS = 4000;
const TARGET = { rest: 0.85, soap: 0.7 };

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};
/** A call context as the hub builds one: a message id, a deadline and a signal of its own. */
const ctx = (): CallContext => ({
  messageId: randomUUID(),
  deadline: Date.now() + 10_000,
  signal: new AbortController().signal,
  logger: silent,
});

export async function run(): Promise<Record<string, unknown>> {
  const cleanup = new Cleanup();
  try {
    const sims = await startChild('simulators', 'sim-process.ts', {
      BENCH_SIMULATORS: 'national-population,land-registry',
    });
    cleanup.add(() => sims.stop());
    const urls = sims.info.urls as Record<string, string>;
    const popUrl = urls['national-population'];
    const landUrl = urls['land-registry'];

    // The adapters get the agent the hub gives them.
    const agent = createUpstreamAgent();
    cleanup.add(() => agent.destroy());
    const deps = { agent, logger: silent };
    const rest = createAdapterInstance(population as AdapterDefinition, { baseUrl: popUrl }, deps);
    const soap = createAdapterInstance(landRegistry as AdapterDefinition, { baseUrl: landUrl }, deps);
    cleanup.add(() => rest.close());
    cleanup.add(() => soap.close());
    // Looked up the way the hub's catalogue does.
    const personById = rest.service('person-by-id', 1)!;
    const parcelService = soap.service('parcel', 1)!;
    const bareRest = new HttpClient(popUrl, 64);
    const bareSoap = new HttpClient(landUrl, 64);
    cleanup.add(() => bareRest.close());
    cleanup.add(() => bareSoap.close());
    const axiosAgent = createUpstreamAgent();
    cleanup.add(() => axiosAgent.destroy());
    const ax = axios.create({
      httpAgent: axiosAgent,
      maxRedirects: 0,
      responseType: 'arraybuffer',
      validateStatus: () => true,
      transformRequest: [(d: unknown) => d],
      transformResponse: [(d: unknown) => d],
    });

    // The same requests for every contender: personal IDs and parcel keys of the shared population.
    const pop = getPopulation();
    const ids = pop.persons.slice(0, 500).map((p) => p.personalId);
    const keys = pop.parcels.slice(0, 200).map((p) => ({
      communeCode: p.communeCode,
      mapSheetNumber: p.mapSheetNumber,
      parcelNumber: p.parcelNumber,
    }));
    const builder = new SoapTransport({
      upstream: 'land-registry',
      endpoint: 'http://127.0.0.1/', // only builds envelopes
      agent,
      namespace: NAMESPACE,
    });
    const envelopes = keys.map((k) =>
      builder.envelope({ operation: 'TraCuuThuaDat', body: toKhoaThua(k) }, randomUUID()),
    );
    const restHeaders = (id: string) => ({
      accept: 'application/json',
      'content-type': 'application/json',
      'x-request-id': id,
    });
    const soapHeaders = (id: string) => ({
      'content-type': 'text/xml; charset=utf-8',
      accept: 'text/xml',
      soapaction: `"${NAMESPACE}/TraCuuThuaDat"`,
      'x-request-id': id,
    });

    const calls: Record<string, Call> = {
      'rest.direct': async (i) =>
        (await bareRest.send('GET', `/api/v1/cong-dan/${ids[i % ids.length]}`, restHeaders(randomUUID())))
          .status === 200,
      'rest.axios': async (i) =>
        (
          await ax.get(`${popUrl}/api/v1/cong-dan/${ids[i % ids.length]}`, {
            headers: restHeaders(randomUUID()),
          })
        ).status === 200,
      'rest.adapter': async (i) => {
        const out = (await rest.call(personById, { personalId: ids[i % ids.length] }, ctx())) as {
          personalId?: string;
        };
        return out.personalId === ids[i % ids.length];
      },
      'soap.direct': async (i) =>
        (
          await bareSoap.send(
            'POST',
            ENDPOINT_PATH,
            soapHeaders(randomUUID()),
            envelopes[i % envelopes.length],
          )
        ).status === 200,
      'soap.axios': async (i) =>
        (
          await ax.post(`${landUrl}${ENDPOINT_PATH}`, envelopes[i % envelopes.length], {
            headers: soapHeaders(randomUUID()),
          })
        ).status === 200,
      'soap.adapter': async (i) => {
        const out = (await soap.call(parcelService, keys[i % keys.length], ctx())) as {
          key?: { parcelNumber?: string };
        };
        return out.key?.parcelNumber === keys[i % keys.length].parcelNumber;
      },
    };
    // Every request once (proves they all succeed), then warm-up in turns: V8 optimises the adapter's code
    // (axios, Joi, xml2js, the mapping) only after thousands of calls.
    for (const [name, call] of Object.entries(calls)) {
      const n = name.startsWith('rest') ? ids.length : keys.length;
      const warm = await closedLoop(call, CONCURRENCY, 60_000, n);
      if (warm.errors) throw new Error(`${name}: ${warm.errors} of ${n} warm-up calls failed`);
    }
    for (let t = 0; t < WARM_UP_MS; t += 1000)
      for (const [name, call] of Object.entries(calls))
        failFast(name, await closedLoop(call, CONCURRENCY, 1000));
    // CPU time per call on each side: this process (client: adapter or bare client) and the simulators.
    const cpu: Record<string, { calls: number; client: number; simulator: number }> = {};
    const contenders: Record<string, () => Promise<RoundStats>> = {};
    for (const [name, call] of Object.entries(calls)) {
      contenders[name] = async () => {
        const [c0, s0] = [cpuMs(process.pid), cpuMs(sims.pid)];
        const s = await closedLoop(call, CONCURRENCY, ROUND_MS);
        const acc = (cpu[name] ??= { calls: 0, client: 0, simulator: 0 });
        acc.calls += s.calls;
        acc.client += cpuMs(process.pid) - c0;
        acc.simulator += cpuMs(sims.pid) - s0;
        return s;
      };
    }
    const r = await interleavedRounds(contenders, ROUNDS);
    const cpuUs = (name: string) => ({
      client: Math.round((cpu[name].client * 1000) / cpu[name].calls),
      simulator: Math.round((cpu[name].simulator * 1000) / cpu[name].calls),
    });

    const side = (kind: 'rest' | 'soap') => {
      const direct = r[`${kind}.direct`];
      const viaAdapter = r[`${kind}.adapter`];
      const ratioToDirect = viaAdapter.callsPerSecond / direct.callsPerSecond;
      return {
        ratioToDirect,
        ratioToBareAxios: viaAdapter.callsPerSecond / r[`${kind}.axios`].callsPerSecond,
        viaAdapter: { ...viaAdapter, cpuUsPerCall: cpuUs(`${kind}.adapter`) },
        direct: { ...direct, cpuUsPerCall: cpuUs(`${kind}.direct`) },
        bareAxios: { ...r[`${kind}.axios`], cpuUsPerCall: cpuUs(`${kind}.axios`) },
        target: TARGET[kind],
        meetsTarget: ratioToDirect >= TARGET[kind],
      };
    };
    const figures = {
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      roundMs: ROUND_MS,
      warmUpMs: WARM_UP_MS * Object.keys(calls).length,
      xmlDsig: false,
      rest: { adapter: 'national-population', service: 'person-by-id/v1', ...side('rest') },
      soap: { adapter: 'land-registry', service: 'parcel/v1', ...side('soap') },
    };
    const path = writeResults('adapters', figures);
    const row = (label: string, name: string, ratio?: number) => [
      label,
      r[name].callsPerSecond,
      r[name].p50Ms,
      r[name].p99Ms,
      ratio === undefined ? '' : ratio.toFixed(2),
      cpuUs(name).client,
      cpuUs(name).simulator,
    ];
    const axiosRatio = (kind: 'rest' | 'soap') =>
      r[`${kind}.axios`].callsPerSecond / r[`${kind}.direct`].callsPerSecond;
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    printTable(
      `adapters: calls through an adapter vs the same HTTP call from a bare client, concurrency ${CONCURRENCY}, ` +
        `median of ${ROUNDS} interleaved rounds after ${(WARM_UP_MS / 1000) * 6} s of warm-up; simulators in a ` +
        'child process; signing-free (land-registry uses no XML-DSig)',
      [
        ['measure', 'calls/s', 'p50 ms', 'p99 ms', 'ratio', 'client µs/call', 'sim µs/call'],
        row('REST direct (node:http, same request)', 'rest.direct'),
        row('REST bare axios (reference)', 'rest.axios', axiosRatio('rest')),
        row('REST national-population person-by-id', 'rest.adapter', figures.rest.ratioToDirect),
        row('SOAP direct (node:http, same envelope)', 'soap.direct'),
        row('SOAP bare axios (reference)', 'soap.axios', axiosRatio('soap')),
        row('SOAP land-registry parcel', 'soap.adapter', figures.soap.ratioToDirect),
        ['REST target ≥ 0.85 of direct', met(figures.rest.meetsTarget), '', '', '', '', ''],
        ['SOAP target ≥ 0.70 of direct', met(figures.soap.meetsTarget), '', '', '', '', ''],
      ],
    );
    process.stdout.write(`  written to ${path}\n`);
    return figures;
  } finally {
    await cleanup.run();
  }
}
