/**
 * The joint-procedures part of the demo, on a running world (simulators, hub, worker):
 *   (a) a birth registration for a synthetic family — the parent types four things, the rest is read;
 *   (b) a land-use-right transfer during which the tax system is down for its first attempts;
 *   (c) a death registration.
 * Each dossier is followed live (status changes, steps, failed attempts and retries), then its timeline
 * is printed; at the end, the status updates the national portal received, the notifications sent, and
 * the mother's access log. Returns what happened, for the demo's test.
 */
import { scenarioBirthCertificateNumber } from '../../adapters/health-insurance';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import type { HubClient } from '../protocol';
import { startWorld, type World } from '../sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../worker-runtime';

type Write = (line: string) => void;

/** Deliveries tuned for a demo: quick backoff, so a few seconds of tax outage cost seconds, not minutes. */
export const DEMO_ENV = {
  LIENTHONG_DELIVERY_ATTEMPTS: '8',
  LIENTHONG_DELIVERY_BACKOFF_BASE_MS: '250',
  LIENTHONG_DELIVERY_BACKOFF_CAP_MS: '2000',
  LIENTHONG_UPSTREAM_TIMEOUT_MS: '3000',
};

export interface DemoWorld {
  world: World;
  worker: WorkerRuntime;
  close(): Promise<void>;
}

/**
 * The simulators (the treasury confirms a tax payment 1.5 s after the notice is issued), the hub, and one
 * delivery worker, on the given Redis.
 */
export async function startDemoWorld(redisUrl: string): Promise<DemoWorld> {
  const world = await startWorld({
    redisUrl,
    env: DEMO_ENV,
    simulators: { tax: { autoPayAfterMs: 1500 } as Record<string, unknown> },
  });
  let worker: WorkerRuntime;
  try {
    worker = await startWorkerRuntime({
      config: world.config,
      nodeId: 'demo-worker',
      reconcileEveryMs: 2000,
    });
  } catch (err) {
    await world.close();
    throw err;
  }
  return {
    world,
    worker,
    async close() {
      await worker.close();
      await world.close();
    },
  };
}

/** The timeline as GET /v1/dossiers/{code} answers it (the parts shown here). */
interface Timeline {
  dossierCode: string;
  procedure: { id: string; code: string; name: { vi: string; en: string } };
  status: { code: number; vi: string; en: string };
  receivedAt: string;
  dueAt: string;
  onTime?: boolean;
  reason?: string;
  history: { at: string; status: number; vi: string; en: string; note?: string }[];
  steps: {
    id: string;
    title: { vi: string; en: string };
    agency: string;
    state: string;
    startedAt?: string;
    finishedAt?: string;
    dueAt?: string;
    overdue: boolean;
    attempts?: number;
    items?: number;
    lastError?: { attempt: number; code: string; reason: string; retryable: boolean };
    errors?: { at: string; attempt: number; code: string; reason: string; retryable: boolean }[];
  }[];
  sources?: Record<string, { source: string; fetchedAt: string }>;
}

export interface DossierOutcome {
  procedure: string;
  code: string;
  status: number;
  onTime?: boolean;
  steps: { id: string; state: string; attempts?: number }[];
  /** Failed attempts seen live, as `step: error`. */
  retries: string[];
}

export interface ProceduresDemoResult {
  dossiers: DossierOutcome[];
  /** Status updates the portal accepted, per dossier code. */
  portal: Record<string, number[]>;
  notifications: { sms: number; email: number };
  accessLog: { service: string; purpose?: string; procedure?: string }[];
}

export interface ProceduresDemoOptions {
  /**
   * Failed attempts of the land transfer's tax step before the tax system comes back up. The outage is
   * ended by the attempts the demo sees, not by a clock, so the story is the same on a slow machine.
   * @defaultValue 2
   */
  taxDownAttempts?: number;
  /** Longest wait for one dossier. @defaultValue 60000 */
  dossierTimeoutMs?: number;
}

/** The time of day in Vietnam (UTC+7) of an ISO timestamp, whatever its offset. */
const hhmmss = (iso?: string) =>
  iso ? new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 19) : '—';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const pad = (s: string, n: number) =>
  s.length >= n ? s.slice(0, n - 1) + '…' : s + ' '.repeat(n - s.length);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Phone numbers and e-mail addresses shown half-masked, as an operator's screen would. */
