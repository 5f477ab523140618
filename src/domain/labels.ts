/**
 * What a CSM calls each product and each template: the one table of each, used by the plan's
 * titles, the emails and every view. Plain data, zod-free (the Gmail bundle imports it).
 */
import type { Product } from "./fact-names"
import type { TemplateId } from "./templates/catalog"

/** Spec §1: `credentialing_service` is Fully Managed Credentialing (FMC). */
export const PRODUCT_LABELS: Record<Product, string> = {
  learning: "Learning",
  compliance: "Compliance",
  credentialing_software: "Credentialing Software",
  credentialing_service: "Fully Managed Credentialing"
}

/** The templates by the names the SOPs give them (spec §6). */
export const TEMPLATE_LABELS: Record<TemplateId, string> = {
  welcome_reminder: "Welcome to MedTrainer! reminder",
  onboarding_call_recap: "Onboarding Call Recap",
  smb_onboarding_call_recap: "SMB Onboarding Call Recap",
  training_recap: "Training Recap",
  smb_onboarding_completed: "SMB Onboarding Completed",
  adoption_30_recap: "30-day Adoption Recap",
  adoption_90_recap: "90-day Adoption Recap",
  sentiment_survey_reminder: "Sentiment Survey reminder",
  tl_75_checkin_recap: "Team Lead 75-day check-in recap",
  tl_150_checkin_recap: "Team Lead 150-day check-in recap",
  account_gone_dark: "Account gone dark"
}
