// An embargo is temporary (ALICIA 2.1 asks for its end date); an end more than ten years ahead is most likely a typo
// (2205 for 2025) or a closure written as an embargo. Date-dependent: measured from the day the check runs.
import { defineRule, type RuleHit } from '../types.ts'
import { firstDay, isPartialDate, yearsAfter } from './quality-dates.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

const MAX_YEARS_AHEAD = 10

export default defineRule({
  id: 'embargo-end-plausible',
  severity: 'warning',
  sets: ['embargo', 'dates'],
  references: [{ kind: 'alicia', element: 'dc.date.embargoEnd' }],
  message: {
    es: 'La fecha de fin de embargo (dc.date.embargoEnd) está a más de diez años: probablemente es un error de tipeo o un cierre registrado como embargo.',
    en: 'The embargo end date (dc.date.embargoEnd) is more than ten years away: most likely a typo, or a closure recorded as an embargo.',
  },
  fix: {
    es: 'Corrija dc.date.embargoEnd (p. ej. «2025-05-10» en lugar de «2205-05-10»); si el acceso no se abrirá nunca, use «info:eu-repo/semantics/closedAccess» o «restrictedAccess» en dc.rights y explique el motivo.',
    en: 'Correct dc.date.embargoEnd (e.g. "2025-05-10" instead of "2205-05-10"); if access will never open, use "info:eu-repo/semantics/closedAccess" or "restrictedAccess" in dc.rights and state the reason.',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { today }) => {
    const limit = yearsAfter(today, MAX_YEARS_AHEAD)
    const tooFar = (end: string | null | undefined): end is string => !!end && isPartialDate(end) && firstDay(end) > limit
    const hits: RuleHit[] = []
    if (tooFar(record.embargoEnd)) hits.push({ path: '/embargoEnd', values: [record.embargoEnd] })
    record.files.forEach((file, i) => {
      if (tooFar(file.embargoEnd)) hits.push({ path: `/files/${i}/embargoEnd`, values: [file.embargoEnd] })
    })
    return hits
  }),
})
