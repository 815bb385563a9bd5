// A self-signed X.509 v3 certificate for an RSA signing key, as Auth0 publishes one per tenant
// signing key (`x5c`/`x5t` in the JWKS, `cert`/`fingerprint`/`thumbprint` in the Management API),
// for relying-party libraries that verify tokens with a certificate rather than a bare JWK.
//
// jose has no X.509 builder, so this file carries the few DER encoders (X.690) the structure of
// RFC 5280 §4.1 needs, and no more. node:crypto provides the SubjectPublicKeyInfo (exported
// verbatim), the hashes and the RSA signature. Nothing here parses DER.
//
// The certificate is informational: it binds no identity anyone checks (issuer = subject, no CA),
// it only carries the public key in the container some libraries want.
import { constants, createHash, randomBytes, sign, verify, type KeyObject } from "node:crypto";

/** RFC 5280 Appendix A: ub-common-name = 64 (characters). */
const MAX_COMMON_NAME_LENGTH = 64;
/** How far notBefore lies in the past, so a verifier whose clock runs a little slow accepts it. */
const NOT_BEFORE_SKEW_MS = 5 * 60 * 1000;
/** Lifetime in years: longer than any key stays published, so the certificate never expires first. */
const VALIDITY_YEARS = 10;

const OID = {
  sha256WithRSAEncryption: "1.2.840.113549.1.1.11", // RFC 4055 §5
  commonName: "2.5.4.3", // RFC 5280 Appendix A (id-at-commonName)
  basicConstraints: "2.5.29.19", // RFC 5280 §4.2.1.9
  keyUsage: "2.5.29.15", // RFC 5280 §4.2.1.3
} as const;

// ---------------------------------------------------------------------------------------------
// DER (ITU-T X.690 §8 and §10): definite lengths, minimal encodings.
// ---------------------------------------------------------------------------------------------

const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  objectIdentifier: 0x06,
  utf8String: 0x0c,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** X.690 §8.1.3: short form below 128, else long form with the fewest length octets. */
function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return Buffer.from([0x80 | octets.length, ...octets]);
}

function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

function sequence(...items: Buffer[]): Buffer {
  return tlv(TAG.sequence, Buffer.concat(items));
}

/** A SET OF with one member: with a single element, DER's sort order (X.690 §11.6) is moot. */
function setOfOne(item: Buffer): Buffer {
  return tlv(TAG.set, item);
}

/** [n] EXPLICIT: a constructed context-specific tag around the inner encoding. */
function explicit(tagNumber: number, inner: Buffer): Buffer {
  return tlv(0xa0 | tagNumber, inner);
}

/** DER encodes only TRUE as 0xFF (X.690 §11.1). */
function boolean(value: boolean): Buffer {
  return tlv(TAG.boolean, Buffer.from([value ? 0xff : 0x00]));
}

/** A non-negative INTEGER from big-endian bytes, in the minimal two's-complement form (X.690 §8.3.2). */
function unsignedInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const magnitude = Buffer.from(bytes.subarray(start));
  if (magnitude.length === 0) return tlv(TAG.integer, Buffer.from([0]));
  // A leading 1 bit would read as negative: prefix a zero octet.
  return tlv(TAG.integer, (magnitude[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), magnitude]) : magnitude);
}

/** X.690 §8.19: the first two arcs share one subidentifier; each is base-128, high bit = "more". */
function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined || arcs.some((arc) => !Number.isSafeInteger(arc) || arc < 0))
    throw new Error(`Not an object identifier: ${dotted}`);
  const octets: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const group = [arc % 128];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) group.unshift(0x80 | (value % 128));
    octets.push(...group);
  }
  return tlv(TAG.objectIdentifier, Buffer.from(octets));
}

function nullValue(): Buffer {
  return tlv(TAG.null, Buffer.alloc(0));
}

function octetString(content: Uint8Array): Buffer {
  return tlv(TAG.octetString, content);
}

/** The first content octet counts the unused bits in the last octet (X.690 §8.6.2). */
function bitString(content: Uint8Array, unusedBits = 0): Buffer {
  return tlv(TAG.bitString, Buffer.concat([Buffer.from([unusedBits]), content]));
}

function utf8String(value: string): Buffer {
  return tlv(TAG.utf8String, Buffer.from(value, "utf8"));
}

/**
 * RFC 5280 §4.1.2.5: UTCTime (YYMMDDHHMMSSZ) for years 1950 through 2049, GeneralizedTime
 * (YYYYMMDDHHMMSSZ) otherwise; always UTC ("Z"), always with seconds, never fractional seconds.
 */
