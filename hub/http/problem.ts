/**
 * Problem answers: HubError carries a catalogue code and its context from anywhere in a request's handling
 * to the one place that writes it as application/problem+json (signed like every hub answer).
 */
import {
  PROBLEM_CONTENT_TYPE,
  problem,
  type FieldError,
  type Problem,
  type ProblemCode,
} from '../../contracts';

export class HubError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly context: Record<string, unknown> = {},
    readonly extra: {
      detail?: string;
      detailVi?: string;
      errors?: FieldError[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(code);
    this.name = 'HubError';
  }

  toProblem(instance?: string): Problem {
    const { headers: _h, ...rest } = this.extra;
    return problem(this.code, this.context, { ...rest, instance });
  }
}

export { PROBLEM_CONTENT_TYPE };
