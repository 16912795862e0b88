/**
 * Issue #10, finding 11. Threat: an operator's typo (or a request smuggled into the operators' queue)
 * gets a live certificate for a member id that no configuration names — a key that verifies, for a member
 * nobody reviewed. `lienthong keys issue|rotate|import-p12` refuse a member config/members.json does not
 * list, unless --force; the refusal leaves the trust directory unchanged.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { DEFAULT_CONFIG_DIR } from '../../config/loader';
import { registerKeyCommands } from '../../hub/cli/commands/keys';
import { createTrustStore } from '../../hub/trust';

const root = mkdtempSync(join(tmpdir(), 'lienthong-keys-unknown-'));
const dir = join(root, 'trust');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const KNOWN = 'VN:GOV:01:UBND-NGOCHA';
const UNKNOWN = 'VN:GOV:01:UBND-NGOCHAA';

async function keys(...args: string[]): Promise<string> {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
  registerKeyCommands(program);
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  try {
    await program.parseAsync(['node', 'lienthong', 'keys', '--trust-dir', dir, ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

const memberKids = () =>
  createTrustStore({ dir })
    .keys()
    .map((k) => `${k.memberId} ${k.kid}`);

beforeAll(async () => {
  await keys('init');
});

describe('keys issue refuses a member the configuration does not know', () => {
  it.each([
    ['issue', [UNKNOWN]],
    ['rotate', [UNKNOWN]],
  ])('keys %s <unknown member> → refused, nothing issued', async (cmd, args) => {
    const before = memberKids();
    await expect(keys(cmd, ...args)).rejects.toThrow(/not in .*members\.json.*--force/);
    expect(memberKids()).toEqual(before);
  });

  it('--config names the folder whose members.json decides', async () => {
    const other = join(root, 'other-config');
    mkdirSync(other);
    writeFileSync(
      join(other, 'members.json'),
      JSON.stringify({ members: [{ id: UNKNOWN, name: 'Listed here', subsystems: ['MOTCUA'] }] }),
    );
    await expect(keys('--config', other, 'issue', KNOWN)).rejects.toThrow(/not in .*members\.json/);
    const out = JSON.parse(await keys('--config', other, 'issue', UNKNOWN, '--out', root));
    expect(memberKids()).toContain(`${UNKNOWN} ${out.kid}`);
  });

  it('a member members.json lists is issued', async () => {
    const out = JSON.parse(await keys('--config', DEFAULT_CONFIG_DIR, 'issue', KNOWN, '--out', root));
    expect(out).toMatchObject({ memberId: KNOWN });
    expect(memberKids()).toContain(`${KNOWN} ${out.kid}`);
  });

  it('--force issues to an unknown member, on purpose', async () => {
    const out = JSON.parse(await keys('issue', UNKNOWN, '--force', '--out', root));
    expect(out).toMatchObject({ memberId: UNKNOWN });
    expect(readdirSync(root)).toContain(`${out.kid}.key.pem`);
  });
});
