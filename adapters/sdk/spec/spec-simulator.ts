/**
 * A simulator built from an upstream's OpenAPI document alone, for a scaffolded adapter before anyone has
 * written its upstream's behaviour: each operation answers its success answer with a sample the schema
 * allows (sample.ts), writes apply once per Idempotency-Key, the security scheme is checked, and every
 * exchange is checked against the document (the SDK's simulator kit does that). Replace it with a
 * simulator that speaks the upstream's behaviour (its refusals, its state) as the adapter grows.
 */
import { createSimulator, type Simulator, type SimulatorOptions } from '../simulator/server';
import { loadOpenApi } from '../simulator/openapi-validator';
import { authOf, operationsOf } from './operations';
import { sampleOf } from './sample';

export function createSpecSimulator(id: string, openapi: string, opts: SimulatorOptions = {}): Simulator {
  const doc = loadOpenApi(openapi);
  const operations = operationsOf(doc);
  return createSimulator(
    {
      id,
      protocol: 'rest',
      openapi,
      auth: authOf(doc).simulator,
      routes(app, kit) {
        operations.forEach((op, i) => {
          const route = op.path.replace(/\{([^}]+)\}/g, ':$1');
          const answer = () => ({ status: op.okStatus, payload: sampleOf(op.okSchema, doc, i + 1) ?? {} });
          const method = op.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
          app[method](route, (req, res) => {
            if (op.kind === 'read') {
              const a = answer();
              return kit.reply(res, a.status, a.payload);
            }
            kit.once(req, res, op.name, answer);
          });
        });
      },
    },
    opts,
  );
}
