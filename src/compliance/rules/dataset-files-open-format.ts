// Art. 39.5: entities whose research is publicly funded make its data public "en formato abierto"; art. 40.3: they
// publish data "en formatos abiertos". A spreadsheet or a statistics package's file needs that vendor's software to read.
import { classifyFormat } from '../open-formats.ts'
import { defineRule, type RuleHit } from '../types.ts'
import { shownValues } from './quality-issues.ts'
import { isDataset, onResearchOutputs } from './quality-scope.ts'

export default defineRule({
  id: 'dataset-files-open-format',
  severity: 'warning',
  sets: ['open-data'],
  references: [{ kind: 'article', article: '39.5' }, { kind: 'article', article: '40.3' }, { kind: 'openaire', field: 'oaire:file (mimeType)' }],
  message: {
    es: 'Un archivo del conjunto de datos está en un formato propietario (p. ej. XLSX, SAV, DTA, MAT): los arts. 39.5 y 40.3 del D.S. 062-2024-PCM piden los datos en formato abierto.',
    en: 'A file of the dataset is in a proprietary format (e.g. XLSX, SAV, DTA, MAT): arts. 39.5 and 40.3 of D.S. 062-2024-PCM ask for the data in open formats.',
  },
  fix: {
    es: 'Deposite el archivo también (o solo) en un formato abierto en el bundle ORIGINAL del ítem, p. ej. «datos.csv» (dc:format «text/csv») u ODS en lugar de «datos.xlsx», o CSV con su libro de códigos en lugar de «encuesta.sav».',
    en: 'Deposit the file also (or only) in an open format in the item\'s ORIGINAL bundle, e.g. "datos.csv" (dc:format "text/csv") or ODS instead of "datos.xlsx", or CSV with its codebook instead of "encuesta.sav".',
  },
  appliesTo: isDataset,
  check: onResearchOutputs((record) => {
    if (!isDataset(record)) return []
    const hits: RuleHit[] = []
    record.files.forEach((file, i) => {
      if (classifyFormat(file) === 'proprietary') hits.push({ path: `/files/${i}`, values: shownValues([file.name ?? file.url, file.mimeType]) })
    })
    return hits
  }),
})
