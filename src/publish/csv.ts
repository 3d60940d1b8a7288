// CSV: one row per entity, one column per field a spreadsheet user filters on; repeated values joined with " | ".
// Columns depend on the kind (an output has a type and access right, a project has dates and funders).
import { stringify } from 'csv-stringify/sync'
import type { Entity } from '../model/index.ts'
import type { Exporter } from './types.ts'

type Kind = Entity['kind']
type Of<K extends Kind> = Extract<Entity, { kind: K }>
type Column = [name: string, value: (entity: Entity) => unknown]

/** Repeated values in one cell; the findings CSV uses the same separator. */
export const SEPARATOR = ' | '

const join = (values: (string | undefined | null)[]) => values.filter((v): v is string => Boolean(v)).join(SEPARATOR)

/** A column that reads one kind; empty for the others (a mixed stream keeps the first entity's columns). */
function col<K extends Kind>(kind: K, name: string, value: (e: Of<K>) => unknown): Column {
  return [name, (e) => (e.kind === kind ? value(e as Of<K>) : '')]
}

const common = {
  id: ['id', (e) => e.id] as Column,
  sources: ['sources', (e) => join([...new Set(e.provenance.map((p) => p.sourceId))])] as Column,
  oaiIdentifiers: ['oai_identifiers', (e) => join(e.provenance.map((p) => p.oaiIdentifier))] as Column,
}

const ro = <T>(name: string, value: (e: Of<'research-output'>) => T) => col('research-output', name, value)
const idOf = (e: Of<'research-output'>, type: string) => join(e.identifiers.filter((i) => i.type === type).map((i) => i.value))

