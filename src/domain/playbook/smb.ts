import type { RuleInput } from "./schema"

const SOP = "MT-CS-007"

/** SMB accounts (MT-CS-007): the single 60-day adoption. */
export const smbRules: RuleInput[] = [
  {
    id: "SM1",
    title: "Use the SMB onboarding presentation and the SMB recap template",
    phase: "onboarding",
    when: ["smb"],
    due: { kind: "none" },
    why: "SMB Starter package: onboarding uses the SMB presentation and recap (see ON6, ON11).",
    source: SOP
  },
  {
    id: "SM2",
    title: "Remind the admin of the policy manuals and the Compliance Open Forum on {nextOpenForum}",
    phase: "smb_adoption",
    due: { kind: "none" },
    why: "The Compliance Open Forum runs every first Thursday of the month; the next one is {nextOpenForum}.",
    source: SOP
  },
  {
    id: "SM3",
    title: "Fill the SMB Adoption Checklist (Learning and Compliance) with the admin's feedback and upload it",
    phase: "smb_adoption",
    due: { kind: "once", from: "smbAdoptionMeeting" },
    wrapUp: true,
    why: "The SMB checklist is uploaded right after the adoption meeting ({smbAdoptionMeeting}).",
    source: SOP
  },
  {
    id: "SM4",
    title: "Hold the simplified 60-day adoption meeting",
    phase: "smb_adoption",
    due: { kind: "once", from: "smbAdoptionMeeting" },
    doneWhen: ["smbAdoptionMeetingOn"],
    why: "Onboarding completed {onboardingComplete}; the 60-day meeting falls on {smbAdoptionMeeting}.",
    source: SOP
  },
  {
    id: "SM5",
    title: "Record adoption notes on the Opportunity; revisit sales opportunities or fix what blocks engagement",
    phase: "smb_adoption",
    due: { kind: "once", from: "smbAdoptionMeeting" },
    wrapUp: true,
    why: "Adoption notes are recorded on the day of the meeting ({smbAdoptionMeeting}).",
    source: SOP
  }
]
