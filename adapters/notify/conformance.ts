/**
 * The conformance spec of notify: messages to people of the shared population that the gateway must accept,
 * and the refusals it answers with HTTP 200 — an SMS to a landline (118), an e-mail to a domain that takes no
 * mail (122) — as rejected UpstreamErrors.
 */
import type { ConformanceSpec } from '../sdk/conformance';
import { getPopulation, type SynthPerson } from '../sdk/simulator/population';
import { adapter } from './index';
import { createNotifySimulator } from './simulator';

export function conformance(): ConformanceSpec {
  const pop = getPopulation();
  const owner = pop.person(pop.scenarios.business.ownerId) as SynthPerson;
  const mother = pop.person(pop.scenarios.birth.motherId) as SynthPerson;
  const converted = pop.persons.find((p) => p.legacyPhone) as SynthPerson;
  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createNotifySimulator,
    // The gateway answers with codes and message ids only: nothing a legacy encoding could garble.
    answersHoldNoText: true,
    examples: {
      'send-sms/v1': [
        {
          to: owner.phone,
          text: 'Hồ sơ 000.00.27628-251103-0007 đã được tiếp nhận. Hạn trả kết quả: 06/11/2025. Tra cứu tại dichvucong.gov.vn',
          reference: '000.00.27628-251103-0007',
        },
        { to: mother.phone, text: 'Ma xac thuc: 482913. Khong chia se ma nay.' },
        {
          to: converted.legacyPhone,
          text: 'Hồ sơ của ông/bà đã có kết quả.\nVui lòng nhận tại bộ phận một cửa.',
        },
      ],
      'send-email/v1': [
        {
          to: mother.email,
          subject: 'Thông báo tiếp nhận hồ sơ',
          text: 'Kính gửi bà Lê Thu Hằng,\n\nHồ sơ đăng ký khai sinh của bà đã được tiếp nhận.\n\nTrân trọng.',
          reference: 'HS-KS-0001',
        },
      ],
    },
    refusals: [
      { service: 'send-sms/v1', input: { to: '+842838123456', text: 'Hồ sơ đã được tiếp nhận.' } },
      {
        service: 'send-email/v1',
        input: { to: 'nguoi.nhan@mien.invalid', subject: 'Thông báo', text: 'Hồ sơ đã được tiếp nhận.' },
      },
    ],
  };
}
