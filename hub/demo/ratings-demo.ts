/**
 * The demo's satisfaction part: an applicant follows the rating link of the SMS that brought the result
 * and rates the service with the national portal's criteria; the portal receives the rating; then each
 * agency reads its KPIs for the day (GET /v1/kpis): received, online share, on-time rate in working days,
 * average processing time, participation and satisfaction.
 */
import type { World } from '../sandbox/world';
import type { HubClient } from '../protocol';
import { pad, sleep, type Write } from './dossier-display';

export interface FollowedDossier {
  code: string;
  client: HubClient;
  purpose: string;
}

interface KpiFigures {
  received: number;
  online: number;
  onTimeRate: number | null;
  averageProcessingWorkingDays: number | null;
  rated: number;
  returned: number;
  participationRate: number | null;
  satisfactionRate: number | null;
}

export interface RatingsDemoResult {
  /** The portal holds the applicant's rating. */
  ratingAtPortal: boolean;
  /** Per agency code: its totals for the day. */
  kpis: Record<string, KpiFigures>;
}

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

export async function runRatingsDemo(
  world: World,
  rated: FollowedDossier,
  all: FollowedDossier[],
  write: Write,
): Promise<RatingsDemoResult> {
  const notify = (await fetch(`${world.simulators.notify.url}/__admin/state`).then((r) => r.json())) as {
    messages: { channel: string; text: string; reference?: string }[];
  };
  const last = notify.messages.filter((m) => m.reference === rated.code && m.channel === 'sms').pop();
  const link = last?.text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no rating link in the SMS of ${rated.code}`);
  // The link is on the hub's public address (LIENTHONG_PUBLIC_URL); the demo opens it on its own hub.
  const url = `${world.hub.url}${new URL(link).pathname}`;
  const form = (await (await fetch(url)).json()) as {
    criteria: { id: string; vi: string }[];
    levels: { id: string; vi: string }[];
  };
  const answers = form.criteria.map((c) => ({
    criterion: c.id,
    level: c.id === 'processing-time' ? 'satisfied' : 'very-satisfied',
  }));
  write(`\nThe mother follows the link in her last SMS and rates the service (the portal's criteria):`);
  const levelVi = new Map(form.levels.map((l) => [l.id, l.vi]));
  for (const [i, c] of form.criteria.entries()) write(`  ${pad(c.vi, 66)} ${levelVi.get(answers[i].level)}`);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers, comment: 'Không phải đi lại, nhận kết quả qua mạng.' }),
  });
  if (res.status !== 202) throw new Error(`rating refused: ${res.status} ${await res.text()}`);

  // The rating is a delivery to the portal, after the dossier's status updates: wait for it to arrive.
  let ratingAtPortal = false;
  for (let i = 0; i < 50 && !ratingAtPortal; i++) {
    const portal = (await fetch(`${world.simulators['national-portal'].url}/__admin/state`).then((r) =>
      r.json(),
    )) as { ratings: { MaHoSo: string }[] };
    ratingAtPortal = portal.ratings.some((r) => r.MaHoSo === rated.code);
    if (!ratingAtPortal) await sleep(100);
  }
  write(
    `  kept with dossier ${rated.code}; the national portal ${ratingAtPortal ? 'received it' : 'has not received it yet'}`,
  );

  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const kpis: Record<string, KpiFigures> = {};
  write(`\nService KPIs for ${today}, as each agency reads them (GET /v1/kpis):`);
  write(
    `  ${pad('agency', 40)}${pad('received', 10)}${pad('online', 8)}${pad('on time', 9)}${pad('avg. days', 11)}${pad('rated', 7)}${pad('particip.', 11)}satisfied`,
  );
  const seen = new Set<string>();
  for (const d of all) {
    const r = await d.client.request('GET', `/v1/kpis?from=${today}&to=${today}`, { purpose: d.purpose });
    if (r.status !== 200) throw new Error(`GET /v1/kpis: ${r.status} ${JSON.stringify(r.body)}`);
    for (const a of (r.body as { agencies: { code: string; name: string; totals: KpiFigures }[] }).agencies) {
      if (seen.has(a.code)) continue;
      seen.add(a.code);
      kpis[a.code] = a.totals;
      const t = a.totals;
      write(
        `  ${pad(a.name, 40)}${pad(String(t.received), 10)}${pad(`${t.online}/${t.received}`, 8)}${pad(percent(t.onTimeRate), 9)}` +
          `${pad(t.averageProcessingWorkingDays === null ? '—' : t.averageProcessingWorkingDays.toFixed(2), 11)}` +
          `${pad(`${t.rated}/${t.returned}`, 7)}${pad(percent(t.participationRate), 11)}${percent(t.satisfactionRate)}`,
      );
    }
  }
  return { ratingAtPortal, kpis };
}
