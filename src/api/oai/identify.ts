// The Identify response of /oai: who we are, since when, how we delete, and our oai-identifier scheme (Spec §4.2).
import { xmlText } from '../../publish/xml-text.ts'

export interface IdentifyFacts {
  repositoryName: string
  baseUrl: string
  adminEmails: readonly string[]
  earliestDatestamp: string
  repositoryIdentifier: string
  sampleId: string
  compression: readonly string[]
}

const OAI_IDENTIFIER = 'http://www.openarchives.org/OAI/2.0/oai-identifier'

export function identifyXml(facts: IdentifyFacts): string {
  let xml = `<repositoryName>${xmlText(facts.repositoryName)}</repositoryName>\n<baseURL>${xmlText(facts.baseUrl)}</baseURL>\n`
  xml += '<protocolVersion>2.0</protocolVersion>\n'
  for (const email of facts.adminEmails) xml += `<adminEmail>${xmlText(email)}</adminEmail>\n`
  xml += `<earliestDatestamp>${facts.earliestDatestamp}</earliestDatestamp>\n`
  // persistent: deletions propagate downstream (anchors-harvest §3.G check 59; PerúCRIS's sample says `no`,
  // which would hide every withdrawn or disabled record from the aggregators that harvest us).
  xml += '<deletedRecord>persistent</deletedRecord>\n<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>\n'
  // §4.2: no compression element for identity.
  for (const encoding of facts.compression) xml += `<compression>${xmlText(encoding)}</compression>\n`
  xml += `<description><oai-identifier xmlns="${OAI_IDENTIFIER}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
    + ` xsi:schemaLocation="${OAI_IDENTIFIER} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">`
    + `<scheme>oai</scheme><repositoryIdentifier>${xmlText(facts.repositoryIdentifier)}</repositoryIdentifier>`
    + `<delimiter>:</delimiter><sampleIdentifier>oai:${xmlText(facts.repositoryIdentifier)}:${xmlText(facts.sampleId)}</sampleIdentifier>`
    + '</oai-identifier></description>\n'
  return xml
}
