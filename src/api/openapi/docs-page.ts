// The /docs page: the OpenAPI document rendered as one readable HTML page, headings in Spanish and English, every
// endpoint with its parameters and example links. Built from the document, so the page and /openapi.json agree.
type Json = Record<string, unknown>

interface Parameter { name: string; in: string; required?: boolean; description?: string; schema?: Json; example?: unknown }

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

export function docsPage(document: Json): string {
  const info = document.info as { title: string; description: string; contact: { email: string } }
  const base = (document.servers as { url: string }[])[0]!.url
  const tags = document.tags as { name: string; 'x-name-es': string; description: string }[]
  const paths = document.paths as Record<string, Record<string, Json>>
  const components = document.components as { parameters: Record<string, Parameter> }
  const resolve = (p: Json): Parameter => (typeof p.$ref === 'string' ? components.parameters[p.$ref.split('/').pop()!]! : (p as unknown as Parameter))

  const operations = (tag: string) => Object.entries(paths).flatMap(([path, item]) => METHODS.filter((m) => item[m] && (item[m]!.tags as string[])[0] === tag).map((m) => ({ path, method: m, op: item[m]! })))
  const sections = tags.map((tag) => {
    const ops = operations(tag.name)
    return `<section id="${anchor(tag.name)}">
<h2>${esc(tag['x-name-es'])} <span class="en" lang="en">/ ${esc(tag.name)}</span></h2>
<p lang="en">${prose(tag.description)}</p>
${ops.map(({ path, method, op }) => operationHtml(base, path, method, op, resolve)).join('\n')}
</section>`
  }).join('\n')

  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)}: documentación / documentation</title>
