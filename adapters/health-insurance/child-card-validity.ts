/**
 * How long a child's health-insurance card (group TE, children under 6) is valid, and when a child is too
 * old for one. Pure date arithmetic on 'YYYY-MM-DD' strings, in UTC, with no clock and no time zone.
 *
 * A child is "under 6" until the 6th birthday; a TE card is valid from the date of birth until the end
 * given by the law (below) — the default rule, which the shared synthetic population follows too.
 *
 * Leap days: 6 years after a leap year is never a leap year, so a child born on 29 February has no
 * 29 February in the year it turns 6. As the Civil Code 2015 (Art. 148) ends a period whose last month has
 * no corresponding day on the last day of that month, the 6th birthday is then 28 February, and the card
 * ends on 27 February. A child born on 1 March of a year whose 6th anniversary year is a leap year has its
 * card end on 29 February.
 *
 * The law says more than the rule above: the card is valid "until the child is 72 months old; if the child
 * is 72 months old before the school year starts, until 30 September of that year" (Luật BHYT, as amended
 * in 2014), which Decree 146/2018/NĐ-CP Art. 13(2) applies as: born on or before 30 September → until
 * 30 September of the year the child turns 6; born after → until the last day of the month the child turns
 * 6. That is rule 'decree-146-2018', the default; 'day-before-sixth-birthday' (the simpler reading, from
 * the date of birth to the day before the 6th birthday) stays selectable in the simulator's settings.
 */

export type ChildCardRule = 'day-before-sixth-birthday' | 'decree-146-2018';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(iso: string): [number, number, number] {
  const m = DATE.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The ISO date of a UTC calendar day; day 0 is the last day of the previous month. */
const isoOf = (y: number, m: number, d: number): string =>
  new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

const lastDayOfMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The 6th birthday: the same day 6 years later, or the month's last day when that day does not exist. */
export function sixthBirthday(dateOfBirth: string): string {
  const [y, m, d] = parts(dateOfBirth);
  return isoOf(y + 6, m, Math.min(d, lastDayOfMonth(y + 6, m)));
}

/** Whether a child born on `dateOfBirth` is under 6 on `today` (both 'YYYY-MM-DD'). */
export const isUnderSix = (dateOfBirth: string, today: string): boolean => today < sixthBirthday(dateOfBirth);

/** The last day a child's TE card is valid, under the chosen rule. */
export function childCardValidTo(dateOfBirth: string, rule: ChildCardRule = 'decree-146-2018'): string {
  const [y6, m6, d6] = parts(sixthBirthday(dateOfBirth));
  if (rule === 'day-before-sixth-birthday') return isoOf(y6, m6, d6 - 1);
  return m6 <= 9 ? `${y6}-09-30` : isoOf(y6, m6, lastDayOfMonth(y6, m6));
}

/** Validity of a TE card issued for a child: from the date of birth. */
export function childCardValidity(
  dateOfBirth: string,
  rule: ChildCardRule = 'decree-146-2018',
): { validFrom: string; validTo: string } {
  return { validFrom: isoOf(...parts(dateOfBirth)), validTo: childCardValidTo(dateOfBirth, rule) };
}
