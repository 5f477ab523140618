/** Template ids of spec §6. Wording lives in `defaults.ts`; team leads override it in settings. */
export const TEMPLATE_IDS = [
  "welcome_reminder",
  "onboarding_call_recap",
  "smb_onboarding_call_recap",
  "training_recap",
  "smb_onboarding_completed",
  "adoption_30_recap",
  "adoption_90_recap",
  "sentiment_survey_reminder",
  "tl_75_checkin_recap",
  "tl_150_checkin_recap",
  "account_gone_dark"
] as const
export type TemplateId = (typeof TEMPLATE_IDS)[number]

export interface TemplateText {
  subject: string
  body: string
}