<link rel="alternate" type="application/json" href="${esc(base)}/openapi.json" title="OpenAPI 3.1">
<link rel="alternate" type="application/ld+json" href="${esc(base)}/catalog.jsonld" title="DCAT-AP 3">
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:62rem;margin:0 auto;padding:1rem 1.5rem;color:#1b1b1b}
h1{margin-bottom:.25rem}h2{border-bottom:2px solid #c8102e;padding-bottom:.2rem;margin-top:2.5rem}
h3{margin:1.5rem 0 .25rem;font-size:1.05rem}.en{color:#555;font-weight:normal}
code{background:#f3f3f3;padding:.05rem .3rem;border-radius:3px;font-size:.92em}
.method{color:#fff;background:#1d5e9c;padding:.1rem .45rem;border-radius:3px;font:600 .8rem monospace;margin-right:.4rem}
.method.post{background:#2e7d32}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.93rem}th,td{text-align:left;border-bottom:1px solid #ddd;padding:.3rem .4rem;vertical-align:top}
nav ul{columns:2}article{border-left:3px solid #eee;padding-left:1rem;margin-bottom:1rem}.status{color:#555;font-size:.9rem}
</style>
</head>
<body>
<header>
<h1>redcti: API de datos abiertos <span class="en" lang="en">/ Open-data API</span></h1>
<p>La producción científica peruana que redcti cosecha de los repositorios institucionales (y de ALICIA) por OAI-PMH, normalizada, deduplicada y verificada, publicada como datos abiertos.</p>
<p lang="en">Peruvian research outputs harvested by redcti from institutional repositories (and ALICIA) over OAI-PMH, normalized, deduplicated and checked, republished as open data.</p>
<p>Descripción completa / Full description: <a href="${esc(base)}/openapi.json"><code>/openapi.json</code></a> (OpenAPI 3.1) · Contacto / Contact: <a href="mailto:${esc(info.contact.email)}">${esc(info.contact.email)}</a></p>
</header>
<nav>
<h2>Contenido <span class="en" lang="en">/ Contents</span></h2>
<ul>
<li><a href="#conventions">Convenciones / Conventions</a></li>
<li><a href="#datasets">Conjuntos de datos / Datasets</a></li>
${tags.map((t) => `<li><a href="#${anchor(t.name)}">${esc(t['x-name-es'])} / ${esc(t.name)}</a></li>`).join('\n')}
</ul>
</nav>
<section id="conventions">
<h2>Convenciones <span class="en" lang="en">/ Conventions</span></h2>
<ul lang="en">
<li><strong>Errores / Errors</strong>: every 4xx is <code>application/problem+json</code> (RFC 9457) and names what was wrong; an unknown or repeated query parameter is a 400 that lists the parameters the route accepts.</li>
<li><strong>Páginas / Paging</strong>: keyset cursors. Start with <code>cursor=*</code> (or nothing), follow <code>meta.next_cursor</code> or the <code>Link: rel="next"</code> header; <code>per_page</code> up to 200.</li>
<li><strong>Cambios / Changes</strong>: <code>since=2024-05-01T00:00:00Z</code> lists what changed after that time, deletions included.</li>
<li><strong>Formatos / Formats</strong>: JSON by default; <code>?format=jsonld</code> (schema.org) or <code>?format=csv</code>, or the <code>Accept</code> header.</li>
<li><strong>Caché / Caching</strong>: <code>ETag</code> and <code>Last-Modified</code> on every GET; send <code>If-None-Match</code> to get a 304.</li>
<li><strong>Límite / Rate limit</strong>: under <code>/api</code>, a per-client budget per minute (429 with <code>Retry-After</code>). For everything at once, use the dumps.</li>
<li><strong>Licencia / Licence</strong>: the metadata aggregate is CC BY 4.0; each work keeps its own licence, stated in its record.</li>
</ul>
</section>
<section id="datasets">
<h2>Conjuntos de datos <span class="en" lang="en">/ Datasets</span></h2>
<p>Lo que publicamos está descrito en un catálogo que la Plataforma Nacional de Datos Abiertos puede cosechar: <a href="${esc(base)}/data.json"><code>/data.json</code></a> (Project Open Data v1.1) y DCAT-AP 3 en <a href="${esc(base)}/catalog.jsonld"><code>/catalog.jsonld</code></a> y <a href="${esc(base)}/catalog.ttl"><code>/catalog.ttl</code></a>.</p>
<p lang="en">One dataset for the whole research-output aggregate, one per institution, one per COAR resource type, one per other collection and one for the indicators; each has gzip-compressed NDJSON and CSV dumps (<a href="${esc(base)}/api/v1/dumps"><code>/api/v1/dumps</code></a> lists them) and a paged API list.</p>
</section>
${sections}
</body>
</html>
`
}

function operationHtml(base: string, path: string, method: string, op: Json, resolve: (p: Json) => Parameter): string {
  const params = ((op.parameters as Json[] | undefined) ?? []).map(resolve)
  const examples = (op['x-examples'] as string[] | undefined) ?? []
  const responses = Object.keys(op.responses as Json)
  const table = params.length === 0 ? '<p class="status">Sin parámetros / No parameters.</p>' : `<table>
<thead><tr><th>Parámetro / Parameter</th><th>En / In</th><th>Descripción / Description</th></tr></thead>
<tbody>
${params.map((p) => `<tr><td><code>${esc(p.name)}</code>${p.required ? ' *' : ''}</td><td>${p.in === 'path' ? 'ruta / path' : 'consulta / query'}</td><td lang="en">${prose(p.description ?? '')}${p.example !== undefined ? ` <span class="status">e.g. <code>${esc(String(p.example))}</code></span>` : ''}</td></tr>`).join('\n')}
</tbody>
</table>`
  return `<article id="${esc(String(op.operationId))}">
<h3><span class="method ${method}">${method.toUpperCase()}</span><code>${esc(path)}</code></h3>
<p><strong>${esc(String(op['x-summary-es']))}</strong> <span class="en" lang="en">/ ${esc(String(op.summary))}</span></p>
<p lang="en">${prose(String(op.description))}</p>
${table}
${examples.length > 0 ? `<p>Ejemplos / Examples:</p>\n<ul>\n${examples.map((e) => `<li><a href="${esc(base + e)}"><code>${esc(decodeForDisplay(e))}</code></a></li>`).join('\n')}\n</ul>` : ''}
<p class="status">Respuestas / Responses: ${responses.join(', ')}</p>
</article>`
}

function anchor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}

function decodeForDisplay(url: string): string {
  try { return decodeURI(url) } catch { return url }
}

/** Escaped text in which `code spans` (as the OpenAPI descriptions write them) become <code>. */
function prose(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>')
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
}
