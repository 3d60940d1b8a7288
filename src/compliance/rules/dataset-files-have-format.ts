// Art. 40.3 asks for data "en formatos abiertos"; a file whose format cannot be told (no MIME type, no known extension,
// or DSpace's application/octet-stream for "Unknown") cannot be shown to be open. Info: the file may well be open.
import { classifyFormat } from '../open-formats.ts'
import { defineRule, type RuleHit } from '../types.ts'
import { shownValues } from './quality-issues.ts'
import { isDataset, onResearchOutputs } from './quality-scope.ts'

const NO_FORMAT = /^application\/octet-stream$/i

export default defineRule({
  id: 'dataset-files-have-format',
  severity: 'info',
  sets: ['open-data'],
  references: [{ kind: 'article', article: '40.3' }, { kind: 'openaire', field: 'oaire:file (mimeType)' }],
  message: {
    es: 'Un archivo del conjunto de datos no declara su formato (ni tipo MIME ni una extensión conocida): no se puede comprobar que sea abierto.',
    en: 'A file of the dataset does not state its format (neither a MIME type nor a known extension): it cannot be checked to be open.',
  },
  fix: {
    es: 'En DSpace asigne al archivo su formato (el formato del bitstream, que OAI expone en dc:format, p. ej. «text/csv») en lugar de «Unknown», y nómbrelo con su extensión, p. ej. «caudales-2019-2022.csv».',
    en: 'In DSpace give the file its format (the bitstream format, which OAI exposes in dc:format, e.g. "text/csv") instead of "Unknown", and name the file with its extension, e.g. "caudales-2019-2022.csv".',
  },
  appliesTo: isDataset,
  check: onResearchOutputs((record) => {
    if (!isDataset(record)) return []
    const hits: RuleHit[] = []
    record.files.forEach((file, i) => {
      const unstated = !file.mimeType || NO_FORMAT.test(file.mimeType.trim())
      if (unstated && classifyFormat({ ...(file.name ? { name: file.name } : {}), url: file.url }) === 'unknown') {
        hits.push({ path: `/files/${i}`, values: shownValues([file.name ?? file.url, file.mimeType]) })
      }
    })
    return hits
  }),
})
