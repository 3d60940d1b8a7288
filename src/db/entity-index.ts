// Keeps entity_index and the full-text index in step with entities, lazily: entities written since the last
// refresh (entities.seq, bumped by triggers) are re-indexed in batches. Called by the API before it answers, so harvests never pay for it.
import type { Db } from './open.ts'
import type { Entity } from '../model/index.ts'

export interface IndexContext {
  /** The institution a source stands for (its configured `institution`), null for aggregators. */
  institutionOfSource(sourceId: string): string | null
}

const BATCH = 1000
const WATERMARK = 'entity_index'

export function slug(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80)
}

export function refreshEntityIndex(db: Db, context: IndexContext): number {
  const c = db.$client
  let after = (c.prepare('SELECT watermark FROM index_state WHERE name = ?').pluck().get(WATERMARK) as number | undefined) ?? 0
  const latest = c.prepare('SELECT max(seq) FROM entities').pluck().get() as number | null
  if (latest === null || latest <= after) return 0
  const page = c.prepare('SELECT id, kind, json, deleted, modified_at, seq FROM entities WHERE seq > ? ORDER BY seq LIMIT ?')
  const upsert = c.prepare(`INSERT INTO entity_index (id, kind, deleted, modified_at, title, year, type_uri, access_uri, language, institution, sources, ford_area, has_doi)
    VALUES (@id, @kind, @deleted, @modifiedAt, @title, @year, @typeUri, @accessUri, @language, @institution, @sources, @fordArea, @hasDoi)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, deleted = excluded.deleted, modified_at = excluded.modified_at, title = excluded.title,
      year = excluded.year, type_uri = excluded.type_uri, access_uri = excluded.access_uri, language = excluded.language,
      institution = excluded.institution, sources = excluded.sources, ford_area = excluded.ford_area, has_doi = excluded.has_doi`)
  const rowidOf = c.prepare('SELECT rowid FROM entity_index WHERE id = ?').pluck()
  const deleteText = c.prepare('DELETE FROM entity_text WHERE rowid = ?')
  const insertText = c.prepare('INSERT INTO entity_text (rowid, title, body) VALUES (?, ?, ?)')
  const saveWatermark = c.prepare('INSERT INTO index_state (name, watermark) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET watermark = excluded.watermark')
  let done = 0
  while (true) {
    const rows = page.all(after, BATCH) as { id: string; kind: string; json: string | null; deleted: number; modified_at: string; seq: number }[]
    if (rows.length === 0) break
    c.transaction(() => {
      for (const row of rows) {
        const entity = row.json ? (JSON.parse(row.json) as Entity) : null
        const facets = facetsOf(entity, context)
        upsert.run({ id: row.id, kind: row.kind, deleted: row.deleted, modifiedAt: row.modified_at, ...facets.values })
        const rowid = rowidOf.get(row.id) as number
        deleteText.run(rowid)
        if (!row.deleted && facets.text) insertText.run(rowid, facets.text.title, facets.text.body)
      }
      saveWatermark.run(WATERMARK, rows[rows.length - 1]!.seq)
    })()
    done += rows.length
    after = rows[rows.length - 1]!.seq
  }
  return done
}

interface Facets {
  values: { title: string | null; year: number | null; typeUri: string | null; accessUri: string | null; language: string | null; institution: string | null; sources: string; fordArea: string | null; hasDoi: number }
  text: { title: string; body: string } | null
}

function facetsOf(entity: Entity | null, context: IndexContext): Facets {
  const empty: Facets = { values: { title: null, year: null, typeUri: null, accessUri: null, language: null, institution: null, sources: '', fordArea: null, hasDoi: 0 }, text: null }
  if (!entity) return empty
  const provenance = 'provenance' in entity ? entity.provenance : []
  const sources = [...new Set(provenance.map((p) => p.sourceId))].join(' ')
  const institutionName = provenance.map((p) => context.institutionOfSource(p.sourceId)).find((x): x is string => Boolean(x))
    ?? provenance.map((p) => p.originalRepository).find((x): x is string => Boolean(x))
    ?? (entity.kind === 'research-output' ? entity.publisher : null)
  const institution = institutionName ? slug(institutionName) : null
  switch (entity.kind) {
    case 'research-output': {
      const year = entity.issued ? Number(entity.issued.slice(0, 4)) : null
      return {
        values: {
          title: entity.titles[0]?.value ?? null, year: Number.isFinite(year) ? year : null, typeUri: entity.type.uri, accessUri: entity.accessRight?.uri ?? null,
          language: entity.languages[0] ?? null, institution, sources, fordArea: entity.ford[0] ? `${entity.ford[0].code.slice(0, 1)}.00.00` : null,
          hasDoi: entity.identifiers.some((i) => i.type === 'doi') ? 1 : 0,
        },
        text: {
          title: entity.titles.map((t) => t.value).join(' '),
          body: [...entity.abstracts.map((a) => a.value), ...entity.keywords.map((k) => k.value), ...entity.creators.map((p) => p.name), entity.publisher ?? ''].join(' '),
        },
      }
    }
    case 'dmp':
      return { values: { ...empty.values, title: entity.title, language: entity.language, institution, sources, year: Number(entity.created.slice(0, 4)) || null }, text: { title: entity.title, body: entity.description ?? '' } }
    case 'project':
      return { values: { ...empty.values, title: entity.titles[0]?.value ?? null, institution, sources, year: entity.start ? Number(entity.start.slice(0, 4)) || null : null }, text: { title: entity.titles.map((t) => t.value).join(' '), body: [entity.acronym ?? '', ...entity.awardNumbers].join(' ') } }
    case 'funding':
      return { values: { ...empty.values, title: entity.title?.[0]?.value ?? entity.awardNumber ?? null, institution, sources }, text: { title: entity.title?.map((t) => t.value).join(' ') ?? '', body: entity.awardNumber ?? '' } }
    case 'person':
      return { values: { ...empty.values, title: entity.name, institution, sources }, text: { title: entity.name, body: (entity.affiliations ?? []).join(' ') } }
    case 'organisation':
      return { values: { ...empty.values, title: entity.name, institution, sources }, text: { title: entity.name, body: entity.acronym ?? '' } }
    case 'equipment':
      return { values: { ...empty.values, title: entity.name[0]?.value ?? null, institution, sources }, text: { title: entity.name.map((n) => n.value).join(' '), body: '' } }
  }
}
