/**
 * Imported FIRST by every entry that uses zod (background, popup, options, both content scripts),
 * before any schema is built.
 * - `jitless`: otherwise the first object schema makes zod probe `new Function("")` for its JIT
 *   fast path; the extension's CSP (no 'unsafe-eval') blocks it and reports a
 *   `securitypolicyviolation` even though zod catches the error. Under this CSP zod never used
 *   generated code anyway. test/e2e/security.e2e.ts checks that nothing reports a violation.
 * - the English messages: zod/mini (the content scripts' schemas) ships none by itself, and
 *   errors must name what is wrong, not just "Invalid input". Classic zod and zod/mini share
 *   this configuration.
 */
import * as z from "zod/mini"
import en from "zod/v4/locales/en.js"

z.config({ ...en(), jitless: true })
