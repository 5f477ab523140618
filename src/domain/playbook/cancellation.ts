import type { RuleInput } from "./schema"

const SOP = "MT-CS-002, MT-CS-005"

/** Cancellation request (MT-CS-002, MT-CS-005). */
export const cancellationRules: RuleInput[] = [
  {
    id: "CX1",
    title: "Create the Escalation case “Cancelation Request - {accountName}” with directives",
    phase: "cancellation",
    due: { kind: "once", from: "cancellationRequestedOn" },
    why: "Cancellation requested on {cancellationRequestedOn}: the case is opened the same day.",
    source: SOP
  },
  {
    id: "CX2",
    title: "Schedule a call with the client and the Team Lead; enter “Call Scheduled For”",
    phase: "cancellation",
    due: { kind: "once", from: "cancellationRequestedOn", add: [{ days: "cancellationCallDays" }] },
    why: "Cancellation requested on {cancellationRequestedOn}: the call is scheduled within 24 hours.",
    source: SOP
  },
  {
    id: "CX3",
    title: "After the call: enter “Call Completed Date” and “Resolution Offered”; status Waiting Approval",
    phase: "cancellation",
    role: "team_lead",
    due: { kind: "none" },
    why: "The Team Lead records the outcome of the cancellation call.",
    source: SOP
  },
  {
    id: "CX4",
    title: "Client unreachable after 10 attempts: check “can't reach client (send final)”",
    phase: "cancellation",
    role: "team_lead",
    due: { kind: "none" },
    why: "A cancellation request with an unreachable client is closed by the Team Lead.",
    source: SOP
  },
  {
    id: "CX5",
    title: "Accounting approves or denies; disable the LMS account only after finance confirms",
    phase: "cancellation",
    role: "team_lead",
    due: { kind: "none" },
    why: "Cancellations are renegotiated in the weekly finance meeting before anything is disabled.",
    source: SOP
  }
]
