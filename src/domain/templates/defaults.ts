import type { TemplateId, TemplateText } from "./catalog"

// Placeholder wording; replaced by the real defaults.
export const DEFAULT_TEMPLATES: Record<TemplateId, TemplateText> = {
  welcome_reminder: { subject: "Welcome to MedTrainer!", body: "Hi {{adminName}}" },
  onboarding_call_recap: { subject: "Onboarding call recap", body: "Hi" },
  smb_onboarding_call_recap: { subject: "Onboarding call recap", body: "Hi" },
  training_recap: { subject: "Training recap", body: "Hi" },
  smb_onboarding_completed: { subject: "Onboarding completed", body: "Hi" },
  adoption_30_recap: { subject: "30-day recap", body: "Hi" },
  adoption_90_recap: { subject: "90-day recap", body: "Hi" },
  sentiment_survey_reminder: { subject: "Survey reminder", body: "Hi" },
  tl_75_checkin_recap: { subject: "Check-in recap", body: "Hi" },
  tl_150_checkin_recap: { subject: "Check-in recap", body: "Hi" },
  account_gone_dark: { subject: "Checking in", body: "Hi" }
}
