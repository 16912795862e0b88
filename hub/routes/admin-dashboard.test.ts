/**
 * What the queue dashboard may show of a job: its routing metadata, never its content — sealed or, for a
 * job accepted in clear before payloads were sealed, hidden all the same — and of a result only that it is
 * sealed (or a skipped run's note).
 */
import { unsignedSmsData } from '../../test/helpers/delivery-load';
import { testSealer } from '../../test/helpers/sealer';
import { sealResult, toStored } from '../../queue/stored';
import { dashboardData, dashboardResult } from './admin';

const sms = {
  ...unsignedSmsData('notify', 'Kính gửi bà Hoa'),
  subject: { kind: 'citizen' as const, id: '001099012345' },
};
const sealer = testSealer('dk-1');

it('shows the metadata of a sealed job and the key id of its content', () => {
  const shown = JSON.stringify(dashboardData(toStored(sealer, sms)));
  expect(shown).toContain(sms.id);
  expect(shown).toContain('[sealed with dk-1]');
  for (const secret of ['912345678', 'Kính gửi', '001099012345']) expect(shown).not.toContain(secret);
});

it('hides the content of a job accepted in clear (0.1)', () => {
  const shown = JSON.stringify(dashboardData(sms));
  expect(shown).toContain(sms.id);
  expect(shown).toContain('[content hidden]');
  for (const secret of ['912345678', 'Kính gửi', '001099012345']) expect(shown).not.toContain(secret);
});

it('shows a result as sealed, a skipped run’s note as it is, and nothing else', () => {
  expect(dashboardResult(sealResult(sealer, sms.id, { to: '+84912345678' }))).toBe('[sealed with dk-1]');
  expect(dashboardResult({ skipped: 'delivered already' })).toEqual({ skipped: 'delivered already' });
  expect(dashboardResult({ to: '+84912345678' })).toBe('[result hidden]');
});
