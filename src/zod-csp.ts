/**
 * Imported FIRST by every entry that uses zod (background, popup, options, the Salesforce
 * content script), before any schema is built. Otherwise the first object schema makes zod probe
 * `new Function("")` for its JIT fast path; the extension's CSP (no 'unsafe-eval') blocks it and
 * reports a `securitypolicyviolation` even though zod catches the error. `jitless`: zod parses
 * without generated code — what it already did under this CSP — and never probes.
 * test/e2e/security.e2e.ts checks that no extension page or host page reports a violation.
 */
import * as z from "zod"

z.config({ jitless: true })
