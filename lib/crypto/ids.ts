// Identifier formats, as Auth0 shapes them (spec auth0-management-api.md §1.2).
import { randomAlphanumeric, randomHex } from "./random.ts";

export const newConnectionId = () => `con_${randomAlphanumeric(16)}`;
export const newRoleId = () => `rol_${randomAlphanumeric(16)}`;
export const newClientGrantId = () => `cgr_${randomAlphanumeric(16)}`;
export const newJobId = () => `job_${randomAlphanumeric(16)}`;
/** Auth0 client ids are 32 alphanumerics. */
export const newClientId = () => randomAlphanumeric(32);
/** Auth0 client secrets are 64 characters; 64 alphanumerics carry about 381 bits. */
export const newClientSecret = () => randomAlphanumeric(64);
/** Resource server ids and database user ids are 24 hex characters (ObjectId-like). */
export const newObjectId = () => randomHex(24);
export const newDatabaseUserId = () => `auth0|${newObjectId()}`;
export const newInternalId = () => randomAlphanumeric(20);

let lastSortableMillis = 0;
let sortableCounter = 0;
/**
 * Internal row ids that increase with time (20 characters: 9 base-36 digits of milliseconds, a
 * 4-digit base-36 counter within the millisecond, 7 random alphanumerics), for rows written in
 * bulk: an index keyed by them grows at its right edge instead of taking every insert at a random
 * page. Not secrets: never use one where an id must be unguessable.
 */
export function newSortableInternalId(): string {
  const millis = Date.now();
  if (millis > lastSortableMillis) {
    lastSortableMillis = millis;
    sortableCounter = 0;
  } else if (++sortableCounter >= 36 ** 4) {
    // More than 1.6 million ids in one millisecond: borrow the next one, so ids keep increasing.
    lastSortableMillis++;
    sortableCounter = 0;
  }
  return `${lastSortableMillis.toString(36).padStart(9, "0")}${sortableCounter.toString(36).padStart(4, "0")}${randomAlphanumeric(7)}`;
}

let lastMillis = 0;
let counter = 0;
/**
 * Log ids are numeric strings that sort like their dates: 15 digits of milliseconds, a 4-digit
 * counter within the millisecond, and 11 random digits (30 digits; Auth0's are longer, numeric and
 * opaque, and clients treat them as opaque strings).
 */
export function newLogId(date = new Date()): string {
  const millis = date.getTime();
  if (millis === lastMillis) counter = (counter + 1) % 10_000;
  else {
    lastMillis = millis;
    counter = 0;
  }
  const random = BigInt(`0x${randomHex(12)}`) % 100_000_000_000n;
  return `${String(millis).padStart(15, "0")}${String(counter).padStart(4, "0")}${String(random).padStart(11, "0")}`;
}
