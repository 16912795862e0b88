/** The adapter SDK: everything an adapter needs, and nothing of the hub. */
export * from './types';
export * from './upstream-error';
export {
  defineAdapter,
  defineService,
  createAdapterInstance,
  serviceKey,
  type AdapterInstance,
} from './define-adapter';
export {
  RestTransport,
  type RestRequest,
  type RestResponse,
  type RestTransportOptions,
  type ErrorBodyReader,
} from './rest-transport';
export {
  SoapTransport,
  SOAP_ENV_NS,
  type SoapCall,
  type SoapAnswer,
  type SoapTransportOptions,
} from './soap-transport';
export { parseXmlSafely, parseXmlDocument, XmlRefused } from './safe-xml';
export { signSoapBody } from './xml-dsig';
export { verifySoapBody, type BodyVerification } from './verify-soap-body';
export type { XmlElement, XmlAttribute } from './xml-tree';
export { createBreaker, type BreakerState, type UpstreamBreaker } from './breaker';
export { readUpstream, assertUnicode, compact, type CanonicalAddress, type Party } from './mapping';
export { redactRaw, redactText, redactValue, REDACTED } from './redact';
export {
  createSimulator,
  type Simulator,
  type SimulatorSpec,
  type SimulatorKit,
  type OnceAnswer,
  type RunningSimulator,
  type SimulatorOptions,
} from './simulator/server';
export type { Faults, MalformedKind } from './simulator/faults';
export * from './auth';
export { callOnce, isDuplicateAnswer, type UpstreamIdempotency } from './idempotency/upstream-idempotency';
export {
  createMemoryReceiptStore,
  createRedisReceiptStore,
  requestHash,
  type Receipt,
  type ReceiptStore,
} from './idempotency/receipts';
export { createSpecSimulator } from './spec/spec-simulator';
export { specReader } from './spec/spec-reader';
export { operationsOf, authOf, type SpecOperation } from './spec/operations';
