import type { MergeFieldName } from "~/src/domain/templates/fields"

/** A value for every merge field (the record type makes the compiler check it is complete). */
export const FULL_VALUES: Record<MergeFieldName, string | string[]> = {
  accountName: "Sunrise Dental Group",
  adminName: "Dana Reyes",
  adminEmail: "dana@sunrisedental.example",
  surveyLink: "https://forms.example/sentiment/abc",
  nextOpenForumDate: "Thursday, March 5, 2026",
  csmName: "Maria Martinez",
  csmInitials: "MM",
  csmSignature: "Customer Success Manager | MedTrainer\n(555) 010-2000 | maria@medtrainer.example",
  calendlyLink: "https://calendly.example/maria",
  kycSurveyLink: "https://forms.example/kyc/xyz",
  customerLaunchKitLink: "https://medtrainer.example/launch-kit",
  supportContact: "support@medtrainer.example | (555) 010-3000, Mon–Fri 6am–5pm PT",
  policyManualsLink: "https://drive.example/policy-manuals",
  overviewVideosLink: "https://vimeo.example/overview",
  openForumLink: "https://medtrainer.example/open-forum",
  meetingDate: "February 10, 2026",
  participants: ["Dana Reyes", "Luis Ortega", "Kim Park"],
  modulesCovered: ["Org Management", "Documents & Policies", "In-App Reports"],
  pendingSubjects: "Company Settings part 2",
  upcomingTrainingDates: "Feb 17, 10:00 am PT\nFeb 24, 10:00 am PT",
  productsDiscussed: ["Credentialing Software"],
  mainPoints: "- Roster confirmed: 42 users\n- Two locations in California",
  salesOpportunities: "Interest in Credentialing Software for 12 providers",
  trainingSessionNumber: "2",
  today: "February 10, 2026"
}
