/**
 * A sample registry adapter (the upstream of issue 13: OAuth 2.0 client credentials, snake_case fields
 * without diacritics, dd-MM-yyyy dates, sex 1/2, its own error envelope, duplicates detected on
 * X-Request-Id), written so that each bug the issue reports can be planted in it — in the mapping, in an
 * authentication provider of its own (the kind an integrator writes by hand), or in its simulator — for
 * test/conformance/planted-bugs.test.ts to prove that the conformance kit catches each one.
 */
import Joi from 'joi';
import {
  defineAdapter,
  defineService,
  readUpstream,
  RestTransport,
  type AdapterDeps,
  type UpstreamAuth,
} from '../../../adapters/sdk';

/** The bugs that can be planted. */
export interface Bugs {
  /** Male sent and read as 2. */
  swapSex?: boolean;
  /** Incoming dd-MM-yyyy read as MM-dd-yyyy. */
  swapDayMonth?: boolean;
  /** A 401 does not drop the token: no refresh on 401. */
  noRefreshOn401?: boolean;
  /** The token is kept until a 401: no refresh ahead of expiry. */
  noRefreshAhead?: boolean;
  /** The error envelope is not read: the upstream's code never reaches the hub. */
  dropUpstreamCode?: boolean;
}

type Client = RestTransport;
const UPSTREAM = 'sample-registry';

const congDan = Joi.object({
  so_dinh_danh: Joi.string().required(),
  ho_ten: Joi.string().required(),
  ngay_sinh: Joi.string()
    .pattern(/^\d{2}-\d{2}-\d{4}$/)
    .required(),
  gioi_tinh: Joi.number().valid(1, 2).required(),
});
const receipt = Joi.object({ so_dang_ky: Joi.string().required(), ngay_dang_ky: Joi.string().required() });

const personOut = Joi.object({
  personalId: Joi.string().required(),
  fullName: Joi.string().required(),
  dateOfBirth: Joi.string().isoDate().required(),
  sex: Joi.string().valid('male', 'female').required(),
}).id('SamplePerson_v1');

/** An OAuth provider as an integrator might write it, with the refresh bugs the issue found. */
function handWrittenAuth(deps: AdapterDeps, bugs: Bugs): UpstreamAuth | undefined {
  const good = deps.auth;
  if (!good || (!bugs.noRefreshAhead && !bugs.noRefreshOn401)) return good;
  if (bugs.noRefreshOn401) return { ...good, headers: (c) => good.headers(c), refused: () => false };
  // No expiry tracking: one token until the upstream refuses it.
  let header: string | undefined;
  const fetcher = good;
  return {
    kind: 'oauth2-client-credentials',
    async headers(ctx) {
      header ??= (await fetcher.headers(ctx)).authorization;
      return { authorization: header };
    },
    refused(sent) {
      if (sent.authorization === header) header = undefined;
      fetcher.refused(sent);
      return true;
    },
  };
}

export function sampleRegistry(bugs: Bugs = {}) {
  const person = defineService<Client, { personalId: string }, Record<string, unknown>>({
    name: 'person',
    version: 1,
    title: 'A person by personal ID',
    kind: 'read',
    input: Joi.object({
      personalId: Joi.string()
        .pattern(/^\d{12}$/)
        .required(),
    }).id('SamplePersonRequest_v1'),
    output: personOut,
    async execute(ctx, input) {
      const res = await ctx.client.request(ctx, { method: 'GET', path: `/api/cong-dan/${input.personalId}` });
      const c = readUpstream<{ so_dinh_danh: string; ho_ten: string; ngay_sinh: string; gioi_tinh: 1 | 2 }>(
        UPSTREAM,
        congDan,
        res.data,
      );
      const [d, m, y] = c.ngay_sinh.split('-');
      const male = bugs.swapSex ? 2 : 1;
      return {
        personalId: c.so_dinh_danh,
        fullName: c.ho_ten,
        dateOfBirth: bugs.swapDayMonth ? `${y}-${d}-${m}` : `${y}-${m}-${d}`,
        sex: c.gioi_tinh === male ? 'male' : 'female',
      };
    },
  });
  const register = defineService<Client, { personalId: string; note: string }, Record<string, unknown>>({
    name: 'register',
    version: 1,
    title: 'Registers a note about a person',
    kind: 'write',
    input: Joi.object({
      personalId: Joi.string()
        .pattern(/^\d{12}$/)
        .required(),
      note: Joi.string().max(200).required(),
    }).id('SampleRegisterRequest_v1'),
    output: Joi.object({
      registrationNumber: Joi.string().required(),
      registeredOn: Joi.string().required(),
    }).id('SampleReceipt_v1'),
    async execute(ctx, input) {
      const res = await ctx.client.request(ctx, {
        method: 'POST',
        path: '/api/dang-ky',
        body: { so_dinh_danh: input.personalId, ghi_chu: input.note },
      });
      const r = readUpstream<{ so_dang_ky: string; ngay_dang_ky: string }>(UPSTREAM, receipt, res.data);
      const [d, m, y] = r.ngay_dang_ky.split('-');
      return { registrationNumber: r.so_dang_ky, registeredOn: `${y}-${m}-${d}` };
    },
  });
  return defineAdapter<Client>({
    id: UPSTREAM,
    version: 1,
    protocol: 'rest',
    title: 'Sample registry (test upstream)',
    spec: 'openapi.yaml',
    auth: { kind: 'oauth2-client-credentials', tokenPath: '/oauth/token' },
    idempotency: { header: 'X-Request-Id', duplicate: { status: [409], upstreamCodes: ['TRUNG_YEU_CAU'] } },
    services: [person, register],
    createClient: (config, deps) =>
      new RestTransport(
        {
          upstream: UPSTREAM,
          baseUrl: config.baseUrl,
          agent: deps.agent,
          auth: handWrittenAuth(deps, bugs),
        },
        (data) => {
          const d = data as { ma_loi?: unknown; thong_diep?: unknown };
          if (bugs.dropUpstreamCode || typeof d?.ma_loi !== 'string') return undefined;
          return {
            upstreamCode: d.ma_loi,
            reason: String(d.thong_diep ?? ''),
            notFound: d.ma_loi === 'KHONG_TIM_THAY',
          };
        },
      ),
    async ping(ctx) {
      await ctx.client.request(ctx, { method: 'GET', path: '/api/ping' });
    },
  });
}
