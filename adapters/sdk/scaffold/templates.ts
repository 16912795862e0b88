/**
 * Templates of `lienthong adapter new`: the folder of CONVENTIONS §1 with a working simulator, a mapping,
 * a service and a passing test. Each function returns one file's text; `{sdk}` and `{contracts}` are the
 * relative import paths from the new folder.
 */
export interface TemplateVars {
  id: string;
  /** PascalCase of the id, for type names. */
  pascal: string;
  /** camelCase of the id, for variables. */
  camel: string;
  protocol: 'rest' | 'soap';
  /** Import path of adapters/sdk from the new folder. */
  sdk: string;
  /** Import path of contracts/ from the new folder. */
  contracts: string;
}

/** The same paths seen from a subfolder (services/). */
const deeper = (p: string) => (p.startsWith('./') ? `../${p.slice(2)}` : `../${p}`);

export const indexTs = (v: TemplateVars) => `/** ${v.id}: adapter definition — data first (CONVENTIONS §1). */
import { Agent } from 'node:http';
import { defineAdapter, ${v.protocol === 'rest' ? 'RestTransport' : 'SoapTransport'}, type AdapterConfig, type AdapterDeps } from '${v.sdk}';
import { recordById } from './services/record-by-id';
${v.protocol === 'soap' ? `import { NAMESPACE } from './mapping';\n` : `import { readError } from './mapping';\n`}
export type ${v.pascal}Client = ${v.protocol === 'rest' ? 'RestTransport' : 'SoapTransport'};

export const adapter = defineAdapter<${v.pascal}Client>({
  id: '${v.id}',
  version: 1,
  protocol: '${v.protocol}',
  title: '${v.id} (describe the upstream system here)',
  spec: '${v.protocol === 'rest' ? 'upstream/openapi.yaml' : 'upstream/service.wsdl'}',
  services: [recordById],
  createClient(config: AdapterConfig, deps: AdapterDeps): ${v.pascal}Client {
${
  v.protocol === 'rest'
    ? `    return new RestTransport(
      { upstream: '${v.id}', baseUrl: config.baseUrl, agent: deps.agent as Agent, maxBodyBytes: config.maxBodyBytes },
      readError,
    );`
    : `    return new SoapTransport({
      upstream: '${v.id}',
      endpoint: \`\${config.baseUrl}/ws\`,
      agent: deps.agent as Agent,
      namespace: NAMESPACE,
      maxBytes: config.maxBodyBytes,
    });`
}
  },
  async ping(ctx) {
${
  v.protocol === 'rest'
    ? `    await ctx.client.request(ctx, { method: 'GET', path: '/health' });`
    : `    await ctx.client.call(ctx, { operation: 'Ping', body: {} });`
}
  },
});
`;

export const serviceTs = (
  v: TemplateVars,
) => `/** record-by-id: reads one record of the upstream by its id and returns it in canonical form. */
import { Joi } from '${deeper(v.contracts)}';
import { defineService, readUpstream } from '${deeper(v.sdk)}';
import type { ${v.pascal}Client } from '../index';
import { ${v.protocol === 'rest' ? 'fromUpstreamRecord, upstreamRecordSchema' : 'fromUpstreamRecord, upstreamAnswerSchema'} } from '../mapping';

export const recordInput = Joi.object({
  id: Joi.string().pattern(/^[A-Z0-9-]{1,40}$/).required(),
}).id('${v.pascal}RecordRequest_v1');

export const recordOutput = Joi.object({
  id: Joi.string().required(),
  name: Joi.personName().required(),
  updatedAt: Joi.timestamp().required(),
}).id('${v.pascal}Record_v1');

export interface RecordInput {
  id: string;
}

export const recordById = defineService<${v.pascal}Client, RecordInput, Record<string, unknown>>({
  name: 'record-by-id',
  version: 1,
  title: 'One record by its id',
  kind: 'read',
  input: recordInput,
  output: recordOutput,
  async execute(ctx, input) {
${
  v.protocol === 'rest'
    ? `    const res = await ctx.client.request(ctx, { method: 'GET', path: \`/records/\${encodeURIComponent(input.id)}\` });
    return fromUpstreamRecord(readUpstream(ctx.client.upstream, upstreamRecordSchema, res.data));`
    : `    const res = await ctx.client.call(ctx, { operation: 'LayBanGhi', body: { ma: input.id } });
    return fromUpstreamRecord(readUpstream(ctx.client.upstream, upstreamAnswerSchema, res.body));`
}
  },
});
`;

export const mappingTs = (
  v: TemplateVars,
) => `/** Pure mapping between the upstream's dialect and canonical records; no I/O. */
import Joi from 'joi';
import { parseTimestamp } from '${v.contracts}/validators/date';
${v.protocol === 'soap' ? `\nexport const NAMESPACE = 'urn:example:${v.id}:v1';\n` : ''}
/** The upstream's record, as its spec describes it (Vietnamese field names, its own date format). */
export interface UpstreamRecord {
  ma: string;
  ten: string;
  ngayCapNhat: string; // yyyyMMddHHmmss, Asia/Ho_Chi_Minh
}

