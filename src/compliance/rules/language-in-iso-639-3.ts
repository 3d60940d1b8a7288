// ALICIA 2.1 dc.language.iso is filled "conforme al vocabulario", and LA Referencia's validator asks for ISO 639-3
// (anchors-mission §2.5): a language written as free text or an unknown code cannot be searched or faceted.
import { language } from '../../vocab/index.ts'
import { defineRule, type RuleHit } from '../types.ts'
import { hitAt, issuesOf } from './quality-issues.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

// oai_dc and oai_openaire: "not a language we can map to ISO 639-3" at /languages; DSpace: "language not recognised".
const UNREAD_LANGUAGE = { path: /^(?:\/languages|dc\.language(?:\.iso)?)$/i, message: /ISO 639|language not recognised/i }

export default defineRule({
  id: 'language-in-iso-639-3',
  severity: 'warning',
  sets: ['vocabulary'],
  references: [{ kind: 'alicia', element: 'dc.language.iso' }, { kind: 'vocabulary', vocabulary: 'ISO 639-3' }],
  message: {
    es: 'Un valor de dc.language.iso no es un idioma ISO 639-3 reconocible.',
    en: 'A dc.language.iso value is not a recognisable ISO 639-3 language.',
  },
  fix: {
    es: 'Escriba en dc.language.iso el código ISO 639-3 del idioma, p. ej. «spa» en lugar de «Castellano (Perú)» o «que» para quechua.',
    en: 'Write the ISO 639-3 code of the language in dc.language.iso, e.g. "spa" instead of "Castellano (Perú)", or "que" for Quechua.',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    // With no readable language, language-missing reports the element with these values.
    const hits: RuleHit[] = record.languages.length === 0 ? [] : hitAt('/languages', issuesOf(issues, UNREAD_LANGUAGE))
    record.languages.forEach((code, i) => {
      if (language(code) !== code) hits.push({ path: `/languages/${i}`, values: [code] })
    })
    return hits
  }),
})
