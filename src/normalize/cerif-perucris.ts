// The cerif_perucris input format: CONCYTEC's PerúCRIS CERIF XML profile 1.0 (research/anchors-mission.md §5.1).
import { cerifFormat } from './cerif-core.ts'

export const cerifPerucris = cerifFormat({
  id: 'cerif_perucris',
  description: 'PerúCRIS CERIF XML profile 1.0 (Publication, Product, Patent, Person, OrgUnit, Project, Funding, Equipment)',
  // perucris_oaipmh_ejemplo_ListMetadataFormats.xml: metadataNamespace https://purl.org/pe-repo/cerif-profile/1.0/
  namespaces: ['https://purl.org/pe-repo/cerif-profile/1.0/'],
})
