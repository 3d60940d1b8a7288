// Dates as the model keeps them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, read from dates and timestamps.

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from a date or timestamp, or null. */
export function isoDate(value: string): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim())
  if (!match) return null
  const [, year, month, day] = match
  if (month && (Number(month) < 1 || Number(month) > 12)) return null
  if (day && (Number(day) < 1 || Number(day) > 31)) return null
  return [year, month, day].filter(Boolean).join('-')
}

/** A full timestamp (a repository stamping its own event), as opposed to a date someone typed. */
export function isTimestamp(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value.trim())
}