export const COLUMNS: Record<Kind, Column[]> = {
  'research-output': [
    common.id,
    ro('title', (e) => e.titles[0]?.value),
    ro('type', (e) => e.type.label),
    ro('type_uri', (e) => e.type.uri),
    ro('access_right', (e) => e.accessRight?.label),
    ro('access_right_uri', (e) => e.accessRight?.uri),
    ro('embargo_end', (e) => e.embargoEnd),
    ro('license', (e) => e.license?.spdx ?? e.license?.uri),
    ro('issued', (e) => e.issued),
    ro('languages', (e) => join(e.languages)),
    ro('creators', (e) => join(e.creators.map((p) => p.name))),
    ro('creator_orcids', (e) => join(e.creators.map((p) => p.orcid))),
    ro('advisors', (e) => join(e.contributors.filter((c) => c.role === 'advisor').map((p) => p.name))),
    ro('publisher', (e) => e.publisher),
    ro('doi', (e) => idOf(e, 'doi')),
    ro('handle', (e) => idOf(e, 'handle')),
    ro('issn', (e) => idOf(e, 'issn')),
    ro('isbn', (e) => idOf(e, 'isbn')),
    ro('landing_page', (e) => e.landingPage),
    ro('keywords', (e) => join(e.keywords.map((k) => k.value))),
    ro('ford', (e) => join(e.ford.map((f) => f.code))),
    ro('funders', (e) => join(e.funding.map((f) => f.funder))),
    ro('award_numbers', (e) => join(e.funding.map((f) => f.awardNumber))),
    ro('degree', (e) => e.thesis?.degreeName),
    ro('degree_level', (e) => e.thesis?.level?.label),
    ro('degree_grantor', (e) => e.thesis?.grantor),
    ro('files', (e) => join(e.files.map((f) => f.url))),
    ro('abstract', (e) => e.abstracts[0]?.value),
    common.sources,
    common.oaiIdentifiers,
  ],
  dmp: [
    common.id,
    col('dmp', 'title', (e) => e.title),
    col('dmp', 'dmp_id', (e) => e.dmp_id.identifier),
    col('dmp', 'language', (e) => e.language),
    col('dmp', 'created', (e) => e.created),
    col('dmp', 'modified', (e) => e.modified),
    col('dmp', 'contact', (e) => e.contact.name),
    col('dmp', 'contact_orcid', (e) => (e.contact.id?.type === 'orcid' ? e.contact.id.identifier : '')),
    col('dmp', 'ethical_issues', (e) => e.ethical_issues_exist),
    col('dmp', 'projects', (e) => join(e.project.map((p) => p.title))),
    col('dmp', 'grant_ids', (e) => join(e.project.flatMap((p) => (p.funding ?? []).map((f) => f.grant_id?.identifier)))),
    col('dmp', 'funders', (e) => join(e.project.flatMap((p) => (p.funding ?? []).map((f) => f.funder_name ?? f.funder_id?.identifier)))),
    col('dmp', 'datasets', (e) => e.dataset.length),
    col('dmp', 'dataset_titles', (e) => join(e.dataset.map((d) => d.title))),
    col('dmp', 'maDMP_version', (e) => e.sourceVersion),
    common.sources,
    common.oaiIdentifiers,
  ],
  project: [
    common.id,
    col('project', 'title', (e) => e.titles[0]?.value),
    col('project', 'acronym', (e) => e.acronym),
    col('project', 'award_numbers', (e) => join(e.awardNumbers)),
    col('project', 'start', (e) => e.start),
    col('project', 'end', (e) => e.end),
    col('project', 'status', (e) => e.status?.label),
    col('project', 'funders', (e) => join(e.funders.map((f) => f.name))),
    col('project', 'open_access_mandate', (e) => (e.oaMandate ? String(e.oaMandate.mandated) : '')),
    col('project', 'team', (e) => join(e.team.map((t) => t.name))),
    col('project', 'organisations', (e) => join(e.organisations.map((o) => o.name))),
    common.sources,
    common.oaiIdentifiers,
  ],
  funding: [
    common.id,
    col('funding', 'title', (e) => e.title?.[0]?.value),
    col('funding', 'type', (e) => e.type?.label),
    col('funding', 'funder', (e) => e.funder?.name),
    col('funding', 'funder_ids', (e) => join((e.funder?.identifiers ?? []).map((i) => `${i.type}:${i.value}`))),
    col('funding', 'award_number', (e) => e.awardNumber),
    col('funding', 'amount', (e) => e.amount?.value),
    col('funding', 'currency', (e) => e.amount?.currency),
    col('funding', 'open_access_mandate', (e) => (e.oaMandate ? String(e.oaMandate.mandated) : '')),
    col('funding', 'part_of', (e) => e.partOf),
    common.sources,
    common.oaiIdentifiers,
  ],
  person: [
    common.id,
    col('person', 'name', (e) => e.name),
    col('person', 'orcid', (e) => e.orcid),
    col('person', 'affiliations', (e) => join(e.affiliations ?? [])),
    common.sources,
    common.oaiIdentifiers,
  ],
  organisation: [
    common.id,
    col('organisation', 'name', (e) => e.name),
    col('organisation', 'acronym', (e) => e.acronym),
    col('organisation', 'type', (e) => e.type?.label),
    col('organisation', 'identifiers', (e) => join(e.identifiers.map((i) => `${i.type}:${i.value}`))),
    col('organisation', 'parent', (e) => e.parent),
    col('organisation', 'country', (e) => e.country),
    common.sources,
    common.oaiIdentifiers,
  ],
  equipment: [
    common.id,
    col('equipment', 'name', (e) => e.name[0]?.value),
    col('equipment', 'type', (e) => e.type?.label),
    col('equipment', 'owner', (e) => e.owner?.name),
    common.sources,
    common.oaiIdentifiers,
  ],
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : String(value)
}

/** RFC 4180 (csv-stringify quotes what needs quoting), UTF-8 without a byte-order mark, CRLF as the RFC says. */
const line = (cells: string[]) => stringify([cells], { record_delimiter: 'windows' })

/** The CSV of one kind: its header even when there are no rows. */
export function csvOf(kind: Kind): Exporter {
  const columns = COLUMNS[kind]
  return {
    id: 'csv',
    mediaType: 'text/csv; charset=utf-8',
    *serialize(entities) {
      yield line(columns.map(([name]) => name))
      for (const entity of entities) yield line(columns.map(([, value]) => cell(value(entity))))
    },
  }
}

/** Any stream of entities: the columns of the first entity's kind (an empty stream gives research outputs' header). */
export const csv: Exporter = {
  id: 'csv',
  mediaType: 'text/csv; charset=utf-8',
  *serialize(entities) {
    const iterator = entities[Symbol.iterator]()
    const first = iterator.next()
    const kind: Kind = first.done ? 'research-output' : first.value.kind
    yield* csvOf(kind).serialize(first.done ? [] : (function* () { yield first.value; yield* { [Symbol.iterator]: () => iterator } })())
  },
}
