/**
 * What the queue dashboard may show of a job (through the egress's operator views): its routing
 * metadata, never its content — sealed or, for a job accepted in clear before payloads were sealed, hidden
 * all the same — and of a result only the names of its fields (the result is kept apart, sealed) or a
 * skipped run's note.
 */
import { unsignedSmsData } from '../../test/helpers/delivery-load';
import { testSealer } from '../../test/helpers/sealer';
import { toStored } from '../../queue/stored';
import { storedDeliveryForOperator, storedResultForOperator } from '../exchange/egress';

const sms = {
  ...unsignedSmsData('notify', 'Kính gửi bà Hoa'),
  subject: { kind: 'citizen' as const, id: '001099012345' },
};
const sealer = testSealer('dk-1');

it('shows the metadata of a sealed job and the key id of its content', () => {
  const shown = JSON.stringify(storedDeliveryForOperator(toStored(sealer, sms)));
  expect(shown).toContain(sms.id);
  expect(shown).toContain('[sealed with dk-1]');
  for (const secret of ['912345678', 'Kính gửi', '001099012345']) expect(shown).not.toContain(secret);
});

it('hides the content of a job accepted in clear (0.1)', () => {
  const shown = JSON.stringify(storedDeliveryForOperator(sms));
  expect(shown).toContain(sms.id);
  expect(shown).toContain('[content hidden]');
  for (const secret of ['912345678', 'Kính gửi', '001099012345']) expect(shown).not.toContain(secret);
});

it('shows of a result the names of its fields or a skipped run’s note, and nothing else', () => {
  expect(storedResultForOperator({ result: 'stored apart', fields: ['messageId'] })).toEqual({
    result: 'stored apart',
    fields: ['messageId'],
  });
  expect(storedResultForOperator({ skipped: 'delivered already' })).toEqual({ skipped: 'delivered already' });
  // A result a 0.1 worker kept in its job, a sealed string, or a look-alike carrying more: hidden.
  expect(storedResultForOperator({ to: '+84912345678' })).toBe('[result hidden]');
  expect(storedResultForOperator(sealer.seal({ to: '+84912345678' }, `result:${sms.id}`))).toBe(
    '[result hidden]',
  );
  expect(storedResultForOperator({ result: 'stored apart', fields: ['to'], to: '+84912345678' })).toBe(
    '[result hidden]',
  );
  expect(storedResultForOperator({ skipped: { to: '+84912345678' } })).toBe('[result hidden]');
});
