// Repository health, judged from what harvesting recorded: failing harvests, resumption-token failures, unreadable
// and unmappable records, deletions that do not propagate, a stale OAI index. Pure: facts in, problems out.
// The symptoms are those repository managers report (research/anchors-mission.md §6.1–6.5).
import type { HealthFacts } from '../db/report-queries.ts'

export type HealthCode =
  | 'harvest-failing' | 'token-failures' | 'unreadable-records' | 'records-not-mapped'
  | 'deletions-not-propagated' | 'oai-index-stale' | 'datestamps-not-incremental'

export interface HealthProblem {
  code: HealthCode
  severity: 'error' | 'warning'
  /** How many: runs, problems or records, as the message says. */
  count: number
  /** What is wrong, in Spanish for the repository manager. */
  message: string
  /** What to do about it, in Spanish. */
  fix: string
  /** The harvester's own words (the last run's message, the last problem's detail). */
  detail?: string
}

export interface SourceHealth {
  source: string
  ok: boolean
  problems: HealthProblem[]
}

export interface HealthOptions {
  /** A server whose newest record is older than this while it still answers has a stale OAI index. */
  staleDays: number
}

const DAY_MS = 86_400_000

/** "1 registro llegó…", "3 registros llegaron…". */
const records = (n: number, one: string, many: string) => (n === 1 ? `1 registro ${one}` : `${n} registros ${many}`)
const TOKEN_KINDS = ['token-restart', 'list-ended-early']

export function judgeHealth(facts: HealthFacts, options: HealthOptions): SourceHealth {
  const problems: HealthProblem[] = []
  const add = (p: HealthProblem) => problems.push(p)

  // The runs since the last one that did not fail; a run still going is neither.
  const settled = facts.recentRuns.filter((r) => r.status !== 'running')
  const failing = settled.findIndex((r) => r.status !== 'failed' && r.status !== 'deferred')
  const failed = failing === -1 ? settled.length : failing
  if (failed > 0) {
    const last = settled[0]!
    add({
      code: 'harvest-failing', severity: 'error', count: failed,
      message: last.status === 'deferred'
        ? `El servidor pidió esperar (HTTP 429/503 con Retry-After) en ${failed === 1 ? 'la última cosecha' : `las últimas ${failed} cosechas`}: sus registros nuevos no llegan.`
        : `${failed === 1 ? 'La última cosecha falló' : `Las últimas ${failed} cosechas fallaron`}: los cambios del repositorio no llegan a la red.`,
      fix: 'Revise que el punto OAI-PMH responda (verbo Identify) y los registros de error del servidor; si el servidor está sobrecargado, programe la cosecha fuera de horas punta.',
      ...(last.message ? { detail: last.message } : {}),
    })
  }

  const tokens = TOKEN_KINDS.flatMap((kind) => facts.recentProblems[kind] ? [{ kind, ...facts.recentProblems[kind]! }] : [])
  if (tokens.length > 0) {
    add({
      code: 'token-failures', severity: 'warning', count: tokens.reduce((n, t) => n + t.count, 0),
      message: 'El servidor invalidó resumptionTokens o cortó listas antes de terminarlas en las últimas cosechas: hubo que repetir ventanas y algunos registros pudieron quedar sin cosechar.',
      fix: 'Amplíe la vida de los resumptionToken del servidor OAI y evite reindexar OAI mientras se cosecha; si las páginas tardan cada vez más, reduzca el tamaño de página.',
      detail: tokens.map((t) => `${t.kind}: ${t.detail}`).join(' | '),
    })
  }

  if (facts.unreadable > 0) {
    add({
      code: 'unreadable-records', severity: 'warning', count: facts.unreadable,
      message: `${records(facts.unreadable, 'llegó ilegible', 'llegaron ilegibles')} (XML mal formado o caracteres no válidos). Se conserva el XML recibido, pero no se puede evaluar.`,
      fix: `Corrija en los ítems los caracteres no válidos (p. ej., caracteres de control pegados desde un procesador de texto) y vuelva a indexar OAI; \`redcti failures ${facts.sourceId}\` los lista.`,
    })
  }
  if (facts.notMapped > 0) {
    add({
      code: 'records-not-mapped', severity: 'warning', count: facts.notMapped,
      message: `${records(facts.notMapped, 'se leyó pero no se pudo convertir al modelo común, así que no aparece', 'se leyeron pero no se pudieron convertir al modelo común, así que no aparecen')} en la red.`,
      fix: `Vea el motivo de cada uno con \`redcti failures ${facts.sourceId}\`; si el formato de metadatos no es compatible, ofrezca oai_dc o xoai.`,
    })
  }

  if (facts.vanished > 0) {
    const declared = facts.deletedRecord ?? 'no declarado'
    add({
      code: 'deletions-not-propagated', severity: 'warning', count: facts.vanished,
      message: facts.deletedRecord === 'persistent'
        ? `${records(facts.vanished, 'desapareció', 'desaparecieron')} del servidor sin aviso de borrado, aunque Identify declara deletedRecord=persistent.`
        : `${records(facts.vanished, 'desapareció', 'desaparecieron')} del servidor sin aviso de borrado (Identify: deletedRecord=${declared}); los agregadores que cosechan por fechas no se enteran del borrado.`,
      fix: 'Configure el repositorio para conservar los borrados (deletedRecord=persistent) y publicarlos como <header status="deleted">, en lugar de eliminarlos del índice OAI.',
    })
  }

  if (facts.highWater && facts.newestDatestamp) {
    const days = Math.floor((Date.parse(facts.highWater) - Date.parse(facts.newestDatestamp)) / DAY_MS)
    if (days > options.staleDays) {
      add({
        code: 'oai-index-stale', severity: 'warning', count: days,
        message: `Ningún registro cambió desde ${facts.newestDatestamp.slice(0, 10)}, ${days} días antes de la última respuesta del servidor (${facts.highWater.slice(0, 10)}): el índice OAI parece no actualizarse.`,
        fix: 'Regenere el índice OAI (DSpace: `[dspace]/bin/dspace oai import`, programado en cron) y compruebe que los ítems recientes aparecen en ListRecords.',
      })
    }
  }
  const notIncremental = facts.recentProblems['datestamps-not-incremental']
  if (notIncremental) {
    add({
      code: 'datestamps-not-incremental', severity: 'warning', count: notIncremental.count,
      message: 'Una cosecha incremental devolvió casi todos los registros: el servidor parece fechar cada registro con la hora actual, y cada cosecha lo relee todo.',
      fix: 'Configure el servidor OAI para que cada registro conserve la fecha de su última modificación (datestamp), no la de la consulta ni la del último reindexado.',
      detail: notIncremental.detail,
    })
  }
  return { source: facts.sourceId, ok: problems.length === 0, problems }
}
