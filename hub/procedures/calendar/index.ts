/** The working-day calendar: load config/calendar/ once, then count limits in working days or hours. */
import { join } from 'node:path';
import { loadCalendar } from './load';
import { createWorkingCalendar, type WorkingCalendar } from './working-time';

export { vnTime, type WorkingCalendar, type WorkingLimit } from './working-time';
export { createWorkingCalendar } from './working-time';
export { loadCalendar } from './load';

/** The calendar of a configuration directory (its `calendar/` folder). */
export const calendarOf = (configDir: string): WorkingCalendar =>
  createWorkingCalendar(loadCalendar(join(configDir, 'calendar')));
