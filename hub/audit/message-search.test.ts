/** findByMessageId: a bounded scan of the newest day files of every chain. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findByMessageId } from './message-search';

const ID = '6f1c2a9e-3b7d-4c1e-9a52-0d8e4f7b2c11';
const line = (messageId: string, seq: number) =>
  JSON.stringify({ seq, messageId, client: 'a/b', service: 's', outcome: 'ok', status: 200 });

function auditDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-search-'));
  mkdirSync(join(dir, 'node-a'));
  mkdirSync(join(dir, 'node-b'));
  // node-a: the record on the oldest of nine days; node-b: on the newest day, twice, and a cut last line.
  for (let d = 1; d <= 9; d++)
    writeFileSync(
      join(dir, 'node-a', `2026-12-0${d}.jsonl`),
      `${line(d === 1 ? ID : `other-${d}-xxxxxxxx`, d)}\n`,
    );
  writeFileSync(join(dir, 'node-b', '2026-12-08.jsonl'), `${line(ID, 1)}\n${line(ID, 2)}\n${line(ID, 3)}`);
  return dir;
}

it('finds a message id in the newest days of every chain, and not past the days or the limit', async () => {
  const dir = auditDir();
  const found = await findByMessageId(dir, ID);
  expect(found.map((r) => [r.chain, r.seq])).toEqual([
    ['node-b', 1],
    ['node-b', 2],
  ]);
  expect((await findByMessageId(dir, ID, { days: 9 })).map((r) => r.chain)).toContain('node-a');
  expect(await findByMessageId(dir, ID, { limit: 1 })).toHaveLength(1);
  expect(await findByMessageId(dir, '"messageId"')).toEqual([]);
  expect(await findByMessageId(join(dir, 'nowhere'), ID)).toEqual([]);
});
