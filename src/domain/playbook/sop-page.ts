import type { RuleId } from "./rule-ids"

/** The SOP page's path for a rule: `tabs/sop.html#rule=AD1` (the page looks up its SOP and section). */
export const sopPagePath = (rule: RuleId): string => `tabs/sop.html#rule=${encodeURIComponent(rule)}`
