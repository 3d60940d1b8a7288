// DSpace Intermediate Metadata (metadataPrefix `dim`): one <dim:field> per value, flattened into the DSpace core.
import { dspaceFormat, type DspaceField, type DspaceRecord } from './dspace-fields.ts'
import { children, type XmlElement } from './shared/xml-tree.ts'

const DIM_NS = 'http://www.dspace.org/xmlns/dspace/dim'

export const dspaceDim = dspaceFormat({
  id: 'dim',
  description: 'DSpace Intermediate Metadata (dim:field with mdschema, element, qualifier, lang, authority)',
  article: 'a',
  label: 'dim',
  isRoot: (root) => root.name === 'dim' && root.ns === DIM_NS,
  flatten: (root) => flattenDim(root),
})

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
