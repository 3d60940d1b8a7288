// OpenAIRE v4 Resource Identifier (datacite:identifier) is mandatory: one identifier of type ARK, DOI, Handle, IGSN,
// PURL, URL or URN that points to the resource. An ISSN, ISBN or local number identifies something else.
import type { IdentifierType } from '../../model/index.ts'
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

// PURL and IGSN have no type of their own in the model: a PURL is a `url`, an IGSN would be `other` and is not accepted.
const RESOLVABLE = new Set<IdentifierType>(['ark', 'doi', 'handle', 'url', 'urn'])

export default defineRule({
  id: 'resource-identifier-missing',
  severity: 'error',
  sets: ['openaire'],
  references: [{ kind: 'openaire', field: 'datacite:identifier' }],
  message: {
    es: 'El registro no tiene un identificador del recurso que OpenAIRE acepte (Handle, DOI, URL, URN, ARK o PURL).',
    en: 'The record has no resource identifier OpenAIRE accepts (Handle, DOI, URL, URN, ARK or PURL).',
  },
  fix: {
    es: 'Asegúrese de que el ítem tenga su Handle en dc.identifier.uri, p. ej. «https://hdl.handle.net/20.500.12404/21011», o su DOI en dc.identifier.doi; DSpace lo expone como datacite:identifier.',
    en: 'Make sure the item has its Handle in dc.identifier.uri, e.g. "https://hdl.handle.net/20.500.12404/21011", or its DOI in dc.identifier.doi; DSpace exposes it as datacite:identifier.',
  },
  appliesTo: isResearchOutput,
  // The identifiers the record has instead (ISSN, ISBN, local numbers) are reported, so the manager sees why none counts.
  check: (entity) => {
    if (!isResearchOutput(entity)) return []
    if (entity.landingPage || entity.identifiers.some((i) => RESOLVABLE.has(i.type))) return []
    return [{ path: '/identifiers', values: entity.identifiers.map((i) => i.value) }]
  },
})
