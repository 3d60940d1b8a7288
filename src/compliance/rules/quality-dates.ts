// Partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) against today: the first and the last day a value may mean.
// Today is passed in by the caller (rules are pure), always as `YYYY-MM-DD`.

const PARTIAL_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/

export function isPartialDate(value: string): boolean {
  return PARTIAL_DATE.test(value)
}

/** `2024` → `2024-01-01`, `2024-05` → `2024-05-01`. */
export function firstDay(value: string): string {
  return `${value}${['-01-01', '-01', ''][value.split('-').length - 1]}`
}

/** `2024` → `2024-12-31`, `2024-05` → `2024-05-31`: an upper bound, compared as a string, not a calendar day. */
export function lastDay(value: string): string {
  return `${value}${['-12-31', '-31', ''][value.split('-').length - 1]}`
}

/** `2025-06-01` plus 10 years → `2035-06-01` (a 29 February stays a string bound, which is all a comparison needs). */
export function yearsAfter(today: string, years: number): string {
  return `${String(Number(today.slice(0, 4)) + years).padStart(4, '0')}${today.slice(4)}`
}
