/** The data tracker's response body: shaped entries and the paging cursor. */
import { toAccessLogResponse } from './access-log-response';
import type { AccessEntry } from './types';

const entry = (n: number, over: Partial<AccessEntry> = {}): AccessEntry => ({
  id: `2025-06-01T02:0${n}:00.000Z|hub-a|00000000000${n}`,
  // As the audit records it: UTC.
  time: `2025-06-01T02:0${n}:00.000Z`,
  client: 'VN:GOV:79:UBND-P-BEN-NGHE/mot-cua',
  service: 'VN:GOV:00:BCA/csdl-dan-cu/person/v1',
  purpose: 'CU_TRU',
  fields: ['fullName'],
  outcome: 'ok',
  status: 200,
  messageId: `m${n}`,
  ...over,
});

describe('toAccessLogResponse', () => {
  it('splits the client into member and subsystem, flags refused reads, and gives times in +07:00', () => {
    const body = toAccessLogResponse(
      [
        entry(2),
        entry(1, { outcome: 'FORBIDDEN_PURPOSE', status: 403, fields: undefined, procedure: 'birth' }),
      ],
      { limit: 50 },
    );
    expect(body).toEqual({
      count: 2,
      next: null,
      entries: [
        {
          time: '2025-06-01T09:02:00+07:00',
          member: 'VN:GOV:79:UBND-P-BEN-NGHE',
          subsystem: 'mot-cua',
          service: 'VN:GOV:00:BCA/csdl-dan-cu/person/v1',
          purpose: 'CU_TRU',
          fields: ['fullName'],
          ok: true,
          outcome: 'ok',
          status: 200,
          messageId: 'm2',
        },
        expect.objectContaining({ ok: false, outcome: 'FORBIDDEN_PURPOSE', fields: [], procedure: 'birth' }),
      ],
    });
  });

  it('gives the last id as the next cursor when the page is full', () => {
    expect(toAccessLogResponse([entry(3), entry(2)], { limit: 2 }).next).toBe(entry(2).id);
    expect(toAccessLogResponse([], { limit: 2 })).toEqual({ count: 0, entries: [], next: null });
  });
});
