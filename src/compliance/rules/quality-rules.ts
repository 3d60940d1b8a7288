// Rules about values: vocabulary membership, identifier validity, embargoes, plausible dates, open formats.
import type { Rule } from '../types.ts'
import accessRightInCoarVocabulary from './access-right-in-coar-vocabulary.ts'
import datasetFilesHaveFormat from './dataset-files-have-format.ts'
import datasetFilesOpenFormat from './dataset-files-open-format.ts'
import datasetOpenOrJustified from './dataset-open-or-justified.ts'
import datesWellFormed from './dates-well-formed.ts'
import doiWellFormed from './doi-well-formed.ts'
import embargoEndNotPassed from './embargo-end-not-passed.ts'
import embargoEndPlausible from './embargo-end-plausible.ts'
import embargoEndWithoutEmbargo from './embargo-end-without-embargo.ts'
import embargoHasEndDate from './embargo-has-end-date.ts'
import fordInOcdeVocabulary from './ford-in-ocde-vocabulary.ts'
import handlePrefixConfigured from './handle-prefix-configured.ts'
import isbnCheckDigit from './isbn-check-digit.ts'
import issnCheckDigit from './issn-check-digit.ts'
import issuedDatePlausible from './issued-date-plausible.ts'
import languageInIso6393 from './language-in-iso-639-3.ts'
import licenseIsRecognised from './license-is-recognised.ts'
import orcidChecksum from './orcid-checksum.ts'
import renatiTermsInVocabulary from './renati-terms-in-vocabulary.ts'
import typeInCoarVocabulary from './type-in-coar-vocabulary.ts'

export const qualityRules: Rule[] = [
  // vocabulary membership
  typeInCoarVocabulary, accessRightInCoarVocabulary, languageInIso6393, fordInOcdeVocabulary, licenseIsRecognised,
  renatiTermsInVocabulary,
  // identifier validity
  doiWellFormed, issnCheckDigit, isbnCheckDigit, orcidChecksum, handlePrefixConfigured,
  // embargoes
  embargoHasEndDate, embargoEndNotPassed, embargoEndWithoutEmbargo, embargoEndPlausible,
  // plausible dates
  issuedDatePlausible, datesWellFormed,
  // open data (arts. 39.5, 40.3)
  datasetFilesOpenFormat, datasetFilesHaveFormat, datasetOpenOrJustified,
]
