import type { RuleInput } from "./schema"

/** Training (MT-CS-002 training matrix, MT-CS-007 for SMB). */
export const trainingRules: RuleInput[] = [
  {
    id: "TR1",
    title: "Deliver training session {session} ({product}): {modules}",
    phase: "training",
    due: { kind: "perSession" },
    why: "The training plan for {products} has {sessions} sessions; this is session {session}.",
    source: "MT-CS-002"
  },
  {
    id: "TR2",
    title: "Send the Training Recap for session {session}",
    phase: "training",
    template: "training_recap",
    due: { kind: "perSession" },
    wrapUp: true,
    why: "Each training session gets a recap the same day (participants, modules, pending subjects).",
    source: "MT-CS-002"
  },
  {
    id: "TR3",
    title: "Send “Onboarding completed” with the overview videos",
    phase: "training",
    template: "smb_onboarding_completed",
    when: ["smb"],
    due: { kind: "once", from: "lastSmbTraining" },
    wrapUp: true,
    why: "SMB account: after the last Learning/Compliance training the admin gets the overview videos.",
    source: "MT-CS-007"
  }
]
