/**
 * /van-hanh — the operators' overview: each upstream with its breaker state, error rate and mean latency
 * (the hub's metrics registry, since this process started), each destination's queue depth and the age
 * of its oldest undelivered delivery (queue/metrics.ts, as /metrics shows them) and the dead letters.
 */
import type { Request, Response } from 'express';
import { readQueueSnapshot } from '../../../queue/metrics';
import type { WebContext } from '../kit/context';
import { langOf, t, type Lang } from '../kit/i18n';
import { sendPage } from '../kit/render';
import { OperatorFrame, type Staff } from './frame';

export interface UpstreamFigures {
  upstream: string;
  breaker: string;
  calls: number;
  errors: number;
  meanMs: number | null;
}

/** Breaker state, error count and latency of every upstream of the catalog. */
export async function upstreamFigures(ctx: WebContext): Promise<UpstreamFigures[]> {
  const { catalog, metrics } = ctx.deps;
  const errors = new Map<string, number>();
  for (const v of (await metrics.upstreamErrors.get()).values) {
    const u = String(v.labels.upstream);
    errors.set(u, (errors.get(u) ?? 0) + v.value);
  }
  const count = new Map<string, number>();
  const sum = new Map<string, number>();
  for (const v of (await metrics.upstreamDuration.get()).values) {
    const u = String(v.labels.upstream);
    const into = v.metricName?.endsWith('_count') ? count : v.metricName?.endsWith('_sum') ? sum : undefined;
    into?.set(u, (into.get(u) ?? 0) + v.value);
  }
  return catalog
    .adapters()
    .map((a) => {
      const id = a.definition.id;
      const calls = count.get(id) ?? 0;
      return {
        upstream: id,
        breaker: a.breakerState(),
        calls,
        errors: errors.get(id) ?? 0,
        meanMs: calls ? ((sum.get(id) ?? 0) / calls) * 1000 : null,
      };
    })
    .sort((a, b) => a.upstream.localeCompare(b.upstream));
}

const BREAKER = new Map(
  Object.entries({
    closed: { vi: 'Đóng (bình thường)', en: 'Closed (normal)' },
    'half-open': { vi: 'Nửa mở (đang thử)', en: 'Half-open (probing)' },
    open: { vi: 'Mở (tạm ngừng gọi)', en: 'Open (calls stopped)' },
  }),
);
const breakerName = (lang: Lang, s: string) => BREAKER.get(s)?.[lang] ?? s;
const percent = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : '—');

export async function overviewPage(ctx: WebContext, req: Request, res: Response, s: Staff): Promise<void> {
  const lang = langOf(req);
  const ups = await upstreamFigures(ctx);
  const dl = ctx.deps.deliveries;
  const queues = dl ? await readQueueSnapshot(dl, (ctx.deps.clock ?? Date.now)()) : undefined;
  sendPage(
    res,
    200,
    <OperatorFrame
      ctx={ctx}
      req={req}
      res={res}
      s={s}
      title={{ vi: 'Vận hành', en: 'Operations' }}
      path="/van-hanh"
    >
      <table>
        <caption>{t(lang, { vi: 'Hệ thống nguồn', en: 'Upstreams' })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, { vi: 'Hệ thống', en: 'Upstream' })}</th>
            <th scope="col">{t(lang, { vi: 'Cầu dao', en: 'Breaker' })}</th>
            <th scope="col">{t(lang, { vi: 'Lượt gọi', en: 'Calls' })}</th>
            <th scope="col">{t(lang, { vi: 'Tỷ lệ lỗi', en: 'Error rate' })}</th>
            <th scope="col">{t(lang, { vi: 'Thời gian trung bình', en: 'Mean latency' })}</th>
          </tr>
        </thead>
        <tbody>
          {ups.map((u) => (
            <tr key={u.upstream}>
              <td>{u.upstream}</td>
              <td class={u.breaker === 'closed' ? undefined : 'overdue'}>{breakerName(lang, u.breaker)}</td>
              <td>{u.calls}</td>
              <td>{percent(u.errors, u.calls)}</td>
              <td>{u.meanMs === null ? '—' : `${u.meanMs.toFixed(0)} ms`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        {t(lang, {
          vi: 'Các lần gọi đồng bộ qua tiến trình hub này từ khi khởi động (như /metrics); lượt chuyển phát do tiến trình worker đếm (/metrics của worker).',
          en: 'Synchronous calls through this hub process since it started (as its /metrics); deliveries are counted by the worker (its /metrics).',
        })}
      </p>
      {queues && (
        <table>
          <caption>{t(lang, { vi: 'Hàng đợi chuyển phát', en: 'Delivery queues' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, { vi: 'Nơi nhận', en: 'Destination' })}</th>
              <th scope="col">{t(lang, { vi: 'Đang chờ', en: 'Waiting' })}</th>
              <th scope="col">{t(lang, { vi: 'Hoãn lại', en: 'Delayed' })}</th>
              <th scope="col">{t(lang, { vi: 'Đang chạy', en: 'Active' })}</th>
              <th scope="col">{t(lang, { vi: 'Chờ lâu nhất', en: 'Oldest undelivered' })}</th>
              <th scope="col">{t(lang, { vi: 'Thư lỗi', en: 'Dead letters' })}</th>
            </tr>
          </thead>
          <tbody>
            {queues.destinations.map((q) => (
              <tr key={q.destination}>
                <td>{q.destination}</td>
                <td>{q.waiting}</td>
                <td>{q.delayed}</td>
                <td>{q.active}</td>
                <td>{`${Math.round(q.oldestWaitingAgeSec)} s`}</td>
                <td>{q.deadLetters}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="/van-hanh/thu-loi">
          {t(lang, {
            vi: `Thư lỗi: ${queues?.deadLetters ?? 0}`,
            en: `Dead letters: ${queues?.deadLetters ?? 0}`,
          })}
        </a>
      </p>
    </OperatorFrame>,
  );
}
