/**
 * Reading a SOAP answer, as a pure function of its bytes and HTTP status: strict UTF-8, the bounded parser
 * (./safe-xml.ts), the envelope checked by namespace (./soap-envelope.ts), SOAP faults turned into errors,
 * and — where the upstream signs its answers — the Body replaced by the node the verifier returned
 * (./verify-soap-body.ts), so only signed content is ever mapped. The result is plain data, so the same
 * function runs on the main thread for small answers and in a worker for large ones (./xml-offload.ts).
 */
import { redactText } from './redact';
import { parseXmlDocument, XmlRefused, type XmlLimits } from './safe-xml';
import { faultOf, soapParts } from './soap-envelope';
import { decodeUtf8 } from './transport-errors';
import { classifyStatus, UpstreamError, type UpstreamErrorInit } from './upstream-error';
import { verifySoapBody } from './verify-soap-body';
import { elementToObject } from './xml-object';
import type { XmlElement } from './xml-tree';

export interface SoapReadOptions extends XmlLimits {
  upstream: string;
  /** The upstream's public key (SPKI PEM): when set, only a Body signed by it is read. */
  verifyKeyPem?: string;
}

/** What came of reading one answer: the answer element, or the error to throw (plain data either way). */
export type SoapReading =
  | { ok: true; operation: string; body: Record<string, unknown> }
  | { ok: false; error: Omit<UpstreamErrorInit, 'cause'> };

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof asObj(v)?._ === 'string' ? (asObj(v)?._ as string) : undefined;

/** soap:Client faults are the caller's fault (not retryable); soap:Server faults are retryable. */
function faultError(upstream: string, faultEl: XmlElement, status: number, xml: string): UpstreamErrorInit {
  const fault = asObj(elementToObject(faultEl)) ?? {};
  const faultcode = text(fault.faultcode) ?? '';
  const faultstring = text(fault.faultstring);
  const detail = asObj(fault.detail);
  const detailCode = detail
    ? text(Object.values(detail).map((d) => asObj(d)?.code ?? asObj(d)?.maLoi ?? d)[0])
    : undefined;
  const client = /(^|:)Client/i.test(faultcode);
  return {
    upstream,
    code: client ? 'rejected' : 'unavailable',
    retryable: !client,
    status,
    upstreamCode: detailCode ?? (faultcode || undefined),
    notFound: /not.?found|khong.?tim.?thay|KHONG_TON_TAI/i.test(`${detailCode ?? ''} ${faultstring ?? ''}`),
    reason: faultstring ?? 'SOAP fault',
    upstreamText: [
      faultcode,
      faultstring,
      fault.detail === undefined ? undefined : JSON.stringify(fault.detail),
    ]
      .filter(Boolean)
      .join(' | '),
    raw: redactText(xml),
  };
}

function read(data: Uint8Array, status: number, opts: SoapReadOptions): SoapReading {
  const upstream = opts.upstream;
  const xml = decodeUtf8(upstream, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  const failure = classifyStatus(status);
  const fail = (init: Omit<UpstreamErrorInit, 'upstream' | 'status' | 'raw'>): SoapReading => ({
    ok: false,
    error: { upstream, status, raw: redactText(xml), ...init },
  });
  const byStatus = () => fail({ ...failure!, reason: `HTTP ${status}` });
  let root: XmlElement;
  try {
    root = parseXmlDocument(xml, opts);
  } catch (err) {
    const refused = err instanceof XmlRefused ? err : undefined;
    if (failure && refused?.fault !== 'dtd') return byStatus();
    return fail({ code: 'malformed', reason: refused?.message ?? 'XML could not be parsed' });
  }
  const parts = soapParts(root);
  if ('refused' in parts) return failure ? byStatus() : fail({ code: 'malformed', reason: parts.refused });
  const fault = faultOf(parts.body);
  if (fault) return { ok: false, error: faultError(upstream, fault, status, xml) };
  if (failure) return byStatus();
  let body = parts.body;
  if (opts.verifyKeyPem) {
    const v = verifySoapBody(xml, opts.verifyKeyPem, root);
    if (!v.ok) return fail({ code: 'malformed', reason: `answer signature: ${v.reason}` });
    body = v.body;
  }
  const answer = body.children[0];
  const content = answer ? elementToObject(answer) : undefined;
  const out = asObj(content) ?? (content === '' ? {} : undefined);
  if (!answer || !out) return fail({ code: 'malformed', reason: 'SOAP Body holds no answer element' });
  return { ok: true, operation: answer.local, body: out };
}

/** Reads one answer; never throws (an unexpected failure is a malformed answer). */
export function readSoapAnswer(data: Uint8Array, status: number, opts: SoapReadOptions): SoapReading {
  try {
    return read(data, status, opts);
  } catch (err) {
    if (err instanceof UpstreamError) {
      const { upstream, code, retryable, reason, raw, upstreamText } = err;
      return { ok: false, error: { upstream, code, retryable, status, reason, raw, upstreamText } };
    }
    return {
      ok: false,
      error: { upstream: opts.upstream, code: 'malformed', status, reason: 'the answer could not be read' },
    };
  }
}
