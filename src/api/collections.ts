// The entity collections the API serves: path segment ↔ model kind.
import type { FilteredKind } from './filters.ts'

export const COLLECTIONS = {
  outputs: 'research-output',
  dmps: 'dmp',
  projects: 'project',
  fundings: 'funding',
  persons: 'person',
  organisations: 'organisation',
} as const satisfies Record<string, FilteredKind>

export type Collection = keyof typeof COLLECTIONS

export const collectionOfKind = Object.fromEntries(Object.entries(COLLECTIONS).map(([c, k]) => [k, c])) as Record<FilteredKind, Collection>

export function isCollection(value: string): value is Collection {
  return Object.hasOwn(COLLECTIONS, value)
}
