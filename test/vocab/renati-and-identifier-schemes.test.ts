// RENATI type and level, and CONCYTEC identifier-scheme terms, from purls in either scheme, fragments and labels.
import { describe, expect, it } from 'vitest'
import { identifierScheme, isNationalIdScheme, renatiLevel, renatiType } from '../../src/vocab/index.ts'

describe('renatiType and renatiLevel', () => {
  it('read the four RENATI types and five levels from https, http, fragments and codes', () => {
    for (const code of ['tesis', 'trabajoDeInvestigacion', 'trabajoDeSuficienciaProfesional', 'trabajoAcademico']) {
      const uri = `https://purl.org/pe-repo/renati/type#${code}`
      for (const v of [uri, uri.replace('https:', 'http:'), `#${code}`, code, `renati/type#${code}`, `${uri} `]) {
        expect(renatiType(v), v).toMatchObject({ uri, code })
      }
    }
    for (const code of ['bachiller', 'tituloProfesional', 'tituloSegundaEspecialidad', 'maestro', 'doctor']) {
      const uri = `https://purl.org/pe-repo/renati/level#${code}`
      expect(renatiLevel(uri.replace('https:', 'http:')), code).toMatchObject({ uri, code })
    }
  })

  it('read Spanish labels and degree names', () => {
    expect(renatiType('Trabajo de suficiencia profesional')?.code).toBe('trabajoDeSuficienciaProfesional')
    expect(renatiType('Tesis')).toEqual({ uri: 'https://purl.org/pe-repo/renati/type#tesis', code: 'tesis', label: 'Tesis' })
    expect(renatiLevel('Título Profesional')?.code).toBe('tituloProfesional')
    expect(renatiLevel('Maestría')?.code).toBe('maestro')
    expect(renatiLevel('Segunda Especialidad')?.code).toBe('tituloSegundaEspecialidad')
  })

  it('never takes a level for a type or the reverse', () => {
    expect(renatiType('https://purl.org/pe-repo/renati/level#doctor')).toBeNull()
    expect(renatiLevel('https://purl.org/pe-repo/renati/type#tesis')).toBeNull()
    expect(renatiType('https://purl.org/pe-repo/renati/type#licenciatura')).toBeNull()
  })
})

describe('identifierScheme and isNationalIdScheme', () => {
  it('read the terminos terms in either scheme (CONCYTEC samples mix them)', () => {
    expect(identifierScheme('http://purl.org/pe-repo/concytec/terminos#dni')).toEqual({
      uri: 'http://purl.org/pe-repo/concytec/terminos#dni', code: 'dni', label: 'DNI',
    })
    expect(identifierScheme('https://purl.org/pe-repo/concytec/terminos#ruc')?.code).toBe('ruc')
    expect(identifierScheme('#dni')?.code).toBe('dni')
    expect(identifierScheme('https://w3id.org/cerif/vocab/IdentifierTypes#ORCID')).toBeNull()
  })

  it('recognises national identity documents: DNI, carné de extranjería, passport, cédula', () => {
    for (const v of [
      'http://purl.org/pe-repo/concytec/terminos#dni', 'https://purl.org/pe-repo/concytec/terminos#dni', 'terminos#dni', 'dni', 'DNI',
      'renati.author.dni', 'renati.advisor.cext', 'renati.author.pasaporte', 'renati.advisor.cedula', 'cext', 'Carné de extranjería',
      'Passport', 'pasaporte', 'cédula', 'https://purl.org/pe-repo/concytec/terminos#pasaporte',
    ]) expect(isNationalIdScheme(v), v).toBe(true)
  })

  it('does not flag organisation or researcher identifiers', () => {
    for (const v of [
      'https://purl.org/pe-repo/concytec/terminos#ruc', 'ruc', 'https://w3id.org/cerif/vocab/IdentifierTypes#ORCID', 'orcid',
      'renati.advisor.orcid', 'https://w3id.org/cerif/vocab/IdentifierTypes#dni', '',
    ]) expect(isNationalIdScheme(v), v).toBe(false)
  })
})
