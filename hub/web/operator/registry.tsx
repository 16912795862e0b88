/**
 * /van-hanh/thanh-vien and /van-hanh/quyen — what the configuration and the trust store say: the members,
 * their keys and certificates (expiry, retirement, revocation), and the grants (who may call which service
 * for which purpose and which fields). Read-only: keys are issued and revoked with `lienthong keys` (the
 * key ceremony), grants are edited in policies.json.
 */
import type { Request, Response } from 'express';
import type { WebContext } from '../kit/context';
import { langOf, t, vnDateTime, type Lang } from '../kit/i18n';
import { Notice } from '../kit/layout';
import { sendPage } from '../kit/render';
import { OperatorFrame, type Staff } from './frame';

const iso = (ms: number) => new Date(ms).toISOString();

function keyState(lang: Lang, k: { notAfter: number; retiresAt?: number; revoked?: unknown }, now: number) {
  if (k.revoked) return t(lang, { vi: 'Đã thu hồi', en: 'Revoked' });
  if (k.notAfter <= now) return t(lang, { vi: 'Hết hạn', en: 'Expired' });
  if (k.retiresAt !== undefined && k.retiresAt <= now) return t(lang, { vi: 'Đã thay thế', en: 'Retired' });
  if (k.notAfter - now < 30 * 86_400_000) return t(lang, { vi: 'Sắp hết hạn', en: 'Expires soon' });
  return t(lang, { vi: 'Hiệu lực', en: 'Valid' });
}

export async function membersPage(ctx: WebContext, req: Request, res: Response, s: Staff): Promise<void> {
  const lang = langOf(req);
  const now = (ctx.deps.clock ?? Date.now)();
  const keys = [...ctx.deps.trust.keys()].sort(
    (a, b) => a.memberId.localeCompare(b.memberId) || a.notAfter - b.notAfter,
  );
  sendPage(
    res,
    200,
    <OperatorFrame
      ctx={ctx}
      req={req}
      res={res}
      s={s}
      title={{ vi: 'Thành viên và khóa', en: 'Members and keys' }}
      path="/van-hanh/thanh-vien"
    >
      <Notice kind="info">
        {t(lang, {
          vi: 'Cấp, thay và thu hồi khóa làm bằng dòng lệnh (lienthong keys issue | rotate | revoke), theo nghi thức quản lý khóa; trang này chỉ hiển thị.',
          en: 'Keys are issued, rotated and revoked on the command line (lienthong keys issue | rotate | revoke), in the key ceremony; this page only shows them.',
        })}
      </Notice>
      <table>
        <caption>{t(lang, { vi: 'Thành viên', en: 'Members' })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, { vi: 'Mã', en: 'Id' })}</th>
            <th scope="col">{t(lang, { vi: 'Tên', en: 'Name' })}</th>
            <th scope="col">{t(lang, { vi: 'Phân hệ', en: 'Subsystems' })}</th>
            <th scope="col">{t(lang, { vi: 'Quyền đặc biệt', en: 'Rights' })}</th>
          </tr>
        </thead>
        <tbody>
          {ctx.deps.config.members.map((m) => (
            <tr key={m.id}>
              <td>{m.id}</td>
              <td>{m.name}</td>
              <td>{m.subsystems.join(', ')}</td>
              <td>{m.rights.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{t(lang, { vi: 'Khóa và chứng thư', en: 'Keys and certificates' })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, { vi: 'Thành viên', en: 'Member' })}</th>
            <th scope="col">kid</th>
            <th scope="col">{t(lang, { vi: 'Số sê-ri', en: 'Serial' })}</th>
            <th scope="col">{t(lang, { vi: 'Hết hạn', en: 'Expires' })}</th>
            <th scope="col">{t(lang, { vi: 'Tình trạng', en: 'State' })}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.kid}>
              <td>{k.memberId}</td>
              <td>
                <code>{k.kid}</code>
              </td>
              <td>
                <code>{k.certificate.serialNumber}</code>
              </td>
              <td>{vnDateTime(iso(k.notAfter))}</td>
              <td>
                {keyState(lang, k, now)}
                {k.revoked && ` — ${vnDateTime(iso(k.revoked.at))}: ${k.revoked.reason}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </OperatorFrame>,
  );
}

export async function grantsPage(ctx: WebContext, req: Request, res: Response, s: Staff): Promise<void> {
  const lang = langOf(req);
  const { grants, purposes } = ctx.deps.config;
  const titles = new Map(purposes.map((p) => [p.code, p.title]));
  const rows = grants.flatMap((g) =>
    Object.entries(g.purposes).map(([purpose, fields]) => ({ ...g, purpose, fields })),
  );
  sendPage(
    res,
    200,
    <OperatorFrame
      ctx={ctx}
      req={req}
      res={res}
      s={s}
      title={{ vi: 'Quyền truy cập', en: 'Grants' }}
      path="/van-hanh/quyen"
    >
      <p class="muted">
        {t(lang, {
          vi: 'Theo policies.json; sửa ở tệp cấu hình.',
          en: 'As policies.json says; edited in the configuration.',
        })}
      </p>
      <table>
        <caption>
          {t(lang, {
            vi: 'Ai được gọi dịch vụ nào, vì mục đích gì, trường nào',
            en: 'Who may call which service, for which purpose, which fields',
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, { vi: 'Bên gọi', en: 'Client' })}</th>
            <th scope="col">{t(lang, { vi: 'Dịch vụ', en: 'Service' })}</th>
            <th scope="col">{t(lang, { vi: 'Mục đích', en: 'Purpose' })}</th>
            <th scope="col">{t(lang, { vi: 'Trường', en: 'Fields' })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.client} ${r.service} ${r.purpose}`}>
              <td>{r.client}</td>
              <td>{r.service}</td>
              <td>
                {r.purpose}
                <br />
                <span class="muted">{titles.get(r.purpose) ?? ''}</span>
              </td>
              <td>{r.fields === '*' ? t(lang, { vi: 'Tất cả', en: 'All' }) : r.fields.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </OperatorFrame>,
  );
}
