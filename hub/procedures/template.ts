/**
 * Step inputs as templates: any string `$.a.b.c` is replaced by the value at that path of the dossier's
 * context ({ subject, form, reads, steps, dossier, item, now }); `{ "$map": path, "to": template }` maps an
 * array; `{ "$fn": name, "args": [...] }` calls one of a few named functions; everything else is copied.
 * A missing value resolves to undefined and is dropped from objects.
 */
export interface TemplateContext {
  subject?: string;
  form: Record<string, unknown>;
  /** The applicant's choices at submission (pay online, result by post). */
  choices?: Record<string, unknown>;
  reads: Record<string, unknown>;
  steps: Record<string, { output?: unknown }>;
  dossier: { code: string; receivedAt: string; communeCode: string };
  /** The procedure: its portal code and the fees it charges (definition.ts FeeDef). */
  procedure?: { code: string; fees: unknown[] };
  item?: unknown;
  now: string;
}

type Fn = (...args: unknown[]) => unknown;

/**
 * Relation of a newborn to the head of the household it is registered in: child when a parent heads it,
 * grandchild when a grandparent does (a parent's own parent), another relative otherwise.
 */
function relationOfNewborn(
  headId: unknown,
  motherId: unknown,
  fatherId: unknown,
  grandparents: unknown,
): string {
  if (headId && (headId === motherId || headId === fatherId)) return 'child';
  if (headId && Array.isArray(grandparents) && grandparents.includes(headId)) return 'grandchild';
  return 'other-relative';
}

const FUNCTIONS: Record<string, Fn> = {
  relationOfNewborn: relationOfNewborn as Fn,
  /** The value for a key: `pick(key, { a: x, b: y })`. */
  pick: (key, map) =>
    map && typeof map === 'object' ? (map as Record<string, unknown>)[String(key)] : undefined,
  /** The first argument that is defined. */
  coalesce: (...args) => args.find((a) => a !== undefined && a !== null),
  /** The arguments joined as text (a payment's or a shipment's reference). */
  concat: (...args) => (args.every((a) => a !== undefined && a !== null) ? args.join('') : undefined),
  /** Sum of a field over an array. */
  sum: (list, field) =>
    Array.isArray(list)
      ? list.reduce((a: number, x) => a + Number((x as Record<string, unknown>)[String(field)] ?? 0), 0)
      : undefined,
  /** A person reference built from a person record. */
  personRef: (p) =>
    p && typeof p === 'object'
      ? Object.fromEntries(
          Object.entries(p as Record<string, unknown>).filter(([k]) =>
            ['personalId', 'fullName', 'dateOfBirth', 'sex'].includes(k),
          ),
        )
      : undefined,
};

export function lookup(path: string, ctx: TemplateContext): unknown {
  if (path === '$') return ctx;
  let cur: unknown = ctx;
  for (const part of path.slice(2).split('.')) {
    if (cur === undefined || cur === null) return undefined;
    if (Array.isArray(cur) && /^\d+$/.test(part)) cur = cur[Number(part)];
    else if (typeof cur === 'object') cur = (cur as Record<string, unknown>)[part];
    else return undefined;
  }
  return cur;
}

export function resolve(template: unknown, ctx: TemplateContext): unknown {
  if (typeof template === 'string')
    return template.startsWith('$.') ? structuredCloneSafe(lookup(template, ctx)) : template;
  if (Array.isArray(template)) return template.map((t) => resolve(t, ctx)).filter((v) => v !== undefined);
  if (template && typeof template === 'object') {
    const t = template as Record<string, unknown>;
    if (typeof t.$map === 'string') {
      const list = lookup(t.$map, ctx);
      return Array.isArray(list) ? list.map((item) => resolve(t.to, { ...ctx, item })) : undefined;
    }
    if (typeof t.$fn === 'string') {
      const fn = FUNCTIONS[t.$fn];
      if (!fn) throw new Error(`unknown template function ${t.$fn}`);
      return fn(...((t.args as unknown[]) ?? []).map((a) => resolve(a, ctx)));
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(t)) {
      const r = resolve(v, ctx);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return template;
}

const structuredCloneSafe = (v: unknown) => (v && typeof v === 'object' ? structuredClone(v) : v);

export const templateFunctions = (): string[] => Object.keys(FUNCTIONS);
