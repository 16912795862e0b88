/**
 * The post-reform catalogues of the administrative-unit build (build.ts), one per date the sources reflect:
 *
 * - `2025-07-01`, the units as the reform created them: codes, names, types and provinces from the new → old
 *   mapping file, whose 34 provinces and 3,321 communes are the 1 July 2025 state (2,621 communes, 687 wards,
 *   13 special zones; Đồng Nai a province). English names come from the units snapshot, with the English type
 *   word put back for the units retyped since.
 * - the units snapshot, labelled by the date of the last change it holds (CHANGES): the same 3,321 codes in the
 *   same provinces, with Đồng Nai a municipality and 10 of its communes wards.
 *
 * The build fails unless the snapshot is exactly the reform state plus CHANGES: same codes, same provinces,
 * same names (compared without diacritics and type word), and types that differ only where CHANGES says.
 */
import { arr, fixer, named, nameKey, need, str, type Named } from './build-common';

export interface CatalogueUnit extends Named {
  code: string;
  nameEn: string;
  /** Communes only. */
  provinceCode?: string;
}

export interface UnitCatalogue {
  catalogue: string;
  provinces: Map<string, CatalogueUnit>;
  communes: Map<string, CatalogueUnit>;
}

/** A change of the catalogue after 1 July 2025: units that changed type (codes and names unchanged). */
export interface CatalogueChange {
  /** The date the change took effect: the label of the catalogue that first holds it. */
  effective: string;
  basis: string;
  /** [code, type before, type after] */
  retyped: [string, string, string][];
}

/** The reform date: the catalogue the new → old mapping file reflects. */
export const REFORM = '2025-07-01';

/**
 * The changes between the reform and the units snapshot, oldest first. Effective date as listed by the units
 * source (thanglequoc/vietnamese-provinces-database README, "Dataset releases and Government issued decrees":
 * 30/2026/QH16 and 237/NQ-UBTVQH16, issued 14/04/2026, in effect from 30/04/2026; issue 146, pull request 148).
 */
export const CHANGES: CatalogueChange[] = [
  {
    effective: '2026-04-30',
    basis:
      'Resolution 30/2026/QH16 (Đồng Nai becomes a centrally-governed city) and Resolution 237/NQ-UBTVQH16 ' +
      '(10 communes of Đồng Nai become wards)',
    retyped: [
      ['75', 'province', 'municipality'],
      ...['25270', '25357', '25363', '26116', '26170', '26248', '26326', '26368', '26425', '26485'].map(
        (code): [string, string, string] => [code, 'commune', 'ward'],
      ),
    ],
  },
];

/** The English type word of each post-reform type, as the units source writes it at the end of a name. */
const ENGLISH_TYPE: Record<string, string> = {
  municipality: 'City',
  province: 'Province',
  ward: 'Ward',
  commune: 'Commune',
};

/** The snapshot's catalogue: provinces and communes of units-2026.json, `unitFixes` applied to commune codes. */
export function snapshotCatalogue(units: unknown, unitFixes: ReturnType<typeof fixer>): UnitCatalogue {
  const provinces = new Map<string, CatalogueUnit>();
  const communes = new Map<string, CatalogueUnit>();
  for (const p of arr(units, 'units')) {
    const code = str(p.Code, 'province code');
    need(/^\d{2}$/.test(code) && !provinces.has(code), `bad or duplicate province ${code}`);
    const n = named(str(p.FullName, `name of ${code}`), true);
    need(n.type === named(`${str(p.AdministrativeUnitShortName, code)} x`).type, `type of ${code}`);
    provinces.set(code, { code, ...n, nameEn: str(p.FullNameEn, `English name of ${code}`).trim() });
    for (const w of arr(p.Wards, `communes of ${code}`)) {
      const wCode = unitFixes.fix(str(w.Code, 'commune code'));
      need(/^\d{5}$/.test(wCode) && !communes.has(wCode), `bad or duplicate commune ${wCode}`);
      need(w.ProvinceCode === code, `commune ${wCode} lists province ${String(w.ProvinceCode)}, not ${code}`);
      const wn = named(str(w.FullName, `name of ${wCode}`), true);
      need(wn.type === named(`${str(w.AdministrativeUnitShortName, wCode)} x`).type, `type of ${wCode}`);
      const nameEn = str(w.FullNameEn, `English name of ${wCode}`).trim();
      communes.set(wCode, { code: wCode, ...wn, nameEn, provinceCode: code });
    }
  }
  return { catalogue: CHANGES[CHANGES.length - 1]!.effective, provinces, communes };
}

