// A self-signed X.509 certificate for 127.0.0.1, built at test time with node:crypto alone (no openssl, no package), for case 20.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'

export interface TestCertificate {
  /** PEM, for tls.createServer({ cert }). */
  cert: string
  /** PKCS#8 PEM, for tls.createServer({ key }). */
  key: string
}

/**
 * node:crypto makes keys and signatures but has no certificate builder, so the DER is written here:
 * X.509 v3 (RFC 5280 §4.1), ECDSA P-256 with SHA-256, subject = issuer, subjectAltName IP 127.0.0.1.
 * `validDays` may be negative for a certificate that has already expired.
 */
export function selfSignedCertificate(options: { notBefore?: Date; validDays?: number } = {}): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const notBefore = options.notBefore ?? new Date(Date.now() - 86_400_000)
  const notAfter = new Date(notBefore.getTime() + (options.validDays ?? 30) * 86_400_000)
  const algorithm = seq(oid('1.2.840.10045.4.3.2')) // ecdsa-with-SHA256
  const name = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from('redcti test fixture'))))) // CN
  const subjectAltName = seq(tlv(0x87, Buffer.from([127, 0, 0, 1]))) // iPAddress
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(randomBytes(8)),
    algorithm,
    name,
    seq(utcTime(notBefore), utcTime(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(seq(oid('2.5.29.17'), tlv(0x04, subjectAltName)))),
  )
  const signature = sign('sha256', tbs, privateKey) // DER-encoded ECDSA-Sig-Value, as X.509 wants
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])))
  const lines = der.toString('base64').match(/.{1,64}/g)!.join('\n')
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff])
  return Buffer.concat([Buffer.from([tag]), length, content])
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items))
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items))

/** A positive INTEGER: a leading zero byte when the high bit is set. */
function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes)
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number)
  const bytes = [a! * 40 + b!]
  for (const arc of rest) {
    const base128 = [arc & 0x7f]
    for (let v = arc >>> 7; v > 0; v >>>= 7) base128.unshift((v & 0x7f) | 0x80)
    bytes.push(...base128)
  }
  return tlv(0x06, Buffer.from(bytes))
}

/** UTCTime YYMMDDHHMMSSZ (RFC 5280 §4.1.2.5.1: dates before 2050). */
function utcTime(date: Date): Buffer {
  return tlv(0x17, Buffer.from(date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'))
}
