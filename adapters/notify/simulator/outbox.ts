/**
 * What the simulated gateway does with a request, without HTTP: its refusal rules (brandname, recipient,
 * content) and the outbox of everything it accepted, for the admin state (the demo prints the notifications).
 */
import { randomUUID } from 'node:crypto';
import { parseTimestamp } from '../../../contracts/validators/date';
import {
  ACCEPTED,
  CODE_RESULTS,
  GATEWAY_MOBILE,
  type EmailRequest,
  type GatewayAnswer,
  type SmsRequest,
} from '../dialect';
import { fromGatewayPhone, needsUnicode, toGatewayTime } from '../mapping';

export interface SentMessage {
  id: string;
  channel: 'sms' | 'email';
  /** E.164 for an SMS, the address for an e-mail (kept in clear: this is a simulator). */
  to: string;
  subject?: string;
  text: string;
  reference?: string;
  requestId: string;
  /** Canonical timestamp of acceptance. */
  at: string;
}

/** Brandnames registered with the simulated gateway. */
export const REGISTERED_BRANDNAMES = ['DVC-LTHONG'];
/** Domains that take no mail: the reserved `.invalid` TLD (RFC 2606). */
const NO_MAIL = /\.invalid$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const refuse = (code: string): GatewayAnswer => ({ CodeResult: code, ErrorMessage: CODE_RESULTS[code] });

export class Outbox {
  private readonly sent: SentMessage[] = [];

  reset(): void {
    this.sent.length = 0;
  }

  private accept(m: Omit<SentMessage, 'id' | 'at'>): SentMessage {
    const now = parseTimestamp(new Date());
    const msg = { ...m, id: randomUUID(), at: now.ok ? now.value : new Date().toISOString() };
    this.sent.push(msg);
    return msg;
  }

  sms(r: SmsRequest): GatewayAnswer {
    if (!REGISTERED_BRANDNAMES.includes(r.Brandname)) return refuse('104');
    const to = GATEWAY_MOBILE.test(r.Phone) ? fromGatewayPhone(r.Phone) : undefined;
    if (!to) return refuse('118');
    if (!r.Content.trim() || r.Content.length > 480 || (r.IsUnicode === 0 && needsUnicode(r.Content))) {
      return refuse('119');
    }
    const m = this.accept({
      channel: 'sms',
      to,
      text: r.Content,
      reference: r.PartnerRef ?? undefined,
      requestId: r.RequestId,
    });
    return {
      CodeResult: ACCEPTED,
      SMSID: m.id,
      ErrorMessage: CODE_RESULTS[ACCEPTED],
      SendTime: toGatewayTime(m.at),
    };
  }

  email(r: EmailRequest): GatewayAnswer {
    if (!EMAIL.test(r.To)) return refuse('120');
    if (NO_MAIL.test(r.To)) return refuse('122');
    const m = this.accept({
      channel: 'email',
      to: r.To,
      subject: r.Subject,
      text: r.Content,
      reference: r.PartnerRef ?? undefined,
      requestId: r.RequestId,
    });
    return {
      CodeResult: ACCEPTED,
      EmailID: m.id,
      ErrorMessage: CODE_RESULTS[ACCEPTED],
      SendTime: toGatewayTime(m.at),
    };
  }

  state(): { messages: SentMessage[] } {
    return { messages: this.sent.map((m) => ({ ...m })) };
  }
}
