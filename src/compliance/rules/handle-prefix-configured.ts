// DSpace ships handle.cfg with the prefix 123456789 until the repository registers its own: such Handles resolve
// nowhere, and LA Referencia's validator rejects a dc:identifier on hdl.handle.net/123456789 (anchors-mission §2.5).
import { UNCONFIGURED_HANDLE_PREFIX } from '../../normalize/shared/identifiers.ts'
import { defineRule, type RuleHit } from '../types.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

export default defineRule({
  id: 'handle-prefix-configured',
  severity: 'error',
  sets: ['identifiers'],
  references: [{ kind: 'alicia', element: 'dc.identifier.uri' }, { kind: 'identifier', scheme: 'Handle' }],
  message: {
    es: 'El Handle del registro usa el prefijo 123456789 que DSpace trae por defecto: no resuelve y LA Referencia (y con ella ALICIA) rechaza el registro.',
    en: 'The record\'s Handle uses DSpace\'s default prefix 123456789: it does not resolve and LA Referencia (and ALICIA with it) rejects the record.',
  },
  fix: {
    es: 'Obtenga un prefijo del Handle.Net Registry, configúrelo en DSpace (handle.prefix en local.cfg) y cambie los Handles ya asignados (dspace update-handle-prefix 123456789 <prefijo>), de modo que dc.identifier.uri quede p. ej. «https://hdl.handle.net/20.500.12759/1234» en lugar de «http://hdl.handle.net/123456789/1234».',
    en: 'Obtain a prefix from the Handle.Net Registry, set it in DSpace (handle.prefix in local.cfg) and change the Handles already assigned (dspace update-handle-prefix 123456789 <prefix>), so that dc.identifier.uri reads e.g. "https://hdl.handle.net/20.500.12759/1234" instead of "http://hdl.handle.net/123456789/1234".',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record) => {
    const hits: RuleHit[] = []
    record.identifiers.forEach((id, i) => {
      if (id.type === 'handle' && id.value.startsWith(`${UNCONFIGURED_HANDLE_PREFIX}/`)) hits.push({ path: `/identifiers/${i}`, values: [id.value] })
    })
    return hits
  }),
})
