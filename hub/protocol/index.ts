/** The hub protocol in one place: headers, identifiers, request/response signatures, request hash, replay. */
export {
  JWS_ALGS,
  MAX_RSA_BITS,
  MIN_RSA_BITS,
  algsForKey,
  defaultAlgForKey,
  isJwsAlg,
  signerFromKey,
  type JwsAlg,
  type Signer,
  type SigningKey,
} from './algorithms';
export {
  createHubClient,
  type CallOptions,
  type HubClient,
  type HubClientOptions,
  type HubResponse,
} from './client';
export { HubClientError, type HubClientErrorCode } from './errors';
export { requestBinding, type Binding } from './binding';
export { HEADER, readHeader, type HeaderBag, type HeaderRead } from './headers';
export { iJsonProblem, type IJsonProblem } from './i-json';
export {
  CLIENT_PATTERN,
  IDEMPOTENCY_KEY_PATTERN,
  MEMBER_ID_PATTERN,
  MESSAGE_ID_PATTERN,
  PURPOSE_PATTERN,
  SERVICE_PATTERN,
  SUBSYSTEM_PATTERN,
  parseClient,
} from './identifiers';
export {
  MAX_HEADER_B64,
  MAX_KID_CHARS,
  MAX_SIGNATURE_B64,
  PARAM,
  compactDetached,
  encodeHeader,
  parseDetachedJws,
  requestHash,
  signingInput,
} from './jws';
export type { KeyFailureCode, KeyResolution, KeyResolver, ResolvedKey } from './key-resolver';
export { certificateKid } from './kid';
export {
  DEFAULT_REPLAY_TTL_SEC,
  createReplayCache,
  type ReplayCache,
  type ReplayCacheOptions,
} from './replay-cache';
export {
  signResponse,
  verifyResponse,
  type ResponseVerification,
  type SignResponseOptions,
  type VerifyResponseOptions,
} from './response';
export { signRequest, type SignRequestOptions, type SignedRequest } from './sign-request';
export {
  DEFAULT_IAT_WINDOW_SEC,
  verifyRequest,
  type RequestVerification,
  type RequestVerificationFailure,
  type VerifiedRequest,
  type VerifyFailureCode,
  type VerifyRequestOptions,
} from './verify-request';
