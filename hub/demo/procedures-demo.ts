/**
 * The joint-procedures part of the demo, on a running world (simulators, hub, worker):
 *   (a) a birth registration for a synthetic family — the parent types four things, the rest is read;
 *   (b) a land-use-right transfer during which the tax system is down for its first attempts, its
 *       obligations paid online through the national payment platform;
 *   (c) a death registration;
 *   (d) a household business registration whose fee is paid online and whose result is posted home.
 * Each dossier is followed live (status changes, steps, failed attempts and retries), then its timeline
 * is printed; at the end, the status updates the national portal received, the notifications sent, and
 * the mother's access log. Returns what happened, for the demo's test.
 */
import { scenarioBirthCertificateNumber } from '../../adapters/health-insurance';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import type { HubClient } from '../protocol';
import { smsSegments } from '../procedures/sms';
import { householdBusinessDossier, payWhenAsked } from './level4-demo';
import { runRatingsDemo, type FollowedDossier, type RatingsDemoResult } from './ratings-demo';
import { follow, hhmmss, mask, pad, plural, printTimeline, sleep, type Write } from './dossier-display';
import { startWorld, type World } from '../sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../worker-runtime';

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
  satisfaction: RatingsDemoResult;
  /** Every SMS text sent to the applicants. */
  smsTexts: string[];
}

export interface ProceduresDemoOptions {
  /**
   * How many calls the tax system fails (HTTP 503) once the land dossier is submitted: counted in calls,
   * not seconds, so that the retries show however loaded the machine is. @defaultValue 4
   */
  taxFailures?: number;
  /** Longest wait for one dossier. @defaultValue 60000 */
  dossierTimeoutMs?: number;
}

async function submit(
  client: HubClient,
  procedure: string,
  purpose: string,
  applicant: string,
  form: Record<string, unknown>,
  prefillId?: string,
  choices?: unknown,
): Promise<string> {
  const res = await client.request('POST', `/v1/procedures/${procedure}/dossiers`, {
    purpose,
    body: {
      applicant: { personalId: applicant },
      form,
      ...(prefillId ? { prefillId } : {}),
      ...(choices ? { choices } : {}),
    },
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
  const followed: FollowedDossier[] = [];
  const run = async (
    title: string,
    client: HubClient,
    procedure: string,
    purpose: string,
    applicant: string,
    form: Record<string, unknown>,
    extra: {
      before?: () => void;
      prefillId?: string;
      /** The applicant's level-4 choices (pay online, result by post). */
      choices?: unknown;
      /** What people outside the hub do meanwhile (pay, deliver). */
      alongside?: (code: string) => Promise<void>;
    } = {},
  ) => {
    write(`\n${title}`);
    extra.before?.();
    const code = await submit(client, procedure, purpose, applicant, form, extra.prefillId, extra.choices);
    write(`  submitted → dossier ${code}`);
    const acting = extra.alongside?.(code);
    const { t, retries } = await follow(client, code, purpose, write, timeoutMs);
    await acting;
    printTimeline(t, write);
    followed.push({ code, client, purpose });
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
    prefillId: string;
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
  write('  She submits with what she was shown: her record is read once for the dossier, not again.');
  await run(
    '  Following the dossier:',
    ward,
    'birth-registration',
    'ho-tich.khai-sinh',
    birth.motherId,
    {
      birthCertificateNumber: scenarioBirthCertificateNumber(),
      childFullName: 'Phạm Lê Minh An',
      residence: 'mother',
      healthFacilityCode: '01001',
    },
    { prefillId: prefill.prefillId },
  );

  // (b) Land transfer while the tax system is down for its first attempts; the obligations paid online.
  const land = pop.scenarios.land;
  const taxFailures = options.taxFailures ?? 4;
  const landOffice = world.client('VN:GOV:01:VPDKDD', 'DATDAI');
  write(
    '\n(b) Land-use-right transfer, Văn phòng đăng ký đất đai Hà Nội → Cục Thuế → national payment platform → land record',
  );
  write('  The applicant chose to pay the obligations online (level-4 online service).');
  await run(
    `  The tax system fails its next ${taxFailures} calls (HTTP 503) as the dossier is submitted:`,
    landOffice,
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
      before: () => world.simulators.tax.setFaults({ failNext: taxFailures, errorStatus: 503 }),
      choices: { payOnline: true },
      alongside: (code) =>
        payWhenAsked(
          world,
          landOffice,
          code,
          'dat-dai.chuyen-nhuong',
          'payment-online',
          `${code}-NVTC`,
          write,
        ),
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

  // (d) Household business: the fee paid online, the certificate posted home (level-4 online service).
  const business = householdBusinessDossier(world, write);
  await run(
    business.title,
    business.client,
    'household-business',
    business.purpose,
    business.applicant,
    business.form,
    business.extra,
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
    for (const m of sms) {
      const { encoding, segments } = smsSegments(m.text);
      write(`      “${m.text}” — ${plural(segments, 'segment')}, ${encoding}`);
    }
  }

  const satisfaction = await runRatingsDemo(world, followed[0], followed, write);

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
    satisfaction,
    smsTexts: ours.filter((m) => m.channel === 'sms').map((m) => m.text),
    notifications: {
      sms: ours.filter((m) => m.channel === 'sms').length,
      email: ours.filter((m) => m.channel === 'email').length,
    },
    accessLog: entries.map((e) => ({ service: e.service, purpose: e.purpose, procedure: e.procedure })),
  };
}
