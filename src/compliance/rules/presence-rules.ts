// Rules about required elements: ALICIA 2.1 for every record, RENATI for theses, OpenAIRE v4 mandatory fields.
//
// A presence rule fires when the normalized record lacks a readable value; the values it reports are what the source
// wrote that could not be read (from the mapper's issues), so the manager sees what to correct. Whether a value that
// is there belongs to its vocabulary or has a valid checksum is for the quality rules.
//
// Where ALICIA and OpenAIRE ask for the same thing (title, publication date, resource type, access rights) one rule
// carries both references. The ALICIA elements renati.author.dni and renati.advisor.dni (and .cext, .pasaporte,
// .cedula), mandatory for theses, have no rule on purpose: identity document numbers are personal data and the public
// model never holds them (issue #3), so their absence from a record here says nothing about the repository.
import type { Rule } from '../types.ts'
import abstractMissing from './abstract-missing.ts'
import accessRightMissing from './access-right-missing.ts'
import advisorMissing from './advisor-missing.ts'
import advisorOrcidMissing from './advisor-orcid-missing.ts'
import articleIssnMissing from './article-issn-missing.ts'
import authorMissing from './author-missing.ts'
import bookIsbnMissing from './book-isbn-missing.ts'
import degreeDisciplineMissing from './degree-discipline-missing.ts'
import degreeGrantorMissing from './degree-grantor-missing.ts'
import degreeNameMissing from './degree-name-missing.ts'
import fordSubjectMissing from './ford-subject-missing.ts'
import identifierUriMissing from './identifier-uri-missing.ts'
import issuedDateMissing from './issued-date-missing.ts'
import jurorsMissing from './jurors-missing.ts'
import keywordsMissing from './keywords-missing.ts'
import languageMissing from './language-missing.ts'
import licenseMissing from './license-missing.ts'
import publisherCountryMissing from './publisher-country-missing.ts'
import publisherMissing from './publisher-missing.ts'
import renatiDisciplineMissing from './renati-discipline-missing.ts'
import renatiLevelMissing from './renati-level-missing.ts'
import renatiTypeMissing from './renati-type-missing.ts'
import resourceIdentifierMissing from './resource-identifier-missing.ts'
import resourceTypeMissing from './resource-type-missing.ts'
import thesisKeywordsMissing from './thesis-keywords-missing.ts'
import titleMissing from './title-missing.ts'

export const presenceRules: Rule[] = [
  // ALICIA 2.1, every record (OpenAIRE v4 where it asks for the same element).
  titleMissing, authorMissing, publisherMissing, issuedDateMissing, resourceTypeMissing, languageMissing,
  accessRightMissing, licenseMissing, abstractMissing, keywordsMissing, fordSubjectMissing, identifierUriMissing,
  // ALICIA 2.1, mandatory if applicable.
  bookIsbnMissing, articleIssnMissing,
  // OpenAIRE v4 only.
  resourceIdentifierMissing,
  // ALICIA 2.1 / RENATI, works leading to a degree.
  thesisKeywordsMissing, publisherCountryMissing, advisorMissing, advisorOrcidMissing, renatiTypeMissing,
  renatiLevelMissing, degreeNameMissing, degreeDisciplineMissing, renatiDisciplineMissing, degreeGrantorMissing,
  jurorsMissing,
]
