/**
 * How a member id appears in the trust module: in a certificate's subjectAltName as the URI
 * `urn:lienthong:member:<memberId>`, and on disk as a directory name.
 */
import { MEMBER_ID_PATTERN } from '../protocol/identifiers';
import { TrustError } from './errors';

/** The hub's own identity: its signing certificate carries this URI instead of a member's. */
export const HUB_URI = 'urn:lienthong:hub';
const MEMBER_URI_PREFIX = 'urn:lienthong:member:';

export function assertMemberId(memberId: string): void {
  if (!MEMBER_ID_PATTERN.test(memberId)) {
    throw new TrustError('MEMBER_ID_INVALID', `not a member id (like VN:GOV:79:SO-TNMT): ${memberId}`);
  }
}

export const memberUri = (memberId: string): string => `${MEMBER_URI_PREFIX}${memberId}`;

/** The member id carried by a subjectAltName URI, or undefined for any other URI. */
export function memberIdFromUri(uri: string): string | undefined {
  if (!uri.startsWith(MEMBER_URI_PREFIX)) return undefined;
  const id = uri.slice(MEMBER_URI_PREFIX.length);
  return MEMBER_ID_PATTERN.test(id) ? id : undefined;
}

/** Directory name for a member: `:` becomes `_` (member ids never contain `_`), portable to any file system. */
export const memberDirName = (memberId: string): string => memberId.replace(/:/g, '_');
