// Lists page with keyset cursors over indexes (no OFFSET, no full scan, no sort of the whole kind): the plans of the
// queries the /api/v1 lists run, read with EXPLAIN QUERY PLAN on a harvested database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'
import { pageQuery, type ListSpec } from '../../src/api/entity-list.ts'
import { ParamReader } from '../../src/api/params.ts'
import { readFilters } from '../../src/api/filters.ts'

let h: HarvestedDb

beforeAll(async () => {
  h = await harvestedDb()
  await h.app().request('/api/v1/outputs')
})
afterAll(() => h.close())

/** The spec a request's filters make (as the route reads them), with a cursor as on page 2. */
function spec(query: string, sort: ListSpec['sort'], cursorKey: string | number | null, extra: Partial<ListSpec> = {}): ListSpec {
  const params = new ParamReader(new URLSearchParams(query), ['institution', 'source', 'type', 'access', 'year', 'language', 'ford_area', 'has_doi'])
  const filters = readFilters(params, 'research-output', () => new Set(h.sources.map((s) => s.id)))
  params.done()
  return { kind: 'research-output', filters, sort, limit: 25, disabled: [], cursor: { sort, key: cursorKey, id: 'ro-5' }, ...extra }
}

function plan(s: ListSpec): string {
  const { sql, args } = pageQuery(h.db, s)
  expect(sql).not.toMatch(/OFFSET/i)
  return (h.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n')
}

describe('list query plans', () => {
  // Live records with no source disabled: the page is read from the index alone (COVERING: ids, sort keys and the
  // deleted flag are in every entity_index index). The change feed needs each row's time and sources.
  const cases: [string, ListSpec, RegExp][] = [
    ['an institution, by id (the default sort)', spec('institution=la-referencia', 'id', null), /SEARCH i USING COVERING INDEX entity_index_kind_institution \(kind=\? AND institution=\? AND id>\?\)/],
    ['a type, by id', spec('type=c_6501', 'id', null), /SEARCH i USING COVERING INDEX entity_index_kind_type \(kind=\? AND type_uri=\? AND id>\?\)/],
    ['an access right, by id', spec('access=open', 'id', null), /SEARCH i USING COVERING INDEX entity_index_kind_access \(kind=\? AND access_uri=\? AND id>\?\)/],
    ['a language, by id', spec('language=spa', 'id', null), /SEARCH i USING COVERING INDEX entity_index_kind_language \(kind=\? AND language=\? AND id>\?\)/],
    ['an OCDE area, by id', spec('ford_area=3', 'id', null), /SEARCH i USING COVERING INDEX entity_index_kind_ford \(kind=\? AND ford_area=\? AND id>\?\)/],
    ['a type in one year, by id', spec('type=c_6501&year=2015', 'id', null), /SEARCH i USING COVERING INDEX entity_index_kind_type_year \(kind=\? AND type_uri=\? AND year=\? AND id>\?\)/],
    ['a year range, by year', spec('year=2010-2020', 'year', 2012), /SEARCH i USING COVERING INDEX entity_index_kind_year \(kind=\? AND (?:year>\?|\(year,id\)>\(\?,\?\)) AND year<\?\)/],
    ['everything, newest changes first', spec('', '-modified', '2026-01-01T00:00:00Z'), /SEARCH i USING COVERING INDEX entity_index_kind_modified \(kind=\? AND \(modified_at,id\)<\(\?,\?\)\)/],
    ['the change feed of an institution', spec('institution=la-referencia', 'modified', '2026-01-01T00:00:00Z', { since: '2020-01-01T00:00:00Z' }), /SEARCH i USING INDEX entity_index_kind_modified \(kind=\? AND /],
  ]
  for (const [name, s, expected] of cases) {
    it(`${name}: an index, in order, no temporary sort`, () => {
      for (const analyzed of [false, true]) {
        if (analyzed) h.db.$client.exec('ANALYZE')
        const p = plan(s)
        expect(p, `${name}${analyzed ? ' after ANALYZE' : ''}:\n${p}`).toMatch(expected)
        expect(p).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/)
        expect(p).not.toMatch(/SCAN i\b/)
        // The page is chosen from index rows alone; only the chosen page's JSON is read afterwards, by id.
        expect(p).not.toMatch(/\bentities\b|SEARCH e\b|SCAN e\b/)
      }
      h.db.$client.exec('DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4')
    })
  }

  // A range listed by id: one id-ordered run per year present, merged by SQLite and cut at the page (no sort of the range).
  const runs: [string, ListSpec, string][] = [
    ['a type and a year range', spec('type=c_6501&year=2010-2020', 'id', null), 'entity_index_kind_type_year (kind=? AND type_uri=? AND year=? AND id>?)'],
    ['an institution from a year on', spec('institution=la-referencia&year=2012-', 'id', null), 'entity_index_kind_institution_year (kind=? AND institution=? AND year=? AND id>?)'],
    ['a year range alone', spec('year=-2020', 'id', null), 'entity_index_kind_year (kind=? AND year=? AND id>?)'],
  ]
  for (const [name, s, index] of runs) {
    it(`${name}, by id: one index run per year, merged in id order, no temporary sort`, () => {
      for (const analyzed of [false, true]) {
        if (analyzed) h.db.$client.exec('ANALYZE')
        const p = plan(s)
        const searches = p.split('\n').filter((line) => /^(SEARCH|SCAN)/.test(line))
        expect(searches.length, p).toBeGreaterThan(1)
        for (const line of searches) expect(line, `${name}${analyzed ? ' after ANALYZE' : ''}:\n${p}`).toBe(`SEARCH i USING COVERING INDEX ${index}`)
        expect(p).toMatch(/MERGE \(UNION ALL\)/)
        expect(p).not.toMatch(/USE TEMP B-TREE/)
      }
      h.db.$client.exec('DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4')
    })
  }

  it('full-text search starts from the FTS5 index and reaches entity_index by rowid', () => {
    const p = plan({ ...spec('', 'relevance', -1.5), match: '"caries"' })
    expect(p).toMatch(/SCAN entity_text VIRTUAL TABLE INDEX/)
    expect(p).toMatch(/SEARCH i USING INTEGER PRIMARY KEY \(rowid=\?\)/)
  })
})
