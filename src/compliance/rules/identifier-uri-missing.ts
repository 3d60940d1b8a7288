// ALICIA 2.1 dc.identifier.uri is mandatory for institutional, thesis and data repositories: a Handle (or the item's
// page) that resolves to the item, so that ALICIA can link back to it. An unconfigured Handle prefix is a value
// problem, judged by the identifier rules, not here.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

export default defineRule({
  id: 'identifier-uri-missing',
  severity: 'error',
  sets: ['alicia'],
  references: [{ kind: 'alicia', element: 'dc.identifier.uri' }],
  message: {
    es: 'El registro no tiene la URI del ítem (dc.identifier.uri): ni un Handle ni una página del registro que lleve a él.',
    en: 'The record has no item URI (dc.identifier.uri): neither a Handle nor a landing page that leads to it.',
  },
  fix: {
    es: 'Asegúrese de que DSpace escriba el Handle del ítem en dc.identifier.uri, p. ej. «https://hdl.handle.net/20.500.12759/46651»; una revista puede usar la URL de la página del artículo.',
    en: 'Make sure DSpace writes the item\'s Handle into dc.identifier.uri, e.g. "https://hdl.handle.net/20.500.12759/46651"; a journal may use the URL of the article\'s page.',
  },
  appliesTo: isResearchOutput,
  check: (entity) => {
    if (!isResearchOutput(entity)) return []
    if (entity.landingPage || entity.identifiers.some((i) => i.type === 'handle')) return []
    return [{ path: '/landingPage', values: [] }]
  },
})
