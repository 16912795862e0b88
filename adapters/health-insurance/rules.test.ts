/** The rules that are arithmetic: a child's card validity (leap days included) and the funeral grant. */
import { getPopulation } from '../sdk/simulator/population';
import { childCardValidity, childCardValidTo, isUnderSix, sixthBirthday } from './child-card-validity';
import { baseLevelOn, FUNERAL_GRANT, funeralGrantAmount, type FuneralGrantConfig } from './funeral-grant';

const nextDay = (iso: string) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('child card (TE): validity', () => {
  it.each([
    ['2025-12-20', '2031-12-20', '2031-12-19'],
    ['2020-01-01', '2026-01-01', '2025-12-31'],
    // Born on a leap day: no 29 February six years later, the birthday is 28 February.
    ['2020-02-29', '2026-02-28', '2026-02-27'],
    ['2024-02-29', '2030-02-28', '2030-02-27'],
    // The day before a 6th birthday on 1 March of a leap year is 29 February.
    ['2022-03-01', '2028-03-01', '2028-02-29'],
    ['2018-02-28', '2024-02-28', '2024-02-27'],
  ])(
    'the simpler reading, when selected — born %s: 6th birthday %s, card valid to %s',
    (dob, birthday, validTo) => {
      expect(sixthBirthday(dob)).toBe(birthday);
      expect(childCardValidTo(dob, 'day-before-sixth-birthday')).toBe(validTo);
      expect(childCardValidity(dob, 'day-before-sixth-birthday')).toEqual({ validFrom: dob, validTo });
    },
  );

  it('simpler reading: under 6 on the last day of the card, 6 the day after — for every birth date of 2019–2024', () => {
    const bad: string[] = [];
    for (let d = '2019-01-01'; d <= '2024-12-31'; d = nextDay(d)) {
      const last = childCardValidTo(d, 'day-before-sixth-birthday');
      if (!isUnderSix(d, last) || isUnderSix(d, nextDay(last)) || nextDay(last) !== sixthBirthday(d))
        bad.push(d);
    }
    expect(bad).toEqual([]);
  });

  it('agrees with every TE card of the shared population', () => {
    const pop = getPopulation();
    const te = pop.healthCards.filter((c) => c.group === 'TE');
    expect(te.length).toBeGreaterThan(10);
    for (const c of te) {
      expect(childCardValidity(pop.person(c.holderId)!.dateOfBirth)).toEqual({
        validFrom: c.validFrom,
        validTo: c.validTo,
      });
    }
  });

  it.each([
    ['2021-03-10', '2027-09-30'],
    ['2020-02-29', '2026-09-30'],
    ['2023-09-30', '2029-09-30'],
    ['2023-10-01', '2029-10-31'],
    ['2019-11-15', '2025-11-30'],
    ['2018-12-05', '2024-12-31'],
  ])('Decree 146/2018 rule (the default): born %s → valid to %s', (dob, validTo) => {
    expect(childCardValidTo(dob)).toBe(validTo);
    expect(childCardValidTo(dob, 'decree-146-2018')).toBe(validTo);
  });

  it('Decree 146/2018 rule: the card never ends before the 6th birthday month, and ends in the year the child turns 6', () => {
    for (let d = '2019-01-01'; d <= '2024-12-31'; d = nextDay(d)) {
      const end = childCardValidTo(d);
      expect(end >= sixthBirthday(d).slice(0, 7)).toBe(true);
      expect(end.slice(0, 4)).toBe(String(Number(d.slice(0, 4)) + 6));
    }
  });

  it('refuses what is not a calendar date', () => {
    expect(() => childCardValidTo('20/12/2025')).toThrow(RangeError);
  });
});

describe('funeral grant: 10 × the base level in force in the month of death', () => {
  it('2,340,000 VND from 1 July 2024: 23,400,000 VND', () => {
    expect(funeralGrantAmount('2026-01-10')).toBe(23_400_000);
    expect(funeralGrantAmount('2024-07-01')).toBe(23_400_000);
    expect(baseLevelOn('2026-01-10', FUNERAL_GRANT.baseLevels)?.source).toBe('Nghị định 73/2024/NĐ-CP');
  });

  it('the level of the month of death, not of the claim', () => {
    expect(funeralGrantAmount('2024-06-30')).toBe(18_000_000);
    expect(funeralGrantAmount('2023-06-30')).toBe(14_900_000);
    expect(funeralGrantAmount('2019-06-30')).toBeUndefined();
  });

  it('a new level is configuration: add a row, in any order', () => {
    const config: FuneralGrantConfig = {
      multiplier: 10,
      baseLevels: [
        { from: '2027-01-01', vnd: 2_500_000, source: 'a future decree' },
        ...FUNERAL_GRANT.baseLevels,
      ].reverse(),
    };
    expect(funeralGrantAmount('2026-12-31', config)).toBe(23_400_000);
    expect(funeralGrantAmount('2027-01-01', config)).toBe(25_000_000);
    expect(Number.isInteger(funeralGrantAmount('2027-01-01', config))).toBe(true);
  });
});