const mask = (to: string) =>
  to.includes('@') ? to.replace(/^(.).*?(@.*)$/, '$1•••$2') : to.replace(/^(\+?\d{4}).*(\d{3})$/, '$1•••$2');

async function timeline(client: HubClient, code: string, purpose: string): Promise<Timeline> {
  const res = await client.request('GET', `/v1/dossiers/${code}`, { purpose });
  if (res.status !== 200)
    throw new Error(`GET /v1/dossiers/${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Timeline;
}

/** Follows a dossier until it ends (result returned, supplement requested, stopped), printing what changes. */
async function follow(
  client: HubClient,
  code: string,
  purpose: string,
  write: Write,
  timeoutMs: number,
  onFailedAttempt?: (step: string) => void,
): Promise<{ t: Timeline; retries: string[] }> {
  const started = Date.now();
  const since = () => `+${((Date.now() - started) / 1000).toFixed(1).padStart(4)}s`;
  let shownHistory = 0;
  const stepSeen = new Map<string, string>();
  const errorSeen = new Set<string>();
  const retries: string[] = [];
  for (;;) {
    const t = await timeline(client, code, purpose);
    for (const h of t.history.slice(shownHistory)) {
      write(
        `    ${since()}  status ${String(h.status).padStart(2)}  ${h.vi} (${h.en})${h.note ? ` — ${h.note}` : ''}`,
      );
    }
    shownHistory = t.history.length;
    for (const s of t.steps) {
      // Every failed attempt, also those that came and went between two polls.
      for (const err of s.errors ?? []) {
        const key = `${s.id} ${err.at} ${err.attempt}`;
        if (errorSeen.has(key)) continue;
        errorSeen.add(key);
        const e = `${s.id}: attempt ${err.attempt} failed — ${err.code} (${err.reason})`;
        retries.push(e);
        onFailedAttempt?.(s.id);
        write(`    ${since()}  step  ${e}${err.retryable ? ', retrying with backoff' : ''}`);
      }
      const shown = `${s.state}/${s.attempts ?? 0}`;
      if (stepSeen.get(s.id) !== shown && s.state !== 'waiting') {
        const was = stepSeen.get(s.id)?.split('/')[0];
        stepSeen.set(s.id, shown);
        if (was === s.state) continue; // only the attempt count moved: the error line said so
        const detail =
          s.state === 'done'
            ? ` after ${s.attempts ?? 1} attempt${(s.attempts ?? 1) > 1 ? 's' : ''}`
            : s.items
              ? ` (${s.items} items)`
              : '';
        write(`    ${since()}  step  ${s.id} → ${s.state}${detail}  [${s.agency}]`);
      }
    }
    if ([3, 5, 7, 8, 10].includes(t.status.code)) return { t, retries };
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `dossier ${code} did not finish within ${timeoutMs / 1000} s (status ${t.status.code})`,
      );
    }
    await sleep(150);
  }
}

function printTimeline(t: Timeline, write: Write): void {
  write(`\n  Timeline of ${t.dossierCode} — ${t.procedure.name.vi}`);
  write(
    `  received ${t.receivedAt.replace('T', ' ').slice(0, 19)}, due ${t.dueAt.replace('T', ' ').slice(0, 16)}, ` +
      `status ${t.status.code} "${t.status.vi}", ${t.onTime === undefined ? 'not finished' : t.onTime ? 'on time' : 'LATE'}` +
      (t.reason ? `\n  reason: ${t.reason}` : ''),
  );
  write(
    `  ${pad('step', 20)}${pad('agency', 44)}${pad('state', 12)}${pad('tries', 6)}${pad('start', 9)}${pad('end', 9)}due`,
  );
  for (const s of t.steps) {
    write(
      `  ${pad(s.id, 20)}${pad(s.agency, 44)}${pad(s.state + (s.overdue ? '!' : ''), 12)}${pad(String(s.attempts ?? '—'), 6)}` +
        `${pad(hhmmss(s.startedAt), 9)}${pad(hhmmss(s.finishedAt), 9)}${s.dueAt ? s.dueAt.slice(0, 16).replace('T', ' ') : '—'}`,
    );
  }
  if (t.sources) {
    const src = Object.entries(t.sources).map(([as, p]) => `${as} ← ${p.source} at ${hhmmss(p.fetchedAt)}`);
    write(`  read once, with provenance: ${src.join('; ')}`);
  }
}

async function submit(
  client: HubClient,
  procedure: string,
  purpose: string,
  applicant: string,
  form: Record<string, unknown>,
): Promise<string> {
  const res = await client.request('POST', `/v1/procedures/${procedure}/dossiers`, {
    purpose,
    body: { applicant: { personalId: applicant }, form },
  });
  if (res.status !== 202)
    throw new Error(`${procedure}: submission refused ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { dossierCode: string }).dossierCode;
}

