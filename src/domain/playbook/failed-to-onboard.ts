import type { RuleInput } from "./schema"

const SOP = "MT-CS-002"

/** Failed to onboard (MT-CS-002). */
export const failedToOnboardRules: RuleInput[] = [
  {
    id: "FO1",
    title: "Contact the customer by email and phone (day {n} of {count})",
    phase: "failed_to_onboard",
    template: "account_gone_dark",
    due: { kind: "series", from: "unresponsiveSince", first: 0, every: 1, count: "failedToOnboardContactDays" },
    why: "Unresponsive since {unresponsiveSince}: the SOP asks for daily contact for 10 consecutive days.",
    source: SOP
  },
  {
    id: "FO2",
    title: "Add notes to the Onboarding object and mark onboarding completed",
    phase: "failed_to_onboard",
    due: { kind: "once", from: "failedToOnboardDeadline" },
    doneWhen: ["onboardingCompletedOn"],
    why: "Still unresponsive after the daily contacts that started {unresponsiveSince}.",
    source: SOP
  },
  {
    id: "FO3",
    title: "Loop in the RSM",
    phase: "failed_to_onboard",
    due: { kind: "once", from: "failedToOnboardDeadline" },
    why: "Still unresponsive after the daily contacts that started {unresponsiveSince}.",
    source: SOP
  },
  {
    id: "FO4",
    title: "Create the “Failed to OB” case (Customer Success, due in 30 days, assigned to you)",
    phase: "failed_to_onboard",
    due: { kind: "once", from: "failedToOnboardDeadline" },
    doneWhen: ["failedToOnboardCaseOpenedOn"],
    why: "Still unresponsive after the daily contacts that started {unresponsiveSince}.",
    source: SOP
  },
  {
    id: "FO5",
    title: "Reach out and update the Failed to OB case (week {n} of {count})",
    phase: "failed_to_onboard",
    template: "account_gone_dark",
    due: { kind: "series", from: "failedToOnboardCase", first: 7, every: 7, count: "failedToOnboardFollowUpWeeks" },
    why: "The Failed to OB case ({failedToOnboardCase}) calls for a weekly reach-out for one month.",
    source: SOP
  },
  {
    id: "FO6",
    title: "Still unresponsive: inform the Team Lead, who closes the case",
    phase: "failed_to_onboard",
    due: { kind: "once", from: "failedToOnboardCase", add: [{ days: "failedToOnboardCaseDays" }] },
    why: "The Failed to OB case opened {failedToOnboardCase} is due 30 days later.",
    source: SOP
  }
]
