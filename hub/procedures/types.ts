/** The state of a dossier as the procedures engine keeps it. */

export type StepStateName = 'waiting' | 'queued' | 'done' | 'failed' | 'compensated' | 'skipped';

export interface StepItem {
  input: unknown;
  state: 'queued' | 'done' | 'failed';
  /** Repetitions of an `until` read. */
  generation: number;
  output?: unknown;
  deliveryId?: string;
  /** What an external confirmation carries to complete this item (the step's `awaits.key`). */
  awaitKey?: string;
  /** The confirmation (its event) that completed or failed the item, when not the step's own polling. */
  confirmedBy?: string;
}

/** An officer's decision about a step that failed for good. */
export interface OfficerDecision {
  at: string;
  step: string;
  action: 'retry' | 'supplement' | 'stop';
  reason?: string;
  /** `member/subsystem` that decided. */
  by: string;
}

export interface StepState {
  state: StepStateName;
  startedAt?: string;
  finishedAt?: string;
  dueAt?: string;
  output?: unknown;
  items?: StepItem[];
  error?: { code: string; reason: string; attempts?: number };
  deliveryIds: string[];
}

export interface Provenance {
  service: string;
  fetchedAt: string;
  messageId: string;
}

export interface DossierDoc {
  code: string;
  procedure: string;
  version: number;
  status: number;
  history: { at: string; status: number; note?: string }[];
  receivedAt: string;
  dueAt: string;
  finishedAt?: string;
  returnedAt?: string;
  subject: string;
  channel: 1 | 2 | 3;
  form: Record<string, unknown>;
  /** What the applicant chose at submission: paying online, and how the result is returned. */
  choices?: DossierChoices;
  reads: Record<string, unknown>;
  provenance: Record<string, Provenance>;
  steps: Record<string, StepState>;
  contact: { name?: string; phone?: string; email?: string };
  /**
   * The result's way home when it is posted: `posting` while the post has it (status 9, the dossier still
   * active), `delivered`, or `returned-to-office` when delivery failed (status 9, the result at the desk).
   */
  resultDelivery?: 'posting' | 'delivered' | 'returned-to-office';
  /** Why processing stopped or a supplement is asked for. */
  reason?: string;
  /** A step that failed for good and is handed to an officer. */
  needsOfficer?: { step: string; reason: string };
  /** What officers decided about steps handed to them. */
  decisions?: OfficerDecision[];
  /** Announcements made so far (status changes pushed to the portal and the applicant). */
  announced: number;
  /** Compensations started (steps undone). */
  compensations: string[];
  /** The applicant's satisfaction rating: asked for when the result is returned, kept once given. */
  rating?: DossierRating;
}

/** A satisfaction rating with the national portal's criteria (rate-dossier/v1). */
export interface DossierRating {
  /** The secret of the rating link sent to the applicant. */
  token: string;
  ratedAt?: string;
  answers?: { criterion: string; level: string }[];
  comment?: string;
}

/** The applicant's choices at submission (level-4 online service). */
export interface DossierChoices {
  /** Pay the procedure's fees through the national payment platform. */
  payOnline: boolean;
  /** Receive the result by post (public postal service) at `address`, or at the office (or electronically). */
  result: { by: 'office' } | { by: 'post'; address: PostalAddress; phone?: string };
}

/** Where the post delivers the result: shipment@1's address. */
export interface PostalAddress {
  text: string;
  communeCode: string;
  provinceCode: string;
  catalogue?: string;
}