function time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Cannot encode the year ${year} in a certificate.`);
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  const rest = [date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    .map((value) => pad(value))
    .join("");
  if (year >= 1950 && year < 2050) return tlv(TAG.utcTime, Buffer.from(`${pad(year % 100)}${rest}Z`, "ascii"));
  return tlv(TAG.generalizedTime, Buffer.from(`${pad(year, 4)}${rest}Z`, "ascii"));
}

// ---------------------------------------------------------------------------------------------
// The certificate (RFC 5280 §4.1)
// ---------------------------------------------------------------------------------------------

/** RFC 4055 §5: the parameters of sha256WithRSAEncryption are NULL, and present. */
function sha256WithRsaAlgorithm(): Buffer {
  return sequence(objectIdentifier(OID.sha256WithRSAEncryption), nullValue());
}

/** RFC 5280 §4.1.2.4: Name = RDNSequence; here one RDN holding one CN, as a UTF8String. */
function commonNameOnly(commonName: string): Buffer {
  return sequence(setOfOne(sequence(objectIdentifier(OID.commonName), utf8String(commonName))));
}

/** RFC 5280 §4.1: Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  // DER omits a field equal to its DEFAULT (X.690 §11.5), so `critical` appears only when true.
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/**
 * RFC 5280 §4.1.2.2: a positive INTEGER of at most 20 octets, unique per issuer. 16 random octets
 * with the top bit cleared (positive) and the next one set, so it always encodes in exactly 16
 * octets (DER forbids a leading zero octet) and is never zero: 126 random bits.
 */
function randomSerialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  return serial;
}

function assertRsaKey(key: KeyObject, type: "public" | "private"): void {
  if (key.type !== type || key.asymmetricKeyType !== "rsa")
    throw new TypeError(`Expected an RSA ${type} key, got a ${key.asymmetricKeyType ?? key.type} ${key.type} key.`);
}

export type SelfSignedCertificate = {
  /** The Certificate, DER-encoded: what `x5c` carries (base64) and what thumbprints hash. */
  der: Buffer;
  /** The same, as RFC 7468 §5 PEM ("CERTIFICATE", 64-character lines). */
  pem: string;
};

/**
 * A self-signed X.509 v3 certificate for an RSA key pair: subject = issuer = `CN=<commonName>`,
 * valid from `now` - 5 minutes to `now` + 10 years, sha256WithRSAEncryption, a random serial,
 * basicConstraints cA=FALSE and keyUsage digitalSignature (both critical).
 *
 * Throws TypeError unless both keys are RSA and of the stated type, Error when they are not a
 * pair (the signature is checked with `publicKey` before returning), RangeError on an empty or
 * over-long common name or an invalid date.
 */
export function createSelfSignedCertificate(options: {
  publicKey: KeyObject;
  privateKey: KeyObject;
  commonName: string;
  now?: Date;
}): SelfSignedCertificate {
  const { publicKey, privateKey, commonName, now = new Date() } = options;
  assertRsaKey(publicKey, "public");
  assertRsaKey(privateKey, "private");
  const commonNameLength = [...commonName].length;
  if (commonNameLength === 0 || commonNameLength > MAX_COMMON_NAME_LENGTH)
    throw new RangeError(`The common name must be 1 to ${MAX_COMMON_NAME_LENGTH} characters (RFC 5280 Appendix A).`);
  if (Number.isNaN(now.getTime())) throw new RangeError("Invalid date.");

  const notBefore = new Date(now.getTime() - NOT_BEFORE_SKEW_MS);
  const notAfter = new Date(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const name = commonNameOnly(commonName);

  // RFC 5280 §4.1.2: TBSCertificate, fields in order; the optional unique identifiers are omitted
  // (§4.1.2.8: conforming CAs MUST NOT generate them).
  const tbsCertificate = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // §4.1.2.1: v3, because there are extensions
    unsignedInteger(randomSerialNumber()), // §4.1.2.2
    sha256WithRsaAlgorithm(), // §4.1.2.3: MUST equal signatureAlgorithm below
    name, // §4.1.2.4 issuer
    sequence(time(notBefore), time(notAfter)), // §4.1.2.5
    name, // §4.1.2.6 subject: self-signed, so the same as the issuer
    publicKey.export({ type: "spki", format: "der" }), // §4.1.2.7, already DER
    explicit(
      3, // §4.1.2.9
      sequence(
        // §4.2.1.9: an end-entity key; cA=FALSE is the DEFAULT, so the SEQUENCE is empty. Critical,
        // so no verifier can mistake the certificate for a CA.
        extension(OID.basicConstraints, true, sequence()),
        // §4.2.1.3: digitalSignature is bit 0; DER drops trailing zero bits, leaving one octet
        // 0x80 with 7 unused bits. Critical, as the section recommends.
        extension(OID.keyUsage, true, bitString(Buffer.from([0x80]), 7)),
      ),
    ),
  );

  // PKCS #1 v1.5 padding: what sha256WithRSAEncryption means (RFC 4055 §5, RFC 8017 §8.2).
  const signature = sign("sha256", tbsCertificate, { key: privateKey, padding: constants.RSA_PKCS1_PADDING });
  if (!verify("sha256", tbsCertificate, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature))
    throw new Error("The private key does not belong to the public key.");

  // RFC 5280 §4.1.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }.
  const der = sequence(tbsCertificate, sha256WithRsaAlgorithm(), bitString(signature));
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  const pem = `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
  return { der, pem };
}

export type CertificateThumbprints = {
  /** RFC 7517 §4.8: base64url SHA-1 of the DER (JWK `x5t`). */
  x5t: string;
  /** RFC 7517 §4.9: base64url SHA-256 of the DER (JWK `x5t#S256`). */
  x5tS256: string;
  /** SHA-1 of the DER, upper-case hex pairs joined by ":" (Auth0's `fingerprint`, Node's `X509Certificate.fingerprint`). */
  fingerprint: string;
  /** SHA-1 of the DER, upper-case hex without separators (Auth0's `thumbprint`). */
  thumbprint: string;
};

/**
 * The identifiers of a DER certificate that JWKS and Auth0's Management API publish. SHA-1 here
 * names a certificate, it does not secure anything: these formats are defined with SHA-1.
 */
export function certificateThumbprints(der: Uint8Array): CertificateThumbprints {
  const sha1 = createHash("sha1").update(der).digest();
  const hexPairs = Array.from(sha1, (byte) => byte.toString(16).padStart(2, "0").toUpperCase());
  return {
    x5t: sha1.toString("base64url"),
    x5tS256: createHash("sha256").update(der).digest("base64url"),
    fingerprint: hexPairs.join(":"),
    thumbprint: hexPairs.join(""),
  };
}
