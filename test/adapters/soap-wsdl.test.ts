/**
 * Each SOAP simulator describes itself so that any SOAP client can use it (issue 13): a client built by
 * the `soap` npm package from `<endpoint>?wsdl` alone — which fetches every XSD the WSDL imports from the
 * simulator — finds the operations, posts to the simulator's own address (not port 80) and reads the
 * answer. A schema the WSDL does not name is not served.
 */
import * as soap from 'soap';
import { REGISTRY } from '../../adapters/registry';
import type { RunningSimulator } from '../../adapters/sdk';

const SOAP = REGISTRY.map((e) => e.load()).filter((a) => a.adapter.protocol === 'soap');

describe.each([
  ['land-registry', '/ws/DangKyDatDai', 'KiemTraHoatDong', 'dang-ky-dat-dai.xsd'],
  ['civil-status', '/ws/ho-tich', 'Ping', 'ho-tich.xsd'],
])('%s: a soap client from its ?wsdl', (id, path, operation, xsd) => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await SOAP.find((a) => a.adapter.id === id)!
      .simulator()
      .start();
  });
  afterAll(() => sim.close());

  it('serves the WSDL with its own address and the imported XSD under ?xsd=', async () => {
    const wsdl = await (await fetch(`${sim.url}${path}?wsdl`)).text();
    expect(wsdl).toContain(`location="${sim.url}${path}"`);
    expect(wsdl).toContain(`schemaLocation="${sim.url}${path}?xsd=${xsd}"`);
    const schema = await fetch(`${sim.url}${path}?xsd=${xsd}`);
    expect(schema.status).toBe(200);
    expect(await schema.text()).toContain('<xs:schema');
    expect((await fetch(`${sim.url}${path}?xsd=..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it(`builds a client and calls ${operation}`, async () => {
    const client = await soap.createClientAsync(`${sim.url}${path}?wsdl`);
    const described = JSON.stringify(client.describe());
    expect(described).toContain(operation);
    const call = (client as unknown as Record<string, (args: unknown) => Promise<[Record<string, unknown>]>>)[
      `${operation}Async`
    ];
    const [result] = await call({});
    expect(result).toMatchObject({ trangThai: 'HOAT_DONG' });
    expect(sim.requests().at(-1)).toMatchObject({ method: 'POST', path });
  });
});

it('every SOAP adapter of the registry is covered here', () => {
  expect(SOAP.map((a) => a.adapter.id).sort()).toEqual(['civil-status', 'land-registry']);
});
