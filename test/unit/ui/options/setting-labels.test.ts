import { describe, expect, it } from "vitest"

import { settingLabel } from "~/src/ui/options/setting-labels"

describe("settingLabel: a setting as the options page names it", () => {
  it.each([
    ["thresholds.surveyMrr", "Sentiment survey from"],
    ["settings.thresholds.surveyMrr", "Sentiment survey from"],
    ["timing.adoption30Days", "30-day adoption meeting (AD3)"],
    ["templates.welcome_reminder.subject", "Email “Welcome to MedTrainer! reminder”: Subject"],
    ["salesforce.fieldMapping.mrr", "Salesforce field for MRR"],
    ["settings.disabledRules[0]", "Rules switched off"],
    ["sixtyDayTrack.packages[1]", "60-day track: packages"],
    ["profile.calendlyLink", "Calendly link"],
    ["(root)", "The file"],
    ["thresholds.someFutureKnob", "Thresholds: someFutureKnob"],
    ["wholly.unknown", "wholly.unknown"]
  ])("%s → %s", (path, label) => {
    expect(settingLabel(path)).toBe(label)
  })
})
