/**
 * list-dossiers/v1: the dossiers the legacy system received since a moment, a page at a time, each normalised to
 * dossier@2. The system pages by page number over dossiers in order of reception (new ones are appended, so the
 * pages already read stay put); the cursor carries the system's own `tuNgay`, the next page and the page size.
 * A dossier that cannot be read cleanly (mixed encodings, an undecidable two-digit year, an unmapped code) is
 * listed under `rejected` by its code and the reason — never half-converted, and never blocking the others.
 */
import { contracts, Joi } from '../../../contracts';
import { toPortalTimestamp } from '../../../contracts/validators/date';
import { defineService, UpstreamError } from '../../sdk';
import type { LegacyClient } from '../index';
import { readPage } from '../read';

interface In {
  since?: string;
  cursor?: string;
  pageSize: number;
}

/** Where to continue: the system's `tuNgay` (yyyyMMddHHmmss), the page to read and the page size. */
export interface ListCursor {
  since: string;
  page: number;
  pageSize: number;
}

const CURSOR = /^(\d{14}):(\d{1,6}):(\d{1,3})$/;

export const encodeCursor = (c: ListCursor): string =>
  Buffer.from(`${c.since}:${c.page}:${c.pageSize}`, 'utf8').toString('base64url');

export function decodeCursor(cursor: string): ListCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) return undefined;
  const [page, pageSize] = [Number(m[2]), Number(m[3])];
  return page >= 1 && pageSize >= 1 && pageSize <= 100 ? { since: m[1], page, pageSize } : undefined;
}

export const legacyDossierList = Joi.object({
  dossiers: Joi.array().items(contracts.get('dossier@2')!.schema).required(),
  nextCursor: Joi.string().description('Pass as `cursor` for the next page; absent on the last page'),
  rejected: Joi.array()
    .items(
      Joi.object({
        dossierCode: Joi.string(),
        reason: Joi.string()
          .required()
          .description('Why the record could not be normalised (no personal data)'),
      }),
    )
    .default([])
    .description('Dossiers of this page the adapter refused to convert'),
}).id('LegacyDossierList_v1');

export const listDossiers = defineService<LegacyClient, In, Record<string, unknown>>({
  name: 'list-dossiers',
  version: 1,
  title: 'Dossiers the legacy one-stop system received since a moment (paged)',
  kind: 'read',
  input: Joi.object({
    since: Joi.timestamp().description('Dossiers received at or after this moment'),
    cursor: Joi.string()
      .custom((v: string, h) => (decodeCursor(v) ? v : h.error('any.invalid')))
      .description('nextCursor of the previous page'),
    pageSize: Joi.number().integer().min(1).max(100).default(20),
  })
    .xor('since', 'cursor')
    .id('LegacyDossierListRequest_v1'),
  output: legacyDossierList,
  async execute(ctx, input) {
    const at: ListCursor = input.cursor
      ? decodeCursor(input.cursor)!
      : { since: toPortalTimestamp(input.since!), page: 1, pageSize: input.pageSize };
    const res = await ctx.client.request(ctx, {
      method: 'GET',
      path: '/mcdt/api/HoSo/DanhSach',
      query: { tuNgay: at.since, trang: at.page, soDong: at.pageSize },
    });
    const page = readPage(ctx.client.upstream, res.data);
    if (page.page !== at.page) {
      throw new UpstreamError({
        upstream: ctx.client.upstream,
        code: 'malformed',
        reason: `answered page ${page.page} for page ${at.page}`,
      });
    }
    const more = page.page * page.pageSize < page.total;
    return {
      dossiers: page.dossiers,
      ...(more && { nextCursor: encodeCursor({ ...at, page: at.page + 1, pageSize: page.pageSize }) }),
      rejected: page.rejected,
    };
  },
});
