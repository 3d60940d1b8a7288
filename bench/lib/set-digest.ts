// An order-free fingerprint of a set of (identifier, status) pairs, so the served and the stored sets compare in O(1) memory.
import { createHash } from 'node:crypto'

export class SetDigest {
  #sum = 0n

  add(identifier: string, status: string): void {
    const hash = createHash('sha1').update(`${status}\t${identifier}`).digest()
    this.#sum = (this.#sum + hash.readBigUInt64BE(0)) & 0xffff_ffff_ffff_ffffn
  }

  toString(): string {
    return this.#sum.toString(16).padStart(16, '0')
  }
}