/** The English name a unit had before it was retyped `from` → `to`: the type word at the end swapped back. */
function englishBefore(u: CatalogueUnit, from: string, to: string): string {
  const after = ENGLISH_TYPE[to];
  const before = ENGLISH_TYPE[from];
  need(after && before && u.nameEn.endsWith(` ${after}`), `English name of retyped ${u.code}: "${u.nameEn}"`);
  return `${u.nameEn.slice(0, -after.length)}${before}`;
}

/**
 * The reform's catalogue, from the new → old mapping file (`merges`, mapped codes fixed by `mapFixes`), checked
 * against the snapshot: the snapshot must be this catalogue plus CHANGES, nothing more.
 */
export function reformCatalogue(
  merges: unknown,
  snapshot: UnitCatalogue,
  mapFixes: ReturnType<typeof fixer>,
): UnitCatalogue {
  const retyped = new Map<string, [string, string]>();
  for (const change of CHANGES) {
    for (const [code, from, to] of change.retyped) {
      need(!retyped.has(code), `${code} is retyped twice (compose the changes)`);
      retyped.set(code, [from, to]);
    }
  }
  const seen = new Set<string>();
  /** The unit of the reform state whose snapshot counterpart is `now`. */
  const reformUnit = (code: string, rawName: string, now: CatalogueUnit | undefined): CatalogueUnit => {
    need(now, `${code} (${rawName}) of the mapping is not in the units snapshot`);
    const n = named(rawName, true);
    need(nameKey(n.name) === nameKey(now.name), `${code} is "${n.name}" in the mapping, "${now.name}" now`);
    const change = retyped.get(code);
    if (change) {
      need(
        n.type === change[0] && now.type === change[1],
        `${code}: ${n.type} → ${now.type}, CHANGES say ${change.join(' → ')}`,
      );
    } else {
      need(n.type === now.type, `${code} is a ${n.type} in the mapping, a ${now.type} now: not in CHANGES`);
    }
    seen.add(code);
    const nameEn = change ? englishBefore(now, change[0], change[1]) : now.nameEn;
    return { code, ...n, nameEn, ...(now.provinceCode !== undefined && { provinceCode: now.provinceCode }) };
  };

  const provinces = new Map<string, CatalogueUnit>();
  const communes = new Map<string, CatalogueUnit>();
  for (const p of arr((merges as { data: unknown }).data, 'merges')) {
    const pCode = str(p.level1_id, 'merged province');
    need(!provinces.has(pCode), `duplicate province ${pCode} in the mapping`);
    provinces.set(pCode, reformUnit(pCode, str(p.name, pCode), snapshot.provinces.get(pCode)));
    for (const c of arr(p.level2s, `communes of ${pCode}`)) {
      const cCode = mapFixes.fix(str(c.level2_id, 'merged commune'));
      need(!communes.has(cCode), `duplicate commune ${cCode} in the mapping`);
      const unit = reformUnit(cCode, str(c.name, cCode), snapshot.communes.get(cCode));
      need(unit.provinceCode === pCode, `${cCode} is in ${pCode} in the mapping, in ${unit.provinceCode} now`);
      communes.set(cCode, unit);
    }
  }
  const missing = [...snapshot.provinces.keys(), ...snapshot.communes.keys()].filter((c) => !seen.has(c));
  need(missing.length === 0, `units of the snapshot missing from the mapping: ${missing.join(', ')}`);
  const unused = [...retyped.keys()].filter((c) => !seen.has(c));
  need(unused.length === 0, `CHANGES name unknown codes: ${unused.join(', ')}`);
  return { catalogue: REFORM, provinces, communes };
}
