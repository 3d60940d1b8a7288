// The oai_cerif_openaire input format: the OpenAIRE Guidelines for CRIS Managers' CERIF XML profile (research note §4.3).
import { cerifFormat } from './cerif-core.ts'

export const oaiCerifOpenaire = cerifFormat({
  id: 'oai_cerif_openaire',
  description: 'OpenAIRE CRIS CERIF XML profile 1.1/1.2 (Publication, Product, Patent, Person, OrgUnit, Project, Funding, Equipment)',
  // DSpace-CRIS's openairecris context serves 1.1 (research note §5.2); the guidelines' current schema is 1.2 (§4.3).
  namespaces: ['https://www.openaire.eu/cerif-profile/1.1/', 'https://www.openaire.eu/cerif-profile/1.2/'],
})
