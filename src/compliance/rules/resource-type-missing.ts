// ALICIA 2.1 dc.type and OpenAIRE v4 oaire:resourceType (a COAR URI) are mandatory for every record: the type decides
// which other elements apply (RENATI for theses, ISSN for articles) and LA Referencia rejects a record without one.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

export default defineRule({
  id: 'resource-type-missing',
  severity: 'error',
  sets: ['alicia', 'openaire'],
  references: [{ kind: 'alicia', element: 'dc.type' }, { kind: 'openaire', field: 'oaire:resourceType' }],
  message: {
    es: 'El registro no tiene tipo de recurso (dc.type), o su valor no es un término de los vocabularios info:eu-repo ni COAR.',
    en: 'The record has no resource type (dc.type), or its value is not a term of the info:eu-repo or COAR vocabularies.',
  },
  fix: {
    es: 'Llene dc.type con el término del vocabulario, p. ej. «info:eu-repo/semantics/bachelorThesis» (COAR «http://purl.org/coar/resource_type/c_7a1f») para una tesis de licenciatura o «info:eu-repo/semantics/article» para un artículo.',
    en: 'Fill dc.type with the vocabulary term, e.g. "info:eu-repo/semantics/bachelorThesis" (COAR "http://purl.org/coar/resource_type/c_7a1f") for a bachelor thesis or "info:eu-repo/semantics/article" for an article.',
  },
  appliesTo: isResearchOutput,
  // The model keeps what the source wrote (type.original), so the values a manager must correct are shown.
  check: (entity) =>
    isResearchOutput(entity) && entity.type.uri === null ? [{ path: '/type', values: [...entity.type.original] }] : [],
})
