/** The health-insurance simulator's configuration: the rules that are policy, not code. */
import type { ChildCardRule } from '../child-card-validity';
import { FUNERAL_GRANT, type FuneralGrantConfig } from '../funeral-grant';

export interface HealthInsuranceSettings {
  /** Multiplier and base levels of the funeral grant. @defaultValue FUNERAL_GRANT (10 × 2,340,000 VND from 2024-07-01) */
  funeralGrant: FuneralGrantConfig;
  /** Validity rule of a child's TE card. @defaultValue 'decree-146-2018' */
  childCardRule: ChildCardRule;
  /**
   * Card groups taken as "insured for the funeral grant". A simplification: the grant is due to people with
   * at least 12 months of compulsory social-insurance contributions and to pensioners (Luật BHXH 2014
   * Art. 66), which the population does not record; its health cards of pensioners (HT), employees (DN) and
   * civil servants (HC) stand for them. The real system reads the contribution history.
   * @defaultValue ['HT', 'DN', 'HC']
   */
  insuredGroups: readonly string[];
  /** The simulator's clock ("today" for ages, "now" for decisions); tests pin it. @defaultValue () => new Date() */
  clock: () => Date;
}

export const DEFAULT_SETTINGS: HealthInsuranceSettings = {
  funeralGrant: FUNERAL_GRANT,
  childCardRule: 'decree-146-2018',
  insuredGroups: ['HT', 'DN', 'HC'],
  clock: () => new Date(),
};
