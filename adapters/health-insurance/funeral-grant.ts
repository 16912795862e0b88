/**
 * The funeral grant (trợ cấp mai táng) of social insurance: 10 times the base level in force in the month
 * of death (Luật BHXH 2014 Art. 66 — 10 × mức lương cơ sở; Luật BHXH 2024 Art. 86, from 1 July 2025 —
 * 10 × mức tham chiếu, which equals the base salary level until the Government sets it otherwise). The base
 * levels are configuration, not code: a new decree adds a row. Levels change on the first day of a month,
 * so the level in force on the date of death is the level of the month of death.
 */

export interface BaseLevel {
  /** First day in force, 'YYYY-MM-DD'. */
  from: string;
  /** VND per month. */
  vnd: number;
  /** Where the figure is published. */
  source: string;
}

export interface FuneralGrantConfig {
  /** Times the base level. @defaultValue 10 */
  multiplier: number;
  /** Base levels, any order. */
  baseLevels: readonly BaseLevel[];
}

export const FUNERAL_GRANT: FuneralGrantConfig = {
  multiplier: 10,
  baseLevels: [
    { from: '2019-07-01', vnd: 1_490_000, source: 'Nghị định 38/2019/NĐ-CP' },
    { from: '2023-07-01', vnd: 1_800_000, source: 'Nghị định 24/2023/NĐ-CP' },
    { from: '2024-07-01', vnd: 2_340_000, source: 'Nghị định 73/2024/NĐ-CP' },
  ],
};

/** The base level in force on a date ('YYYY-MM-DD'), or undefined before the first configured one. */
export function baseLevelOn(date: string, levels: readonly BaseLevel[]): BaseLevel | undefined {
  let found: BaseLevel | undefined;
  for (const l of levels) if (l.from <= date && (!found || l.from > found.from)) found = l;
  return found;
}

/** The grant for a death on `dateOfDeath`, in VND (integer), or undefined when no base level applies. */
export function funeralGrantAmount(
  dateOfDeath: string,
  config: FuneralGrantConfig = FUNERAL_GRANT,
): number | undefined {
  const level = baseLevelOn(dateOfDeath, config.baseLevels);
  return level ? level.vnd * config.multiplier : undefined;
}