export const upstreamRecordSchema = Joi.object({
  ma: Joi.string().required(),
  ten: Joi.string().min(1).required(),
  ngayCapNhat: Joi.string().pattern(/^\\d{14}$/).required(),
});
${v.protocol === 'soap' ? `\nexport const upstreamAnswerSchema = Joi.object({ banGhi: upstreamRecordSchema.required() });\n` : ''}
export function fromUpstreamRecord(${v.protocol === 'soap' ? 'answer: { banGhi: UpstreamRecord }' : 'r: UpstreamRecord'}): Record<string, unknown> {
${v.protocol === 'soap' ? '  const r = answer.banGhi;\n' : ''}  const updated = parseTimestamp(r.ngayCapNhat);
  return { id: r.ma, name: r.ten, updatedAt: updated.ok ? updated.value : r.ngayCapNhat };
}

export function toUpstreamRecord(c: { id: string; name: string; updatedAt: string }): UpstreamRecord {
  const d = new Date(c.updatedAt);
  const local = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return { ma: c.id, ten: c.name, ngayCapNhat: local.slice(0, 19).replace(/[-T:]/g, '') };
}
${
  v.protocol === 'rest'
    ? `
/** The upstream's error body: { maLoi, thongBao }. */
export function readError(data: unknown): { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined {
  const d = data as { maLoi?: unknown; thongBao?: unknown };
  if (typeof d?.maLoi !== 'string') return undefined;
  return { upstreamCode: d.maLoi, reason: typeof d.thongBao === 'string' ? d.thongBao : undefined, notFound: d.maLoi === 'KHONG_TIM_THAY' };
}
`
    : ''
}`;

export const simulatorTs = (
  v: TemplateVars,
) => `/** A simulator of the ${v.id} upstream, speaking its own dialect, with the SDK's fault knobs. */
${v.protocol === 'rest' ? "import { join } from 'node:path';\n" : ''}import { createSimulator, type Simulator, type SimulatorOptions } from '${v.sdk}';
${v.protocol === 'soap' ? `import { NAMESPACE } from './mapping';\n` : ''}
const RECORDS: Record<string, { ma: string; ten: string; ngayCapNhat: string }> = {
  'R-1': { ma: 'R-1', ten: 'Nguyễn Văn An', ngayCapNhat: '20250701083000' },
  'R-2': { ma: 'R-2', ten: 'Trần Thị Bình', ngayCapNhat: '20250815140500' },
};

export function create${v.pascal}Simulator(opts: SimulatorOptions = {}): Simulator {
  return createSimulator(
    {
      id: '${v.id}',
      protocol: '${v.protocol}',
${v.protocol === 'soap' ? '      namespace: NAMESPACE,\n' : "      openapi: join(__dirname, 'upstream/openapi.yaml'),\n"}      routes(app, kit) {
${
  v.protocol === 'rest'
    ? `        app.get('/health', (_req, res) => kit.reply(res, 200, { trangThai: 'OK' }));
        app.get('/records/:id', (req, res) => {
          const r = RECORDS[String(req.params.id)];
          if (!r) return kit.reply(res, 404, { maLoi: 'KHONG_TIM_THAY', thongBao: 'Không tìm thấy bản ghi' });
          kit.reply(res, 200, r);
        });`
    : `        app.post('/ws', (req, res) => {
          const call = kit.soapRequest(req);
          if (!call) return kit.soapFault(res, 'Client', 'No operation', 'XML_INVALID');
          if (call.operation === 'Ping') return kit.reply(res, 200, { operation: 'PingResponse', body: { trangThai: 'OK' } });
          if (call.operation !== 'LayBanGhi') return kit.soapFault(res, 'Client', 'Unknown operation', 'KHONG_HO_TRO');
          const r = RECORDS[String(call.body.ma)];
          if (!r) return kit.soapFault(res, 'Client', 'Không tìm thấy bản ghi', 'KHONG_TON_TAI');
          kit.reply(res, 200, { operation: 'LayBanGhiResponse', body: { banGhi: r } });
        });`
}
      },
    },
    opts,
  );
}
`;

export const conformanceTs = (
  v: TemplateVars,
) => `/** The conformance spec of ${v.id}: examples that must work against its simulator. */
import { example, type ConformanceSpec } from '${v.sdk}/conformance';
import { adapter } from './index';
import { create${v.pascal}Simulator } from './simulator';

