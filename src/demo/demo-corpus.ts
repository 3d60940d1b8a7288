// The demo sources: which folders of data/demo are served as repositories, under which ids, names and formats.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadReplayRepository, type BareRecordHeader } from './load-replay-repository.ts'
import type { ReplayRepository } from './replay-repository.ts'

export interface DemoSource {
  id: string
  name: string
  institution?: string
  metadataPrefix: string
  /** Shared by the entries of one folder: one server per repository, one source per format. */
  repository: ReplayRepository
}

interface DemoFolder {
  folder: string
  repositoryName?: string
  /** Headers for bare records, which carry no OAI header of their own (data/demo/PROVENANCE.md says where each comes from). */
  headers?: Record<string, BareRecordHeader>
  sources: Omit<DemoSource, 'repository'>[]
}

const demoFolders: DemoFolder[] = [
  {
    folder: 'conicet',
    sources: [{
      id: 'demo-conicet-digital-oai-dc',
      name: 'CONICET Digital',
      institution: 'Consejo Nacional de Investigaciones Científicas y Técnicas (CONICET), Argentina',
      metadataPrefix: 'oai_dc',
    }],
  },
  {
    folder: 'perucris',
    sources: [{
      id: 'demo-perucris-example-cerif-perucris',
      name: 'PerúCRIS guidelines example CRIS',
      institution: 'Consejo Nacional de Ciencia, Tecnología e Innovación Tecnológica (CONCYTEC)',
      metadataPrefix: 'cerif_perucris',
    }],
  },
  {
    folder: 'lareferencia',
    repositoryName: 'LA Referencia xoai records (examples kept by LA Referencia)',
    headers: {
      // The record's own alternateIdentifier of type OAI, and its Available date.
      'lareferencia-colibri-udelar-uy-datacite-xoai.xml': { identifier: 'oai:colibri.udelar.edu.uy:20.500.12008/10877', datestamp: '2018-01-03T18:33:30Z' },
      // Built from the record's handle 10400.1/760 as Sapientia's DSpace names items; its Available date.
      'lareferencia-testres-ualg-algarve-xoai.xml': { identifier: 'oai:sapientia.ualg.pt:10400.1/760', datestamp: '2011-09-07T16:05:30Z' },
    },
    sources: [{ id: 'demo-lareferencia-examples-xoai', name: 'LA Referencia xoai examples', institution: 'LA Referencia', metadataPrefix: 'xoai' }],
  },
  {
    folder: 'openaire',
    repositoryName: 'OpenAIRE Literature Guidelines v4 sample',
    headers: {
      // A guideline sample has no OAI identity: ours, under a reserved-looking name, dated by its last upstream change.
      'openaire-guidelines-sample-journalarticle-oai_openaire.xml': { identifier: 'oai:redcti.demo:openaire/sample_journalarticle1', datestamp: '2021-08-30T00:00:00Z' },
    },
    sources: [{ id: 'demo-openaire-sample-oai-openaire', name: 'OpenAIRE guidelines sample', institution: 'OpenAIRE', metadataPrefix: 'oai_openaire' }],
  },
]

const defaultDir = fileURLToPath(new URL('../../data/demo', import.meta.url))

/** One entry per demo source. Accepts data/demo or its parent data/ (the CLI knows the data folder). */
export function loadDemoRepositories(dir: string = defaultDir): DemoSource[] {
  const root = !existsSync(join(dir, demoFolders[0]!.folder)) && existsSync(join(dir, 'demo')) ? join(dir, 'demo') : dir
  return demoFolders.flatMap(({ folder, repositoryName, headers, sources }) => {
    const repository = loadReplayRepository(join(root, folder), {
      ...(repositoryName ? { repositoryName } : {}),
      ...(headers ? { headers } : {}),
    })
    return sources.map((source) => ({ ...source, repository }))
  })
}
