// Which records the presence rules concern: research outputs, theses (ALICIA's TESIS scope), theses with RENATI data.
import type { Entity, ResearchOutput } from '../../model/index.ts'

// COAR thesis (c_46ec) and its narrower bachelor (c_7a1f), master (c_bdcc) and doctoral (c_db06) thesis.
const THESIS_TYPES = new Set(['c_46ec', 'c_7a1f', 'c_bdcc', 'c_db06'].map((id) => `http://purl.org/coar/resource_type/${id}`))

// DSpace's oai_dc crosswalk writes only dc.* (renati.* and thesis.* are dropped, dc.contributor.advisor loses its
// role), and OpenAIRE v4 has no RENATI elements: a copy in these formats cannot show them, whatever the repository filled.
const FORMATS_WITHOUT_RENATI = new Set(['oai_dc', 'oai_openaire'])

/** ALICIA 2.1 and OpenAIRE v4 describe repository items: maDMPs and CRIS projects, persons, organisations are not judged here. */
export function isResearchOutput(entity: Entity): entity is ResearchOutput {
  return entity.kind === 'research-output'
}

/**
 * ALICIA 2.1's scope TESIS, "trabajos de investigación conducentes a grados o títulos": a COAR thesis type, or a
 * record that carries RENATI data (renati.level on a work typed otherwise still leads to a degree).
 */
export function isThesis(entity: Entity): entity is ResearchOutput {
  return entity.kind === 'research-output' && ((entity.type.uri !== null && THESIS_TYPES.has(entity.type.uri)) || entity.thesis !== null)
}

/** A thesis whose copy came in a format that carries renati.*, thesis.* and the advisor's role (xoai, dim, PerúCRIS CERIF). */
export function isThesisWithRenati(entity: Entity): entity is ResearchOutput {
  if (!isThesis(entity)) return false
  return entity.provenance.length === 0 || entity.provenance.some((p) => !FORMATS_WITHOUT_RENATI.has(p.metadataPrefix))
}
