/**
 * The legacy catalogue of the administrative-unit build (build.ts): the 63 pre-reform provinces and 10,047
 * communes (plus the 5 island districts that had no communes), each with the unit(s) of the 2025-07-01
 * catalogue it went into and the merge type (full / partial). Built from both mapping files, which must agree
 * pair for pair; every target must be a 2025-07-01 unit of the old province's successor.
 */
import { arr, fixer, named, nameKey, need, str, type MergeType } from './build-common';
import type { UnitCatalogue } from './build-units';

export interface LegacyCatalogue {
  /** [code, name, type, currentProvinceCode] */
  provinces: string[][];
  /** [code, name, type, provinceCode, currentCode, mergeType, currentCode, mergeType…] */
  communes: string[][];
  districts: string[][];
  /** Old communes split into more than one new one. */
  split: number;
}

/**
 * Builds the legacy catalogue from the old → new (`splits`) and new → old (`merges`) mapping files against the
 * 2025-07-01 catalogue (`reform`). Mapped codes pass `mapFixes`; pairs `old>new` in `dropped` are left out of
 * both files (the build fails unless each dropped pair was in both).
 */
export function legacyCatalogue(
  splits: unknown,
  merges: unknown,
  reform: UnitCatalogue,
  mapFixes: ReturnType<typeof fixer>,
  dropped: Set<string>,
): LegacyCatalogue {
  const droppedSeen = new Set<string>();

  // Reverse mapping: merge type of each old → new pair, province merges.
  const mergeType = new Map<string, MergeType>();
  const oldNames = new Map<string, string>();
  const provinceMergedInto = new Map<string, string>();
  for (const p of arr((merges as { data: unknown }).data, 'merges')) {
    const pCode = str(p.level1_id, 'merged province');
    for (const m of arr(p.merges, `merges of ${pCode}`)) {
      need(
        m.type === 'full' && !provinceMergedInto.has(str(m.old_id, 'old province')),
        `province merge ${pCode}`,
      );
      provinceMergedInto.set(m.old_id as string, pCode);
    }
    for (const c of arr(p.level2s, `communes of ${pCode}`)) {
      const cCode = mapFixes.fix(str(c.level2_id, 'merged commune'));
      need(reform.communes.get(cCode)?.provinceCode === pCode, `merge target ${cCode} is not in ${pCode}`);
      for (const m of arr(c.merges, `merges of ${cCode}`)) {
        const key = `${str(m.old_id, 'old commune')}>${cCode}`;
        need(m.type === 'full' || m.type === 'partial', `merge type of ${key}`);
        need(!mergeType.has(key), `duplicate merge ${key}`);
        oldNames.set(m.old_id as string, nameKey(named(str(m.name, key)).name));
        if (dropped.has(key)) droppedSeen.add(`r:${key}`);
        else mergeType.set(key, m.type);
      }
    }
  }
  need(mergeType.size > 0, 'no merges');

  // Forward mapping: legacy provinces, communes and island districts with their targets.
  const out: LegacyCatalogue = { provinces: [], communes: [], districts: [], split: 0 };
  const pairsSeen = new Set<string>();
  const seenOld = new Set<string>();
  for (const p of arr((splits as { data: unknown }).data, 'splits')) {
    const code = str(p.level1_id, 'legacy province');
    need(/^\d{2}$/.test(code) && !seenOld.has(`p${code}`), `bad or duplicate legacy province ${code}`);
    seenOld.add(`p${code}`);
    const targets = arr(p.splits, `successor of ${code}`);
    const successor = str(targets[0]?.new_id, `successor of ${code}`);
    need(
      targets.length === 1 && reform.provinces.has(successor),
      `legacy province ${code} must map to one province`,
    );
    need(provinceMergedInto.get(code) === successor, `province ${code}: mapping files disagree`);
    const pn = named(str(p.name, `name of ${code}`), true);
    out.provinces.push([code, pn.name, pn.type, successor]);
    const units: [Record<string, unknown>[], string, RegExp, string[][]][] = [
      [arr(p.level3s, `communes of ${code}`), 'level3_id', /^\d{5}$/, out.communes],
      [arr(p.level2s ?? [], `districts of ${code}`), 'level2_id', /^\d{3}$/, out.districts],
    ];
    for (const [list, idKey, format, rows] of units) {
      for (const c of list) {
        const cCode = str(c[idKey], `legacy unit of ${code}`);
        need(format.test(cCode) && !seenOld.has(cCode), `bad or duplicate legacy unit ${cCode}`);
        seenOld.add(cCode);
        const current: [string, MergeType][] = [];
        for (const s of arr(c.splits, `successors of ${cCode}`)) {
          const target = mapFixes.fix(str(s.new_id, `successor of ${cCode}`));
          const key = `${cCode}>${target}`;
          if (dropped.has(key)) {
            droppedSeen.add(`f:${key}`);
            continue;
          }
          const type = mergeType.get(key);
          need(type !== undefined, `pair ${key} is missing from the reverse mapping`);
          const unit = reform.communes.get(target);
          need(unit?.provinceCode === successor, `${key} leaves the successor of province ${code}`);
          need(nameKey(named(str(s.name, key)).name) === nameKey(unit.name), `name of ${target}`);
          need(!pairsSeen.has(key), `duplicate pair ${key}`);
          pairsSeen.add(key);
          current.push([target, type]);
        }
        need(current.length > 0 || [...dropped].some((k) => k.startsWith(`${cCode}>`)), `${cCode} has no successor`);
        if (current.length > 1) out.split++;
        const cn = named(str(c.name, `name of ${cCode}`), true);
        need(oldNames.get(cCode) === nameKey(cn.name), `the mapping files name ${cCode} differently`);
        need(!cn.name.includes('|'), `name of ${cCode} contains |`);
        rows.push([cCode, cn.name, cn.type, code, ...current.sort((a, b) => a[0].localeCompare(b[0])).flat()]);
      }
    }
  }

  // Both mapping files hold the same pairs, every dropped pair was in both, every new commune has a source.
  need(pairsSeen.size === mergeType.size, `forward ${pairsSeen.size} vs reverse ${mergeType.size} pairs`);
  for (const key of mergeType.keys()) need(pairsSeen.has(key), `pair ${key} is missing from the forward mapping`);
  need(droppedSeen.size === 2 * dropped.size, 'a dropped pair is no longer in both mapping files');
  const targeted = new Set([...pairsSeen].map((k) => k.split('>')[1]));
  need(targeted.size === reform.communes.size, 'a 2025-07-01 commune has no legacy predecessor');
  return out;
}
