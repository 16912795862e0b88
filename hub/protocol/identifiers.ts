/**
 * Identifiers on the wire: member, subsystem, client (`member/subsystem`), service
 * (`member/subsystem/service/version`), purpose code, message id and idempotency key. The same member,
 * client, service and purpose patterns are used by contracts/schemas (envelope@1); a test keeps them equal.
 */

const MEMBER = '[A-Z]{2}:[A-Z]{2,10}:[0-9A-Z]{1,3}:[A-Z0-9](?:[A-Z0-9-]{0,38}[A-Z0-9])?';
const SUBSYSTEM = '[A-Za-z0-9][A-Za-z0-9_-]{0,39}';

/** `VN:GOV:79:SO-TNMT`: country : class : province code : agency code. */
export const MEMBER_ID_PATTERN = new RegExp(`^${MEMBER}$`);
/** A member's IT system, e.g. `MOTCUA`. */
export const SUBSYSTEM_PATTERN = new RegExp(`^${SUBSYSTEM}$`);
/** `member/subsystem`, e.g. `VN:GOV:79:UBND-PBN/MOTCUA`. */
export const CLIENT_PATTERN = new RegExp(`^${MEMBER}/${SUBSYSTEM}$`);
/** `member/subsystem/service/version`, e.g. `VN:GOV:79:SO-TNMT/LAND/parcel-lookup/v1`. */
export const SERVICE_PATTERN = new RegExp(`^${MEMBER}/${SUBSYSTEM}/[a-z0-9][a-z0-9-]{0,63}/v[1-9]\\d{0,2}$`);
/** A purpose code: the legal basis for reading a subject's data. */
export const PURPOSE_PATTERN = /^[a-z0-9][a-z0-9.-]{1,63}$/;
/** A UUID in its textual form (any version; either case). */
export const MESSAGE_ID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Idempotency keys: 1 to 200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Splits a valid `member/subsystem` value. */
export function parseClient(client: string): { member: string; subsystem: string } | undefined {
  if (!CLIENT_PATTERN.test(client)) return undefined;
  const slash = client.indexOf('/');
  return { member: client.slice(0, slash), subsystem: client.slice(slash + 1) };
}
