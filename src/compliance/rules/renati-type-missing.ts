// ALICIA 2.1 renati.type is mandatory for theses: RENATI tells a thesis from a trabajo de investigación, de suficiencia
// profesional or académico (SUNEDU's kinds of work).
import { defineRule } from '../types.ts'
import { isThesisWithRenati } from './record-scope.ts'

export default defineRule({
  id: 'renati-type-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'renati', element: 'renati.type' }],
  message: {
    es: 'La tesis no indica el tipo de trabajo RENATI (renati.type), o el valor no es del vocabulario.',
    en: 'The thesis does not state the RENATI kind of work (renati.type), or the value is not in the vocabulary.',
  },
  fix: {
    es: 'Llene renati.type con la URI del vocabulario, p. ej. «https://purl.org/pe-repo/renati/type#tesis» (o #trabajoDeInvestigacion, #trabajoDeSuficienciaProfesional, #trabajoAcademico).',
    en: 'Fill renati.type with the vocabulary URI, e.g. "https://purl.org/pe-repo/renati/type#tesis" (or #trabajoDeInvestigacion, #trabajoDeSuficienciaProfesional, #trabajoAcademico).',
  },
  appliesTo: isThesisWithRenati,
  check: (entity, { issues }) => {
    if (!isThesisWithRenati(entity) || entity.thesis?.renatiType) return []
    const unread = issues.filter((i) => i.value && /^renati\.type$/i.test(i.path)).map((i) => i.value!)
    return [{ path: '/thesis/renatiType', values: [...new Set(unread)] }]
  },
})
