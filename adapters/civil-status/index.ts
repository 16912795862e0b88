/**
 * civil-status: the commune civil-status registry (Cơ sở dữ liệu hộ tịch điện tử), SOAP 1.1 with XML-DSig.
 * Registers births, deaths and marriages, and lists a citizen's civil-status events. Every request is signed
 * with the hub's key; answers are verified with the registry's key when it is configured.
 */
import { defineAdapter, SoapTransport } from '../sdk';
import { ENDPOINT_PATH, NAMESPACE, pingAnswerSchema } from './dialect';
import { readAnswer } from './mapping';
import { eventsOfPerson } from './services/events-of-person';
import { registerBirth } from './services/register-birth';
import { registerDeath } from './services/register-death';
import { registerMarriage } from './services/register-marriage';
import { signingKeyOf, verifyKeyOf } from './signing';

export type CivilStatusClient = SoapTransport;
export type { CivilStatusOptions } from './signing';

export const adapter = defineAdapter<CivilStatusClient>({
  id: 'civil-status',
  version: 1,
  protocol: 'soap',
  title: 'Commune civil-status registry (CSDL hộ tịch điện tử)',
  spec: 'upstream/ho-tich.wsdl',
  services: [eventsOfPerson, registerBirth, registerDeath, registerMarriage],
  createClient(config, deps) {
    const verifyWith = verifyKeyOf(config);
    if (!verifyWith)
      deps.logger.warn({ adapter: 'civil-status' }, 'answers of the registry are not verified');
    return new SoapTransport({
      upstream: 'civil-status',
      endpoint: `${config.baseUrl.replace(/\/+$/, '')}${ENDPOINT_PATH}`,
      agent: deps.agent,
      namespace: NAMESPACE,
      maxBytes: config.maxBodyBytes,
      signWith: signingKeyOf(deps.signer),
      verifyWith,
    });
  },
  async ping(ctx) {
    const res = await ctx.client.call(ctx, { operation: 'Ping', body: {} });
    readAnswer(ctx.client.upstream, res, 'PingResponse', pingAnswerSchema);
  },
});
