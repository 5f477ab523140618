/**
 * Salesforce record ids come as 15-char case-sensitive or 18-char case-insensitive forms.
 * We key everything by the 18-char form so that both spellings of one account meet.
 */
const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
const ID_PATTERN = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/

export function isSalesforceId(value: string): boolean {
  return ID_PATTERN.test(value)
}

/** The 3-char checksum Salesforce appends: one char per 5-char chunk, a bit per upper-case letter. */
export function checksumSuffix(id15: string): string {
  let suffix = ""
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0
    for (let i = 0; i < 5; i++) {
      const char = id15.charAt(chunk * 5 + i)
      if (char >= "A" && char <= "Z") bits |= 1 << i
    }
    suffix += SUFFIX_ALPHABET.charAt(bits)
  }
  return suffix
}

/**
 * An 18-char id is case-insensitive: its suffix records which of the first 15 chars are upper
 * case. Restore that case so `001abc…` typed in lower case still names the same record.
 */
function restoreCase(id18: string): string | undefined {
  let id15 = ""
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(id18.charAt(15 + chunk).toUpperCase())
    if (bits < 0) return undefined
    for (let i = 0; i < 5; i++) {
      const char = id18.charAt(chunk * 5 + i)
      id15 += bits & (1 << i) ? char.toUpperCase() : char.toLowerCase()
    }
  }
  return id15
}

/** Normalises a 15- or 18-char id to its canonical 18 chars; undefined for anything else. */
export function toId18(id: string): string | undefined {
  const trimmed = id.trim()
  if (!ID_PATTERN.test(trimmed)) return undefined
  const id15 = trimmed.length === 18 ? restoreCase(trimmed) : trimmed
  if (id15 === undefined) return undefined
  if (trimmed.length === 18) {
    // A case-folded id (all lower or all upper) takes its case from the suffix; a mixed-case
    // one must already agree with it, or it is not a real id.
    const given = trimmed.slice(0, 15)
    const folded = given === given.toLowerCase() || given === given.toUpperCase()
    if (!folded && given !== id15) return undefined
    // A suffix that marks a digit as upper case cannot come from Salesforce.
    if (checksumSuffix(id15) !== trimmed.slice(15).toUpperCase()) return undefined
  }
  return id15 + checksumSuffix(id15)
}

/** Account ids start with the key prefix 001. */
export function isAccountId(id: string): boolean {
  return isSalesforceId(id) && id.startsWith("001")
}
