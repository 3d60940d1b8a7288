// Facts about a small imagined aggregate, for the pure catalog tests (the route tests use a harvested database).
import type { CatalogFacts } from '../../../src/api/catalog/catalog-facts.ts'

export const BASE = 'https://redcti.example.pe'

export const facts: CatalogFacts = {
  modified: '2025-03-01T10:00:00Z',
  kinds: {
    'research-output': { records: 120, modified: '2025-03-01T10:00:00Z' },
    dmp: { records: 2, modified: '2024-12-01T00:00:00Z' },
    // Every project was deleted: no dataset for them.
    project: { records: 0, modified: '2024-01-01T00:00:00Z' },
  },
  institutions: [
    { slug: 'pontificia-universidad-catolica-del-peru', name: 'Pontificia Universidad Católica del Perú', records: 80, modified: '2025-03-01T10:00:00Z' },
    // A name with the characters serializers must escape.
    { slug: 'universidad-ficticia-del-peru', name: 'Universidad "Ficticia" \\ del Perú\n(sede <Lima>)', records: 40, modified: '2025-02-01T00:00:00Z' },
  ],
  types: [
    { uri: 'http://purl.org/coar/resource_type/c_7a1f', records: 70, modified: '2025-03-01T10:00:00Z' },
    { uri: 'http://purl.org/coar/resource_type/c_6501', records: 50, modified: '2025-01-15T08:30:00Z' },
  ],
}

export const emptyFacts: CatalogFacts = { modified: null, kinds: {}, institutions: [], types: [] }