export async function runProceduresDemo(
  world: World,
  write: Write = (l) => process.stdout.write(l + '\n'),
  options: ProceduresDemoOptions = {},
): Promise<ProceduresDemoResult> {
  const pop = getPopulation();
  const timeoutMs = options.dossierTimeoutMs ?? 60_000;
  const dossiers: DossierOutcome[] = [];
  const run = async (
    title: string,
    client: HubClient,
    procedure: string,
    purpose: string,
    applicant: string,
    form: Record<string, unknown>,
    hooks: { before?: () => void; onFailedAttempt?: (step: string) => void } = {},
  ) => {
    write(`\n${title}`);
    hooks.before?.();
    const code = await submit(client, procedure, purpose, applicant, form);
    write(`  submitted → dossier ${code}`);
    const { t, retries } = await follow(client, code, purpose, write, timeoutMs, hooks.onFailedAttempt);
    printTimeline(t, write);
    dossiers.push({
      procedure,
      code,
      status: t.status.code,
      onTime: t.onTime,
      steps: t.steps.map((s) => ({ id: s.id, state: s.state, attempts: s.attempts })),
      retries,
    });
    return code;
  };

  // (a) Birth: the ward's one-stop desk asks the hub what the mother still has to type.
  const birth = pop.scenarios.birth;
  const ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
  const pre = await ward.request(
    'GET',
    `/v1/procedures/birth-registration/prefill?subject=${birth.motherId}`,
    {
      purpose: 'ho-tich.khai-sinh',
    },
  );
  const prefill = pre.body as {
    toType: Record<string, { label: { en: string }; why: string }>;
    prefilled: Record<string, { source: string; value: Record<string, unknown> }>;
  };
  write(
    '\n(a) Birth registration + permanent residence + health-insurance card, UBND Phường Ngọc Hà (Hà Nội)',
  );
  write('  What the mother types (nothing any source holds):');
  for (const [k, f] of Object.entries(prefill.toType)) write(`    • ${k} — ${f.label.en} [${f.why}]`);
  write('  What the hub reads instead, by her personal ID, under the purpose ho-tich.khai-sinh:');
  for (const [as, p] of Object.entries(prefill.prefilled))
    write(`    • ${as}: ${Object.keys(p.value).length} fields from ${p.source}`);
  await run('  Following the dossier:', ward, 'birth-registration', 'ho-tich.khai-sinh', birth.motherId, {
    birthCertificateNumber: scenarioBirthCertificateNumber(),
    childFullName: 'Phạm Lê Minh An',
    residence: 'mother',
    healthFacilityCode: '01001',
  });

  // (b) Land transfer while the tax system is down for its first attempts.
  const land = pop.scenarios.land;
  const taxDownAttempts = options.taxDownAttempts ?? 2;
  let taxFailures = 0;
  write(
    '\n(b) Land-use-right transfer, Văn phòng đăng ký đất đai Hà Nội → Cục Thuế → treasury → land record',
  );
  await run(
    `  The tax system goes down as the dossier is submitted, and comes back after ${plural(taxDownAttempts, 'failed attempt')}:`,
    world.client('VN:GOV:01:VPDKDD', 'DATDAI'),
    'land-transfer',
    'dat-dai.chuyen-nhuong',
    land.transferorIds[0],
    {
      parcelCommuneCode: land.parcel.communeCode,
      mapSheetNumber: land.parcel.mapSheetNumber,
      parcelNumber: land.parcel.parcelNumber,
      transfereePersonalId: land.transfereeId,
      contractNumber: '2481/2026/CCGD',
      notarisedAt: '2026-11-18',
      notary: 'Văn phòng công chứng Nguyễn Trãi',
      declaredPrice: 3_200_000_000,
    },
    {
      before: () => world.simulators.tax.setFaults({ down: true }),
      onFailedAttempt: (step) => {
        if (step === 'obligations' && ++taxFailures === taxDownAttempts) {
          world.simulators.tax.setFaults({ down: false });
          write(`    ${' '.repeat(6)}  (the tax system is back up)`);
        }
      },
    },
  );

  // (c) Death registration.
  const death = pop.scenarios.death;
  write(
    '\n(c) Death registration + removal of permanent residence + funeral allowance, UBND Phường Tân Hiệp (TP.HCM)',
  );
  await run(
    '  Following the dossier:',
    world.client('VN:GOV:79:UBND-TANHIEP', 'MOTCUA'),
    'death-registration',
    'ho-tich.khai-tu',
    death.declarantId,
    {
      deceasedPersonalId: death.deceasedId,
      deathNoticeNumber: 'BT-2026-00123',
      deathNoticeIssuer: 'Bệnh viện Nhân dân Gia Định',
      dateOfDeath: new Date(Date.now() - 2 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10),
      placeOfDeathCommuneCode: '25920',
      relation: 'child',
      bankCode: '970436',
      accountNumber: '0071000123456',
    },
  );

  // What the portal received: the announcements are deliveries too, so wait until they have all arrived.
  const codes = dossiers.map((d) => d.code);
  const portalState = async () =>
    (await fetch(`${world.simulators['national-portal'].url}/__admin/state`).then((r) => r.json())) as {
      updates: Record<string, { via: string; status: number; outcome: string }[]>;
    };
  const accepted = (s: Awaited<ReturnType<typeof portalState>>) =>
    Object.fromEntries(
      codes.map((c) => [
        c,
        (s.updates[c] ?? []).filter((u) => u.outcome === 'accepted').map((u) => u.status),
      ]),
    );
  let portal = accepted(await portalState());
  for (let i = 0; i < 50 && codes.some((c) => !portal[c].includes(10)); i++) {
    await sleep(100);
    portal = accepted(await portalState());
  }
  write('\nStatus updates the national public-service portal accepted (in order, per dossier):');
  for (const c of codes) write(`  ${pad(c, 26)} ${portal[c].join(' → ')}`);

  const notify = (await fetch(`${world.simulators.notify.url}/__admin/state`).then((r) => r.json())) as {
    messages: { channel: 'sms' | 'email'; to: string; text: string; reference?: string }[];
  };
  const ours = notify.messages.filter((m) => m.reference && codes.includes(m.reference));
  write(
    `\nNotifications sent to the applicants: ${ours.length} (an SMS, and an e-mail where there is an address, on every status change)`,
  );
  for (const c of codes) {
    const sms = ours.filter((m) => m.reference === c && m.channel === 'sms');
    const mail = ours.filter((m) => m.reference === c && m.channel === 'email');
    write(`  ${c}: ${sms.length} SMS to ${sms[0] ? mask(sms[0].to) : '—'}, ${plural(mail.length, 'e-mail')}`);
    // The text after the procedure's name: the status (and a note), which is what changes.
    for (const m of sms) write(`      “${m.text.replace(/^.*?\): /, '')}”`);
  }

  // The mother, on the citizen portal, sees who read her data, when, which fields, and why.
  await world.hub.runtime.deps.audit.flush();
  const tracker = world.client('VN:GOV:00:VPCP', 'DVCQG');
  const log = await tracker.request('GET', `/v1/subjects/${birth.motherId}/access-log?limit=50`, {
    purpose: 'giam-sat.du-lieu',
  });
  const entries = (
    log.body as {
      entries: {
        time: string;
        member: string;
        service: string;
        purpose?: string;
        procedure?: string;
        fields: string[];
        outcome: string;
      }[];
    }
  ).entries;
  const names = new Map(world.config.members.map((m) => [m.id, m.name]));
  write(
    `\nThe mother's access log, as the citizen portal shows it (${entries.length} entries, newest first; ` +
      `times in Vietnam):`,
  );
  for (const e of entries) {
    const what = e.service.startsWith('hub:') ? e.service.slice(4) : e.service.split('/').slice(2).join('/');
    write(
      `  ${hhmmss(e.time)}  ${pad(names.get(e.member) ?? e.member, 34)} ${pad(what, 52)} ${e.purpose ?? ''}` +
        `${e.procedure ? ` (${e.procedure})` : ''}${e.fields.length ? ` — ${plural(e.fields.length, 'field')}` : ''}`,
    );
  }

  return {
    dossiers,
    portal,
    notifications: {
      sms: ours.filter((m) => m.channel === 'sms').length,
      email: ours.filter((m) => m.channel === 'email').length,
    },
    accessLog: entries.map((e) => ({ service: e.service, purpose: e.purpose, procedure: e.procedure })),
  };
}
