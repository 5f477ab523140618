import type { RuleInput } from "./schema"

const SOP = "MT-CS-002"
const DONE_BY_CALL = ["onboardingCallCompletedOn"] as const

/** Onboarding (MT-CS-002; SMB differences from MT-CS-007). */
export const onboardingRules: RuleInput[] = [
  {
    id: "ON1",
    title: "Phone the admin to introduce yourself and schedule the onboarding call",
    phase: "onboarding",
    due: { kind: "once", from: "assignedOn" },
    doneWhen: ["onboardingCallScheduledFor", "onboardingCallCompletedOn"],
    why: "You were assigned the account on {assignedOn}; the SOP asks for a call the same day.",
    source: SOP
  },
  {
    id: "ON2",
    title: "Send the “Welcome to MedTrainer!” reminder with the KYC survey link",
    phase: "onboarding",
    template: "welcome_reminder",
    when: ["noCallScheduled"],
    due: { kind: "once", from: "assignedOn", add: [{ businessDays: "welcomeReminderBusinessDays" }] },
    doneWhen: ["onboardingCallScheduledFor", "onboardingCallCompletedOn"],
    why: "No onboarding call is scheduled yet, {due} is the next business day after assignment ({assignedOn}).",
    source: SOP
  },
  {
    id: "ON3",
    title: "Enter “Onboarding Call Scheduled For” in the Onboarding object",
    phase: "onboarding",
    due: { kind: "once", from: "onboardingCallScheduledFor" },
    doneWhen: ["onboardingCallScheduledFor"],
    why: "The call date goes into Salesforce the day the call is scheduled.",
    source: SOP
  },
  {
    id: "ON4",
    title: "Review the contract (products, duration, MRR, users), opportunity notes and website",
    phase: "onboarding",
    due: { kind: "once", from: "onboardingCallScheduledFor" },
    doneWhen: [...DONE_BY_CALL],
    why: "The onboarding call is on {onboardingCallScheduledFor}; prepare before it.",
    source: SOP
  },
  {
    id: "ON5",
    title: "Hold the 15-minute discovery sync with the RSM (confirm industry, employee count)",
    phase: "onboarding",
    due: {
      kind: "once",
      from: "onboardingCallScheduledFor",
      add: [{ businessDays: "rsmSyncBusinessDaysBefore", negate: true }]
    },
    doneWhen: [...DONE_BY_CALL],
    why: "The onboarding call is on {onboardingCallScheduledFor}; sync with the RSM the business day before.",
    source: SOP
  },
  {
    id: "ON6",
    title: "Prepare the onboarding presentation from the template",
    phase: "onboarding",
    due: { kind: "once", from: "onboardingCallScheduledFor" },
    doneWhen: [...DONE_BY_CALL],
    why: "The onboarding call is on {onboardingCallScheduledFor}; SMB accounts use the SMB presentation.",
    source: SOP
  },
  {
    id: "ON7",
    title: "Hold the 30-minute onboarding call: confirm users, products and MRR; set expectations",
    phase: "onboarding",
    due: { kind: "once", from: "onboardingCallScheduledFor" },
    doneWhen: [...DONE_BY_CALL],
    why: "The onboarding call is scheduled for {onboardingCallScheduledFor}.",
    source: SOP
  },
  {
    id: "ON8",
    title: "Run the KYC checklist, export it as PDF and upload it to the Onboarding object",
    phase: "onboarding",
    due: { kind: "once", from: "onboardingCall" },
    wrapUp: true,
    why: "The KYC checklist is filed right after the onboarding call ({onboardingCall}).",
    source: SOP
  },
  {
    id: "ON9",
    title: "Walk through the user roster (username, names, position, location, department, level)",
    phase: "onboarding",
    due: { kind: "once", from: "onboardingCallScheduledFor" },
    doneWhen: [...DONE_BY_CALL],
    why: "The roster is reviewed on the onboarding call ({onboardingCallScheduledFor}).",
    source: SOP
  },
  {
    id: "ON10",
    title: "Wrap up the call: stress initial setup, answer questions, schedule the training sessions",
    phase: "onboarding",
    due: { kind: "once", from: "onboardingCallScheduledFor" },
    doneWhen: [...DONE_BY_CALL],
    why: "Training sessions are booked at the end of the onboarding call ({onboardingCallScheduledFor}).",
    source: SOP
  },
  {
    id: "ON11",
    title: "Send the Onboarding Call Recap with your Calendly link and the training dates",
    phase: "onboarding",
    template: "onboarding_call_recap",
    smbTemplate: "smb_onboarding_call_recap",
    due: { kind: "once", from: "onboardingCall" },
    wrapUp: true,
    why: "The recap goes out the day of the onboarding call ({onboardingCall}).",
    source: SOP
  },
  {
    id: "ON12",
    title: "Enter “Onboarding Call Completed Date”",
    phase: "onboarding",
    due: { kind: "once", from: "onboardingCall" },
    doneWhen: ["onboardingCallCompletedOn"],
    wrapUp: true,
    why: "Salesforce records the day the onboarding call is held ({onboardingCall}).",
    source: SOP
  },
  {
    id: "ON13",
    title: "Enter “LMS Set-Up Completed Date”",
    phase: "onboarding",
    due: { kind: "once", from: "lmsSetupCompletedOn" },
    doneWhen: ["lmsSetupCompletedOn"],
    why: "Salesforce records the day the LMS set-up is completed.",
    source: SOP
  },
  {
    id: "ON14",
    title: "Keep proof of the 10-business-day follow-up (notes, logged emails and calls)",
    phase: "onboarding",
    due: { kind: "once", from: "assignedOn", add: [{ businessDays: "followUpProofBusinessDays" }] },
    why: "Follow-up during onboarding is documented within 10 business days of assignment ({assignedOn}).",
    source: SOP
  }
]
