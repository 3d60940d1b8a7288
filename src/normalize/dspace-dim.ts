// DSpace Intermediate Metadata (metadataPrefix `dim`): one <dim:field> per value, flattened into the DSpace core.
import type { MappingResult } from '../model/index.ts'
import type { InputFormat, RawInput } from './types.ts'
import { mapDspaceFields, type DspaceField, type DspaceRecord } from './dspace-fields.ts'
import { children, parseXml, XmlError, type XmlElement } from './shared/xml-tree.ts'

const DIM_NS = 'http://www.dspace.org/xmlns/dspace/dim'

export const dspaceDim: InputFormat = {
  id: 'dim',
  description: 'DSpace Intermediate Metadata (dim:field with mdschema, element, qualifier, lang, authority)',
  map(input: RawInput): MappingResult {
    let root: XmlElement
    try {
      root = parseXml(input.metadata)
    } catch (error) {
      if (error instanceof XmlError) return { ok: false, error: `malformed XML: ${error.message}` }
      throw error
    }
    if (root.name !== 'dim' || root.ns !== DIM_NS) return { ok: false, error: `not a dim record: the root element is <${root.qname}>` }
    const record = flattenDim(root)
    if (record.fields.length === 0) return { ok: false, error: 'the dim record holds no metadata fields' }
    const { metadata: _raw, ...context } = input
    return mapDspaceFields(record, context)
  },
}

export function flattenDim(root: XmlElement): DspaceRecord {
  const fields: DspaceField[] = []
  for (const field of children(root, 'field', DIM_NS)) {
    const { mdschema, element, qualifier, lang, authority } = field.attrs
    // DSpace's dim.xsl leaves out `qualifier` and `lang` when there is none; older copies write them empty or "none".
    const name = [mdschema, element, qualifier].filter((part) => part && part !== 'none').join('.')
    if (!name) continue
    fields.push({
      element: name, value: field.text,
      ...(lang && lang !== 'none' && lang !== '*' ? { lang } : {}),
      ...(authority?.trim() ? { authority: authority.trim() } : {}),
    })
  }
  return { fields }
}
