/**
 * The exchange end to end, as an agency sees it: a ward's one-stop system reads a citizen from the
 * national population database through the hub with a purpose, gets only the fields the purpose allows,
 * signed by the hub and bound to its request; the citizen portal then sees the read in the access log.
 */
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { useRedis } from '../helpers/redis';
import { startWorld, type World } from '../../hub/sandbox/world';
import { verifyAuditDir } from '../../hub/audit';

const redis = useRedis();
let world: World;
const pop = getPopulation();
const mother = pop.person(pop.scenarios.birth.motherId)!;

beforeAll(async () => {
  world = await startWorld({ redisUrl: redis.url, adapters: ['national-population'] });
}, 30_000);
redis.beforeStop(() => world?.close());

describe('exchange through the hub', () => {
  it('reads a citizen for a purpose: only the allowed fields, signed, bound to the request', async () => {
    const ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
    const res = await ward.call('VN:GOV:00:BCA/DANCU/person-by-id/v1', {
      purpose: 'xac-thuc.danh-tinh',
      body: { personalId: mother.personalId },
    });
    expect(res.status).toBe(200);
    expect(res.verified).toBe(true);
    expect(res.headers['x-hub-request-hash']).toBe(res.requestHash);
    expect(res.body).toEqual({
      personalId: mother.personalId,
      fullName: mother.fullName,
      fullNameSearchKey: expect.any(String),
      dateOfBirth: mother.dateOfBirth,
      sex: 'female',
    });
  });

  it('another purpose allows other fields, normalised by the contract', async () => {
    const ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
    const res = await ward.call('VN:GOV:00:BCA/DANCU/person-by-id/v1', {
      purpose: 'ho-tich.khai-sinh',
      body: { personalId: mother.personalId },
    });
    expect(res.status).toBe(200);
    const body = res.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      expect.arrayContaining(['personalId', 'fullName', 'dateOfBirth', 'permanentResidence', 'householdId']),
    );
    // The birth registration purpose does not allow the tax code or the old identity cards.
    expect(body).not.toHaveProperty('taxId');
    expect(body).not.toHaveProperty('legacyIds');
    expect(body.permanentResidence).toMatchObject({
      catalogue: '2026-04-30',
      communeName: expect.any(String),
    });
  });

  it('the citizen portal sees who read the data, when, which fields and why', async () => {
    const portal = world.client('VN:GOV:00:VPCP', 'DVCQG');
    await world.hub.runtime.deps.audit.flush();
    const res = await portal.request('GET', `/v1/subjects/${mother.personalId}/access-log`, {
      purpose: 'giam-sat.du-lieu',
    });
    expect(res.status).toBe(200);
    const log = res.body as {
      count: number;
      entries: { member: string; subsystem: string; purpose: string; fields: string[]; service: string }[];
    };
    expect(log.count).toBeGreaterThanOrEqual(2);
    expect(log.entries[0]).toMatchObject({
      member: 'VN:GOV:01:UBND-NGOCHA',
      subsystem: 'MOTCUA',
      purpose: 'ho-tich.khai-sinh',
      service: 'VN:GOV:00:BCA/DANCU/person-by-id/v1',
    });
    expect(log.entries[1]).toMatchObject({ purpose: 'xac-thuc.danh-tinh' });
    expect([...log.entries[1].fields].sort()).toEqual([
      'dateOfBirth',
      'fullName',
      'fullNameSearchKey',
      'personalId',
      'sex',
    ]);
  });

  it('a member without the data-tracker right is refused the access log', async () => {
    const ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
    const res = await ward.request('GET', `/v1/subjects/${mother.personalId}/access-log`, {
      purpose: 'giam-sat.du-lieu',
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN_RIGHT' });
  });

  it('lists what the caller may call, and serves the OpenAPI document and health', async () => {
    const ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
    const list = await ward.request('GET', '/v1/services', { purpose: 'xac-thuc.danh-tinh' });
    expect(list.status).toBe(200);
    const services = (list.body as { services: { id: string; purposes: { purpose: string }[] }[] }).services;
    expect(services.map((s) => s.id)).toContain('VN:GOV:00:BCA/DANCU/person-by-id/v1');
    const openapi = await fetch(`${world.hub.url}/openapi.json`).then(
      (r) => r.json() as Promise<{ openapi: string; paths: Record<string, unknown> }>,
    );
    expect(openapi.openapi).toBe('3.1.0');
    expect(openapi.paths).toHaveProperty(['/v1/services/VN:GOV:00:BCA/DANCU/person-by-id/v1']);
    expect((await fetch(`${world.hub.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${world.hub.url}/metrics`)).text()).toMatch(
      /lienthong_requests_total\{route="exchange",status="200",code="ok"\}/,
    );
    const docs = await fetch(`${world.hub.url}/docs`);
    expect(await docs.text()).toContain('person-by-id');
  });

  it('the audit log of all this verifies', async () => {
    await world.hub.runtime.deps.audit.flush();
    const r = await verifyAuditDir(`${world.dir}/audit`);
    expect(r.ok).toBe(true);
    expect(r.records).toBeGreaterThanOrEqual(5);
  });
});
