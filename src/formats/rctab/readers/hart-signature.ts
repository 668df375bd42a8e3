/**
 * Hart Verity signs each CVR file with an XML Signature file beside it (`<name>.xml.sig.xml`): a SHA-256
 * digest of the CVR file's bytes inside a SignedInfo, signed with RSA-SHA256, and the signer's RSA public
 * key. RCTab checks these before it counts ("RCTab CVR Files": Hart Verity section).
 *
 * Source: W3C XML Signature (xmldsig-core) and Canonical XML 1.0 (c14n). Hart's SignedInfo is a flat
 * element in the Signature's default namespace, with one attribute per element and no comments, so its
 * canonical form is the element as written, with the inherited namespace declared on it and empty elements
 * written as start and end tags; other shapes do not verify. The check proves the file is the one the key
 * signed; that the key is Hart's (or the county's) is shown by comparing it with a trusted key.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/** An RSA public key as XML Signature's RSAKeyValue writes it: base64 modulus and exponent. */
export interface RsaKeyValue {
  readonly modulus: string;
  readonly exponent: string;
}

const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

const field = (xml: string, tag: string): string | undefined => new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(xml)?.[1];
const algorithm = (xml: string, tag: string): string | undefined => new RegExp(`<${tag} Algorithm="([^"]*)"`).exec(xml)?.[1];

/** The RSAKeyValue in a key file or signature (whitespace between elements allowed). */
export function rsaKeyValue(xml: string): RsaKeyValue | undefined {
  const modulus = field(xml, 'Modulus');
  const exponent = field(xml, 'Exponent');
  return modulus === undefined || exponent === undefined ? undefined : { modulus, exponent };
}

/** Why the signature does not vouch for the CVR file's bytes, or undefined when it does. */
export function hartSignatureProblem(cvr: Uint8Array, signature: string, trusted?: RsaKeyValue): string | undefined {
  const signedInfo = /<SignedInfo>[\s\S]*<\/SignedInfo>/.exec(signature)?.[0];
  const key = rsaKeyValue(signature);
  const value = field(signature, 'SignatureValue');
  if (signedInfo === undefined || key === undefined || value === undefined) return 'the signature file lacks SignedInfo, SignatureValue or the RSA key';
  if (algorithm(signedInfo, 'CanonicalizationMethod') !== C14N || algorithm(signedInfo, 'SignatureMethod') !== RSA_SHA256 || algorithm(signedInfo, 'DigestMethod') !== SHA256) {
    return 'the signature does not use c14n, RSA-SHA256 and SHA-256';
  }
  if (createHash('sha256').update(cvr).digest('base64') !== field(signedInfo, 'DigestValue')) return "the file's SHA-256 digest differs from the signed one: the file was changed";
  if (trusted !== undefined && (trusted.modulus !== key.modulus || trusted.exponent !== key.exponent)) return 'the file was signed with a key other than the trusted one';
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: { kty: 'RSA', n: base64url(key.modulus), e: base64url(key.exponent) }, format: 'jwk' });
  } catch {
    return 'the RSA key in the signature file is malformed';
  }
  const canonical = signedInfo.replace('<SignedInfo>', `<SignedInfo xmlns="${DSIG_NS}">`).replace(/<(\w+)([^<>]*?)\s*\/>/g, '<$1$2></$1>');
  return verify('sha256', Buffer.from(canonical, 'utf8'), publicKey, Buffer.from(value, 'base64')) ? undefined : 'the signature does not verify';
}

const base64url = (base64: string): string => Buffer.from(base64, 'base64').toString('base64url');
