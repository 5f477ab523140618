import type { RuleInput } from "./schema"

const SOP = "MT-CS-003-04"
const DAY_30 = { days: "adoption30Days" } as const
const DAY_90 = { days: "adoption90Days" } as const

/** Adoption, 30 and 90 days (MT-CS-003-04), non-SMB; Team Lead check-ins. */
export const adoptionRules: RuleInput[] = [
  {
    id: "AD1",
    title: "Collect usage data and pre-fill the 30-day tab of the Adoption Checklist",
    phase: "adoption_30",
    due: { kind: "once", from: "onboardingComplete", add: [DAY_30, { days: "adoptionPrepDaysBefore", negate: true }] },
    doneWhen: ["adoption30MeetingOn"],
    why: "Onboarding completed {onboardingComplete}; prepare a week before the 30-day meeting.",
    source: SOP
  },
  {
    id: "AD2",
    title: "Schedule the 30-day meeting (type “Adoption - 30D”, Gong) and enter its date in the Adoption object",
    phase: "adoption_30",
    due: { kind: "once", from: "onboardingComplete", add: [DAY_30, { days: "adoptionPrepDaysBefore", negate: true }] },
    doneWhen: ["adoption30MeetingOn"],
    why: "Onboarding completed {onboardingComplete}; book the 30-day meeting at least a week ahead.",
    source: SOP
  },
  {
    id: "AD3",
    title: "Hold the 30-minute 30-day meeting: engagement, feedback, sentiment and upsell interest",
    phase: "adoption_30",
    due: { kind: "once", from: "adoption30Meeting" },
    doneWhen: ["adoption30MeetingOn"],
    why: "Onboarding completed {onboardingComplete}; the 30-day meeting falls on {adoption30Meeting}.",
    source: SOP
  },
  {
    id: "AD4",
    title: "Send the 30-day recap (attach one-pagers for the products discussed)",
    phase: "adoption_30",
    template: "adoption_30_recap",
    due: { kind: "once", from: "adoption30Meeting" },
    wrapUp: true,
    why: "The 30-day meeting ({adoption30Meeting}) gets its recap the same day.",
    source: SOP
  },
  {
    id: "AD5",
    title: "Fill the Adoption object fields and 30-day notes (no meeting: record why, review with your TL)",
    phase: "adoption_30",
    due: { kind: "once", from: "adoption30Meeting" },
    wrapUp: true,
    why: "The Adoption object is updated on the day of the 30-day meeting ({adoption30Meeting}).",
    source: SOP
  },
  {
    id: "AD6",
    title: "Export the 30-day checklist as PDF and upload it to the Adoption object",
    phase: "adoption_30",
    due: { kind: "once", from: "adoption30Meeting" },
    wrapUp: true,
    why: "The 30-day checklist is filed on the day of the meeting ({adoption30Meeting}).",
    source: SOP
  },
  {
    id: "AD7",
    title: "Schedule the 90-day meeting (at least one week ahead)",
    phase: "adoption_90",
    due: { kind: "once", from: "onboardingComplete", add: [DAY_90, { days: "schedule90DaysBefore", negate: true }] },
    doneWhen: ["adoption90MeetingOn"],
    why: "Onboarding completed {onboardingComplete}; the 90-day meeting is booked a week ahead.",
    source: SOP
  },
  {
    id: "AD8",
    title: "Pre-fill the 90-day tab of the Adoption Checklist",
    phase: "adoption_90",
    due: { kind: "once", from: "onboardingComplete", add: [DAY_90, { days: "schedule90DaysBefore", negate: true }] },
    doneWhen: ["adoption90MeetingOn"],
    why: "Prepare before the 90-day meeting ({adoption90Meeting}).",
    source: SOP
  },
  {
    id: "AD9",
    title:
      "Create the Customer Sentiment Survey link, paste it in the Adoption object, send it with the 90-day invitation",
    phase: "adoption_90",
    when: ["surveyTier"],
    due: { kind: "once", from: "onboardingComplete", add: [DAY_90, { days: "schedule90DaysBefore", negate: true }] },
    doneWhen: ["sentimentSurveySentOn"],
    why: "MRR {mrr} is at or above the survey threshold: the survey goes out with the 90-day invitation.",
    source: SOP
  },
  {
    id: "AD10",
    title: "Hold the 90-day meeting: engagement consistency, root cause of gaps",
    phase: "adoption_90",
    due: { kind: "once", from: "adoption90Meeting" },
    doneWhen: ["adoption90MeetingOn"],
    why: "Onboarding completed {onboardingComplete}; the 90-day meeting falls on {adoption90Meeting}.",
    source: SOP
  },
  {
    id: "AD11",
    title: "Send the sentiment survey reminder",
    phase: "adoption_90",
    template: "sentiment_survey_reminder",
    when: ["surveyTier", "surveySentNotAnswered"],
    due: { kind: "once", from: "sentimentSurveySentOn", add: [{ days: "surveyReminderDays" }] },
    why: "The survey sent on {sentimentSurveySentOn} is still unanswered after 7 days.",
    source: SOP
  },
  {
    id: "AD12",
    title: "Send the 90-day recap (main points, sales opportunities, survey link if unanswered)",
    phase: "adoption_90",
    template: "adoption_90_recap",
    due: { kind: "once", from: "adoption90Meeting" },
    wrapUp: true,
    why: "The 90-day meeting ({adoption90Meeting}) gets its recap the same day.",
    source: SOP
  },
  {
    id: "AD13",
    title: "Fill the Adoption object and 90-day notes; review objectives against discovery, KYC and 30-day notes",
    phase: "adoption_90",
    due: { kind: "once", from: "adoption90Meeting" },
    wrapUp: true,
    why: "The Adoption object is updated on the day of the 90-day meeting ({adoption90Meeting}).",
    source: SOP
  },
  {
    id: "AD14",
    title: "Upload the 90-day checklist PDF",
    phase: "adoption_90",
    due: { kind: "once", from: "adoption90Meeting" },
    wrapUp: true,
    why: "The 90-day checklist is filed on the day of the meeting ({adoption90Meeting}).",
    source: SOP
  },
  {
    id: "TL1",
    title: "Team Lead 75-day check-in: admin's experience, relationship with the CSM, goals and new hires",
    phase: "team_lead_checkins",
    role: "team_lead",
    template: "tl_75_checkin_recap",
    due: { kind: "once", from: "onboardingComplete", add: [{ days: "teamLeadCheckIn75Days" }] },
    doneWhen: ["tl75CheckInOn"],
    why: "Onboarding completed {onboardingComplete}; the Team Lead checks in at 75 days.",
    source: SOP
  },
  {
    id: "TL2",
    title: "Team Lead 150-day check-in: consistency since the 75-day check-in",
    phase: "team_lead_checkins",
    role: "team_lead",
    template: "tl_150_checkin_recap",
    due: { kind: "once", from: "onboardingComplete", add: [{ days: "teamLeadCheckIn150Days" }] },
    doneWhen: ["tl150CheckInOn"],
    why: "Onboarding completed {onboardingComplete}; the Team Lead checks in again at 150 days.",
    source: SOP
  }
]