export function conformance(): ConformanceSpec {
  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: create${v.pascal}Simulator,
    examples: {
      'record-by-id/v1': [
        example({ id: 'R-1' }, { id: 'R-1', name: 'Nguyễn Văn An', updatedAt: '2025-07-01T08:30:00+07:00' }),
        example({ id: 'R-2' }, { id: 'R-2', name: 'Trần Thị Bình' }),
      ],
    },
    refusals: [{ service: 'record-by-id/v1', input: { id: 'R-404' }, notFound: true, upstreamCode: ${v.protocol === 'rest' ? "'KHONG_TIM_THAY'" : "'KHONG_TON_TAI'"} }],
  };
}
`;

export const testTs = (
  v: TemplateVars,
) => `/** ${v.id}: the conformance suite against the simulator, and the mapping both ways. */
import { runAdapterSuite } from '${v.sdk}/conformance';
import { conformance } from './conformance';
import { fromUpstreamRecord, toUpstreamRecord } from './mapping';

runAdapterSuite(conformance());

describe('${v.id} mapping', () => {
  it('maps the upstream record to canonical and back', () => {
    const upstream = { ma: 'R-1', ten: 'Nguyễn Văn An', ngayCapNhat: '20250701083000' };
    const canonical = fromUpstreamRecord(${v.protocol === 'soap' ? '{ banGhi: upstream }' : 'upstream'});
    expect(canonical).toEqual({ id: 'R-1', name: 'Nguyễn Văn An', updatedAt: '2025-07-01T08:30:00+07:00' });
    expect(toUpstreamRecord(canonical as { id: string; name: string; updatedAt: string })).toEqual(upstream);
  });
});
`;

export const specFile = (v: TemplateVars) =>
  v.protocol === 'rest'
    ? `openapi: 3.1.0
info:
  title: ${v.id} (upstream API — replace with the agency's published spec)
  version: '1'
paths:
  /health:
    get:
      responses:
        '200': { description: up }
  /records/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: the record
          content:
            application/json:
              schema: { $ref: '#/components/schemas/BanGhi' }
        '404':
          description: not found
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Loi' }
components:
  schemas:
    BanGhi:
      type: object
      required: [ma, ten, ngayCapNhat]
      properties:
        ma: { type: string }
        ten: { type: string }
        ngayCapNhat: { type: string, pattern: '^\\d{14}$', description: 'yyyyMMddHHmmss, Asia/Ho_Chi_Minh' }
    Loi:
      type: object
      properties:
        maLoi: { type: string }
        thongBao: { type: string }
`
    : `<?xml version="1.0" encoding="UTF-8"?>
<!-- ${v.id} upstream service (replace with the agency's published WSDL) -->
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:example:${v.id}:v1" targetNamespace="urn:example:${v.id}:v1">
  <types>
    <xs:schema targetNamespace="urn:example:${v.id}:v1" elementFormDefault="qualified">
      <xs:element name="LayBanGhi"><xs:complexType><xs:sequence><xs:element name="ma" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="LayBanGhiResponse"><xs:complexType><xs:sequence><xs:element name="banGhi"><xs:complexType><xs:sequence>
        <xs:element name="ma" type="xs:string"/><xs:element name="ten" type="xs:string"/><xs:element name="ngayCapNhat" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </types>
  <message name="LayBanGhiIn"><part name="body" element="tns:LayBanGhi"/></message>
  <message name="LayBanGhiOut"><part name="body" element="tns:LayBanGhiResponse"/></message>
  <portType name="Port"><operation name="LayBanGhi"><input message="tns:LayBanGhiIn"/><output message="tns:LayBanGhiOut"/></operation></portType>
  <binding name="Binding" type="tns:Port"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="LayBanGhi"><soap:operation soapAction="urn:example:${v.id}:v1/LayBanGhi"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="Service"><port name="Port" binding="tns:Binding"><soap:address location="http://127.0.0.1/ws"/></port></service>
</definitions>
`;

export const fixture = (v: TemplateVars) =>
  JSON.stringify(
    {
      request:
        v.protocol === 'rest'
          ? { method: 'GET', path: '/records/R-1' }
          : { operation: 'LayBanGhi', body: { ma: 'R-1' } },
      response: { status: 200, body: { ma: 'R-1', ten: 'Nguyễn Văn An', ngayCapNhat: '20250701083000' } },
    },
    null,
    2,
  ) + '\n';
