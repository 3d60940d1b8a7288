// ALICIA 2.1 renati.level is mandatory for theses: the degree or title the work leads to (bachiller … doctor, Ley 30220).
import { defineRule } from '../types.ts'
import { isThesisWithRenati } from './record-scope.ts'

export default defineRule({
  id: 'renati-level-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'renati', element: 'renati.level' }],
  message: {
    es: 'La tesis no indica el grado o título al que conduce (renati.level), o el valor no es del vocabulario.',
    en: 'The thesis does not state the degree it leads to (renati.level), or the value is not in the vocabulary.',
  },
  fix: {
    es: 'Llene renati.level con la URI del vocabulario, p. ej. «https://purl.org/pe-repo/renati/level#tituloProfesional» (o #bachiller, #tituloSegundaEspecialidad, #maestro, #doctor).',
    en: 'Fill renati.level with the vocabulary URI, e.g. "https://purl.org/pe-repo/renati/level#tituloProfesional" (or #bachiller, #tituloSegundaEspecialidad, #maestro, #doctor).',
  },
  appliesTo: isThesisWithRenati,
  check: (entity, { issues }) => {
    if (!isThesisWithRenati(entity) || entity.thesis?.level) return []
    const unread = issues.filter((i) => i.value && /^(?:renati\.level|thesis\.degree\.level)$/i.test(i.path)).map((i) => i.value!)
    return [{ path: '/thesis/level', values: [...new Set(unread)] }]
  },
})
