/**
 * A lean client of POST /v1/deliveries for the fault drills and the queue benchmark: requests signed
 * with hub/protocol's signRequest and sent over a keep-alive node:http agent with a bounded number in
 * flight. The hub's answer signature is not checked here (the protocol tests do that); what matters is
 * the status and the delivery id. A 429 is retried after its Retry-After with the same Idempotency-Key
 * and a new message id, as a member system would.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { HEADER, signRequest, type SigningKey } from '../../hub/protocol';
import { deliveryId, type DeliveryData } from '../../queue';

export const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';
export const PURPOSE = 'thong-bao.tien-do';

/** A member's subsystem that may send deliveries, with its signing key. */
export interface Sender {
  client: string;
  key: SigningKey;
}

export interface DeliveryRequest {
  service: string;
  input: Record<string, unknown>;
  idempotencyKey: string;
  orderingKey?: string;
}

export interface Accepted {
  status: number;
  id?: string;
  created?: boolean;
  code?: string;
}

/** An SMS delivery whose text names `reference`, so the gateway's outbox can be matched to it. */
export const smsDelivery = (reference: string, idempotencyKey = randomUUID()): DeliveryRequest => ({
  service: SMS,
  input: { to: '+84912345678', text: `Hồ sơ ${reference} đã được tiếp nhận`, reference },
  idempotencyKey,
});

/** Signs one request: the headers and body bytes to send, and the request hash. */
export function signDelivery(
  sender: Sender,
  d: DeliveryRequest,
): { headers: Record<string, string>; body: Buffer; requestHash: string; messageId: string } {
  const payload: Record<string, unknown> = { service: d.service, input: d.input };
  if (d.orderingKey) payload.orderingKey = d.orderingKey;
  const body = Buffer.from(JSON.stringify(payload));
  const signed = signRequest({
    method: 'POST',
    path: '/v1/deliveries',
    body,
    client: sender.client,
    purpose: PURPOSE,
    idempotencyKey: d.idempotencyKey,
    key: sender.key,
  });
  return {
    body,
    requestHash: signed.requestHash,
    messageId: signed.messageId,
    headers: { ...signed.headers, 'content-type': 'application/json', 'content-length': String(body.length) },
  };
}

/**
 * The job data the hub's 202 path (hub/deliveries/accept.ts) makes of a signed SMS delivery whose input
 * is already in canonical form (E.164 number, NFC text): for drills that put part of their volume into
 * the queue directly, through the same enqueue the API awaits.
 */
export function acceptedData(sender: Sender, d: DeliveryRequest): DeliveryData {
  const signed = signDelivery(sender, d);
  return {
    id: deliveryId('notify', sender.client, d.idempotencyKey),
    service: d.service,
    destination: 'notify',
    client: sender.client,
    purpose: PURPOSE,
    input: d.input,
    signed: {
      signature: signed.headers[HEADER.signature],
      messageId: signed.messageId,
      body: signed.body.toString('base64'),
    },
    requestHash: signed.requestHash,
    bodyDigest: createHash('sha256').update(signed.body).digest('base64url'),
    orderingKey: d.orderingKey,
    acceptedAt: new Date().toISOString(),
  };
}

/** POSTs signed bytes; resolves with the status and the parsed body. */
export function postRaw(
  agent: Agent,
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; body: Record<string, unknown>; retryAfter?: number }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let parsed: Record<string, unknown> = {};
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            /* not JSON: the status says enough */
          }
          const ra = Number(res.headers['retry-after']);
          resolve({
            status: res.statusCode ?? 0,
            body: parsed,
            retryAfter: Number.isFinite(ra) ? ra : undefined,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends one delivery to the hub at `baseUrl`, retrying a 429 (up to `maxRetries` times). */
export async function sendDelivery(
  agent: Agent,
  baseUrl: string,
  sender: Sender,
  d: DeliveryRequest,
  maxRetries = 20,
): Promise<Accepted> {
  for (let attempt = 0; ; attempt++) {
    const { headers, body } = signDelivery(sender, d);
    const res = await postRaw(agent, baseUrl, '/v1/deliveries', headers, body);
    if (res.status === 429 && attempt < maxRetries) {
      await new Promise((r) =>
        setTimeout(r, Math.min(1000, (res.retryAfter ?? 1) * 1000) * Math.random() + 50),
      );
      continue;
    }
    return {
      status: res.status,
      id: typeof res.body.id === 'string' ? res.body.id : undefined,
      created: typeof res.body.created === 'boolean' ? res.body.created : undefined,
      code: typeof res.body.code === 'string' ? res.body.code : undefined,
    };
  }
}

/** Runs `fn` over `items` with at most `concurrency` at a time; results keep the items' order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return out;
}

/**
 * The job data of an SMS delivery as the queue stores it, with a placeholder signature: for the queue's
 * own tests, which never send it anywhere that checks.
 */
export function unsignedSmsData(destination: string, text: string): DeliveryData {
  const key = randomUUID();
  const client = 'VN:GOV:01:UBND-NGOCHA/MOTCUA';
  return {
    id: deliveryId(destination, client, key),
    service: SMS,
    destination,
    client,
    purpose: PURPOSE,
    input: { to: '+84912345678', text },
    signed: { signature: 'h..s', messageId: randomUUID(), body: '' },
    requestHash: 'x',
    bodyDigest: key,
    acceptedAt: new Date().toISOString(),
  };
}
