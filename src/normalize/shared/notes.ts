// What one record's mapping collects besides its entity: diagnostics, and the source fields it left without a home.
import type { MappingIssue } from '../../model/index.ts'
import { looksLikeNationalId } from './identifiers.ts'

export class Notes {
  readonly issues: MappingIssue[] = []
  readonly unmapped = new Set<string>()

  /** A national identity number never reaches a diagnostic (issue #3): such values are withheld. */
  issue(path: string, message: string, value?: string): void {
    if (value !== undefined && looksLikeNationalId(value)) {
      this.issues.push({ path, message: `${message} (value withheld: it looks like a national identity number)` })
    } else {
      this.issues.push(value === undefined ? { path, message } : { path, message, value })
    }
  }

  skip(field: string): void {
    this.unmapped.add(field)
  }

  sortedUnmapped(): string[] {
    return [...this.unmapped].sort()
  }
}
