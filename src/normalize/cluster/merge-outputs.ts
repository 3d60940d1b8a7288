// Merges the copies of one work into the public record: the institutional copy leads, aggregator copies
// (ALICIA) fill gaps, lists are united without repeats, and every copy's provenance is kept. Pure.
import type { ResearchOutput } from '../../model/index.ts'

export interface Copy {
  output: ResearchOutput
  /** Aggregator copies (ALICIA) rank after the repository's own. */
  aggregator: boolean
}

export function mergeOutputs(clusterId: string, copies: Copy[]): ResearchOutput {
  const ranked = [...copies].sort((a, b) =>
    Number(a.aggregator) - Number(b.aggregator)
    || latest(b.output).localeCompare(latest(a.output))
    || a.output.id.localeCompare(b.output.id))
  const outputs = ranked.map((c) => c.output)
  const first = <K extends keyof ResearchOutput>(key: K, has: (v: ResearchOutput[K]) => boolean): ResearchOutput[K] =>
    (outputs.find((o) => has(o[key])) ?? outputs[0]!)[key]
  const nonEmpty = (v: unknown) => Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined
  const union = <T>(pick: (o: ResearchOutput) => T[], key: (t: T) => string): T[] => {
    const seen = new Set<string>()
    const out: T[] = []
    for (const o of outputs) for (const item of pick(o)) {
      const k = key(item)
      if (!seen.has(k)) { seen.add(k); out.push(item) }
    }
    return out
  }
  const merged: ResearchOutput = {
    id: clusterId,
    kind: 'research-output',
    titles: union((o) => o.titles, (t) => `${t.lang ?? ''}|${t.value.toLowerCase()}`),
    // Author lists are not united: name variants would double them. The leading copy's list stands.
    creators: first('creators', nonEmpty),
    contributors: first('contributors', nonEmpty),
    type: first('type', (t) => t.uri !== null),
    accessRight: first('accessRight', nonEmpty),
    embargoEnd: first('embargoEnd', nonEmpty),
    license: first('license', nonEmpty),
    issued: first('issued', nonEmpty),
    languages: union((o) => o.languages, (l) => l),
    keywords: union((o) => o.keywords, (k) => k.value.toLowerCase()),
    ford: union((o) => o.ford, (f) => f.code),
    abstracts: union((o) => o.abstracts, (a) => `${a.lang ?? ''}|${a.value.slice(0, 200).toLowerCase()}`),
    publisher: first('publisher', nonEmpty),
    identifiers: union((o) => o.identifiers, (i) => `${i.type}|${i.value}`),
    landingPage: first('landingPage', nonEmpty),
    files: union((o) => o.files, (f) => f.url),
    funding: union((o) => o.funding, (f) => `${f.funder ?? ''}|${f.awardNumber ?? ''}|${f.programme ?? ''}`),
    thesis: first('thesis', nonEmpty),
    relations: union((o) => o.relations, (r) => `${r.type}|${r.target}`),
    provenance: union((o) => o.provenance, (p) => `${p.sourceId}|${p.oaiIdentifier}`),
  }
  const version = first('version', nonEmpty)
  if (version) merged.version = version
  const reason = first('accessReason', nonEmpty)
  if (reason) merged.accessReason = reason
  const country = first('publisherCountry', nonEmpty)
  if (country) merged.publisherCountry = country
  return merged
}

function latest(output: ResearchOutput): string {
  return output.provenance.reduce((max, p) => (p.datestamp > max ? p.datestamp : max), '')
}
