// RENATI (SUNEDU) names the degree a thesis leads to (renati.level) and the kind of work (renati.type) with two closed
// vocabularies; ALICIA 2.1 makes both mandatory for theses. A value off them leaves the degree unregistrable.
import { renatiLevel, renatiType } from '../../vocab/index.ts'
import { defineRule } from '../types.ts'
import { hitAt, issuesOf } from './quality-issues.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

// The DSpace formats report "not a RENATI term" under the field: renati.level (or thesis.degree.level) and renati.type.
const UNREAD_LEVEL = { path: /^(?:renati|thesis\.degree)\.level$/i, message: /not a RENATI term/i }
const UNREAD_TYPE = { path: /^renati\.type$/i, message: /not a RENATI term/i }

export default defineRule({
  id: 'renati-terms-in-vocabulary',
  severity: 'warning',
  sets: ['vocabulary', 'renati'],
  references: [
    { kind: 'renati', element: 'renati.level' },
    { kind: 'renati', element: 'renati.type' },
    { kind: 'vocabulary', vocabulary: 'RENATI level and type (purl.org/pe-repo/renati)' },
  ],
  message: {
    es: 'Un valor de renati.level o renati.type no pertenece a los vocabularios RENATI.',
    en: 'A renati.level or renati.type value does not belong to the RENATI vocabularies.',
  },
  fix: {
    es: 'Use la URI del vocabulario: en renati.level p. ej. «https://purl.org/pe-repo/renati/level#tituloProfesional» (también bachiller, tituloSegundaEspecialidad, maestro, doctor); en renati.type p. ej. «https://purl.org/pe-repo/renati/type#tesis» (también trabajoDeInvestigacion, trabajoDeSuficienciaProfesional, trabajoAcademico).',
    en: 'Use the vocabulary URI: in renati.level e.g. "https://purl.org/pe-repo/renati/level#tituloProfesional" (also bachiller, tituloSegundaEspecialidad, maestro, doctor); in renati.type e.g. "https://purl.org/pe-repo/renati/type#tesis" (also trabajoDeInvestigacion, trabajoDeSuficienciaProfesional, trabajoAcademico).',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    const { level, renatiType: type } = record.thesis ?? {}
    return [
      ...hitAt('/thesis/level', issuesOf(issues, UNREAD_LEVEL), level && !renatiLevel(level.uri) ? [level.uri] : []),
      ...hitAt('/thesis/renatiType', issuesOf(issues, UNREAD_TYPE), type && !renatiType(type.uri) ? [type.uri] : []),
    ]
  }),
})
