/**
 * `kit.once` for a dialect that refuses with HTTP 200 (the portal's `error_code ≠ 0`): a repeated key is
 * answered from memory like any answer, but a refusal is not counted as an applied effect — the kit counts
 * every answer under 300, which would count the portal's refusals as effects.
 */
import type { Request, Response } from 'express';
import type { SimulatorKit } from '../../sdk';

export interface Applied {
  status: number;
  payload: unknown;
  /** Whether the call changed anything (false for a refusal answered with a 2xx). */
  applied: boolean;
}

export function onceApplied(
  kit: SimulatorKit,
  req: Request,
  res: Response,
  effect: string,
  apply: () => Applied,
): void {
  let refusedWith2xx = false;
  kit.once(req, res, effect, () => {
    const r = apply();
    refusedWith2xx = !r.applied && r.status < 300;
    return { status: r.status, payload: r.payload };
  });
  // kit.once applies and counts synchronously, so the count can be corrected right away.
  if (refusedWith2xx) {
    const n = kit.effects.get(effect) ?? 0;
    if (n <= 1) kit.effects.delete(effect);
    else kit.effects.set(effect, n - 1);
  }
}
