// DSpace's XOAI item format (metadataPrefix `xoai`): the nested element tree, flattened into the DSpace core.
import { dspaceFormat, type DspaceBitstream, type DspaceField, type DspaceRecord } from './dspace-fields.ts'
import { children, type XmlElement } from './shared/xml-tree.ts'

const XOAI_NS = 'http://www.lyncode.com/xoai'

// dspace-oai ItemUtils.retrieveMetadata writes the metadata schemas, then these three (and `license`, the
// base64 deposit licence). LA Referencia's internal xoai (real Algarve and Udelar records) has none of them.
const DSPACE_PARTS = new Set(['bundles', 'others', 'repository', 'license'])

export const dspaceXoai = dspaceFormat({
  id: 'xoai',
  description: 'DSpace XOAI (nested element/field tree, with RENATI and thesis schemas, bundles and bitstreams)',
  article: 'an',
  label: 'xoai',
  isRoot: (root) => root.name === 'metadata' && (root.ns === XOAI_NS || root.ns === ''),
  flatten: (root) => flattenXoai(root),
})

export function flattenXoai(root: XmlElement): DspaceRecord {
  const top = children(root, 'element')
  const dspaceShape = top.some((e) => DSPACE_PARTS.has(e.attrs.name ?? ''))
  const record: DspaceRecord = { fields: [], bitstreams: [] }
  const walk = dspaceShape ? (element: XmlElement) => walkDspace(element, [], record.fields) : laReferenciaWalker(record.fields)
  for (const element of top) {
    switch (element.attrs.name) {
      case 'bundles':
        record.bitstreams!.push(...readBundles(element))
        break
      case 'others': {
        const handle = fieldText(element, 'handle')
        if (handle) record.handle = handle
        break
      }
      case 'repository':
      case 'license':
        break
      default:
        walk(element)
    }
  }
  return record
}

/**
 * DSpace nests schema → element → [qualifier] → language, and the language element ("none" when there is
 * none) holds the `value` fields, each followed by its `authority` and `confidence`.
 */
function walkDspace(element: XmlElement, path: string[], out: DspaceField[]): void {
  const name = element.attrs.name ?? ''
  const fields = children(element, 'field')
  if (fields.some((f) => f.attrs.name === 'value')) {
    const parts = path.filter((p) => p !== 'none')
    // ItemUtils also copies each language element to the top level "for backward compatibility": no name, skipped.
    if (parts.length > 0) {
      const qualified = parts.join('.')
      let last: DspaceField | undefined
      for (const f of fields) {
        if (f.attrs.name === 'value') {
          last = { element: qualified, value: f.text, ...(name && name !== 'none' && name !== '*' ? { lang: name } : {}) }
          out.push(last)
        } else if (f.attrs.name === 'authority' && last && f.text.trim()) {
          last.authority = f.text.trim()
        }
      }
    }
  }
  for (const child of children(element, 'element')) {
    // DSpace-CRIS nests the linked entity's own metadata (a Person, an OrgUnit) under `authority`: not this item's.
    if (child.attrs.name === 'authority') continue
    walkDspace(child, [...path, name], out)
  }
}

// Fields of LA Referencia's xoai that are not attributes of the value.
const NOT_ATTRIBUTES = new Set(['value', 'lang', 'authority', 'confidence'])

/**
 * LA Referencia's own xoai has no language level: the element holding the values is the last part of the name,
 * the language is a `lang` field beside the value, and the DataCite/OpenAIRE attributes are fields beside it too
 * (real Algarve record: `<element name="rights"><field name="rightsURI">…c_abf2</field><field name="value">open
 * access</field>`), or on an enclosing element (`contributorType` on `contributor`, around `contributorName`).
 * Each element instance gets a number, so that the values of one creator or one fundingReference stay together.
 */
function laReferenciaWalker(out: DspaceField[]): (element: XmlElement) => void {
  let next = 0
  const walk = (element: XmlElement, path: string[], inherited: Record<string, string>, group: number): void => {
    const name = element.attrs.name ?? ''
    const id = next++
    const fields = children(element, 'field')
    const attributes = { ...inherited }
    for (const f of fields) {
      const key = f.attrs.name ?? ''
      if (!NOT_ATTRIBUTES.has(key) && f.text.trim()) attributes[key] = f.text.trim()
    }
    const parts = [...path, name].filter((p) => p && p !== 'none')
    if (parts.length > 0) {
      const lang = fields.find((f) => f.attrs.name === 'lang')?.text.trim()
      for (const f of fields.filter((v) => v.attrs.name === 'value')) {
        out.push({
          element: parts.join('.'), value: f.text, group,
          ...(lang && lang !== 'none' && lang !== '*' ? { lang } : {}),
          ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
        })
      }
    }
    for (const child of children(element, 'element')) walk(child, [...path, name], attributes, id)
  }
  return (element) => walk(element, [], {}, -1)
}

function readBundles(bundles: XmlElement): DspaceBitstream[] {
  const out: DspaceBitstream[] = []
  for (const bundle of children(bundles, 'element').filter((e) => e.attrs.name === 'bundle')) {
    const bundleName = fieldText(bundle, 'name') ?? ''
    for (const list of children(bundle, 'element').filter((e) => e.attrs.name === 'bitstreams')) {
      for (const bitstream of children(list, 'element').filter((e) => e.attrs.name === 'bitstream')) {
        const size = Number(fieldText(bitstream, 'size'))
        const name = fieldText(bitstream, 'name')
        const mimeType = fieldText(bitstream, 'format')
        const access = fieldText(bitstream, 'drm')
        out.push({
          bundle: bundleName, url: fieldText(bitstream, 'url') ?? '',
          ...(name ? { name } : {}), ...(mimeType ? { mimeType } : {}),
          ...(Number.isFinite(size) && size >= 0 && fieldText(bitstream, 'size') ? { size } : {}),
          ...(access ? { access } : {}),
        })
      }
    }
  }
  return out
}

function fieldText(element: XmlElement, name: string): string | undefined {
  const text = children(element, 'field').find((f) => f.attrs.name === name)?.text.trim()
  return text || undefined
}
