/**
 * XML-DSig on the registry's side: it checks that each request is signed by a trusted key (over exactly the
 * SOAP Body; wrapped or altered requests fail), and it signs each answer envelope with its own key, as a
 * WS-Security handler in front of the service would. The SDK's simulator kit writes answers itself, so the
 * signing is a response filter: it signs a complete, well-formed envelope whose Body has `Id="body"` and lets
 * anything else through untouched (faults, broken answers of the fault knobs, slow-drip streams).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { parseXmlSafely, signSoapBody, verifySoapBody } from '../../sdk';

export interface KeyPairPem {
  /** PKCS#8 PEM */
  privateKeyPem: string;
  /** SPKI PEM */
  publicKeyPem: string;
}

let defaultKey: KeyPairPem | undefined;

/** The registry's answer-signing key when none is configured: EC P-256, generated once per process. */
export function defaultRegistryKey(): KeyPairPem {
  if (!defaultKey) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    defaultKey = {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
  return defaultKey;
}

/** A key pair from a private key in PEM form. */
export function keyPairOf(privateKeyPem: string): KeyPairPem {
  const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem))
    .export({ type: 'spki', format: 'pem' })
    .toString();
  return { privateKeyPem, publicKeyPem };
}

const algorithmOf = (privateKeyPem: string): 'ES256' | 'RS256' =>
  createPrivateKey(privateKeyPem).asymmetricKeyType === 'rsa' ? 'RS256' : 'ES256';

/** Whether the request envelope is signed, over its Body, by one of the trusted keys. */
export function checkRequestSignature(
  xml: string,
  trusted: readonly string[],
): { ok: true } | { ok: false; reason: string } {
  let reason = 'no trusted key';
  for (const key of trusted) {
    const v = verifySoapBody(xml, key);
    if (v.ok) return v;
    reason = v.reason;
  }
  return { ok: false, reason };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NAME = /^[A-Za-z_][\w.-]*$/;

/** Whether every element name of a parsed document is an XML name (sax lets `ns:12345` through; xmldom not). */
function namesValid(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(namesValid);
  if (!node || typeof node !== 'object') return true;
  return Object.entries(node).every(([k, v]) => k === '$' || k === '_' || (NAME.test(k) && namesValid(v)));
}
const SIGNABLE = /<soap:Body Id="body">/;

/** The signed envelope, or undefined when the answer is not a complete envelope to sign. */
export function signAnswer(body: string | Buffer, key: KeyPairPem): string | undefined {
  let xml: string;
  try {
    xml = typeof body === 'string' ? body : utf8.decode(body);
  } catch {
    return undefined;
  }
  if (!SIGNABLE.test(xml)) return undefined;
  try {
    // Never let the signer's lenient DOM "repair" a truncated or otherwise broken answer.
    if (!namesValid(parseXmlSafely(xml))) return undefined;
  } catch {
    return undefined;
  }
  const withHeader = /<soap:Header[\s/>]/.test(xml)
    ? xml
    : xml.replace('<soap:Body', '<soap:Header/><soap:Body');
  try {
    return signSoapBody(withHeader, {
      privateKeyPem: key.privateKeyPem,
      algorithm: algorithmOf(key.privateKeyPem),
    });
  } catch {
    return undefined;
  }
}

/** Express middleware: answers written in one piece (`res.end(body)`) leave signed. */
export function answerSigner(key: KeyPairPem) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    let streamed = false;
    res.write = ((...args: unknown[]) => {
      streamed = true;
      return write(...args);
    }) as Response['write'];
    res.end = ((...args: unknown[]) => {
      const [chunk, ...rest] = args;
      const signed =
        !streamed && (typeof chunk === 'string' || Buffer.isBuffer(chunk))
          ? signAnswer(chunk, key)
          : undefined;
      return signed === undefined ? end(...args) : end(signed, ...rest);
    }) as Response['end'];
    next();
  };
}
