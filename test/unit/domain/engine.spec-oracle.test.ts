/**
 * Independent oracle for the playbook engine (spec: /work/shared/playbook-spec.md §2–§5, §8).
 *
 * Every expected value below was computed BY HAND from the written spec, not from the engine.
 * The arithmetic is in the comment next to each value. Calendars used (Mon-first):
 *   2026: Jan 1 Thu · Feb 1 Sun · Mar 1 Sun · Apr 1 Wed · May 1 Fri · Jun 1 Mon · Jul 1 Wed ·
 *         Aug 1 Sat · Sep 1 Tue · Oct 1 Thu · Nov 1 Sun · Dec 1 Tue · 2027 Jan 1 Fri.
 *   2028 (leap): Jan 1 Sat · Feb 1 Tue · Feb 29 Tue · Mar 1 Wed.
 *   First Thursdays (D8): 2026 Jan 1, Feb 5, Mar 5, Apr 2, May 7, Jun 4, Jul 2, Aug 6, Sep 3,
 *   Oct 1, Nov 5, Dec 3; 2027 Jan 7; 2028 Feb 3, Mar 2.
 *
 * Only what the spec determines unambiguously is asserted. Where the spec leaves a choice open
 * a step is either not checked, checked with `ifPresent` / `doneIfPresent` ("may be dropped or
 * shown as done, but must not be pending"), or checked for presence by rule only. Open points:
 *   A1 ON3's date (the day the call got scheduled is not a fact).
 *   A2 ON12 (and ON3, ON13): the entered date is itself a fact, so done at once vs. kept as a
 *      wrap-up "until done" (§8 lists ON12 among the kept wrap-ups).
 *   A3 ON1 done once a call is scheduled? A4 ON2 once scheduled: absent or done?
 *   A5 ON4–ON12 before a call is scheduled (null/info or absent); ON8/ON11/ON12 before the call.
 *   A6 ON13's date. A7 TR1's due once the session is held ("no fixed date"); TR2/TR3 before
 *      their session. A8 which non-listed steps of earlier stages linger (earlier TR2#n, ON8/ON11
 *      when onboarding was completed explicitly). A9 D1 under failed_to_onboard without an
 *      explicit date. A10 FO5/FO6 before the case is opened. A11 FO4/AD9 done by facts.
 *   A12 AD2/AD8 dates; stage of AD7–AD11. A13 PD1/PD3 due and keys; RK*, UP*, SM1/SM2 dates.
 *   A14 TL/TR3 for non-SMB accounts on the 60-day track. A15 done wrap-ups dropped vs shown.
 *   A16 empty training plan, contradictory meeting facts, missing mrr/users, order of
 *      upsellCandidates and of same-rule same-due steps, bare rule ids in `done`.
 */
import { describe, expect, it } from "vitest"

import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput, type Product } from "~/src/domain/facts"
import type { Plan, Situation, Stage } from "~/src/domain/plan"
import { RULE_IDS, type RuleId } from "~/src/domain/playbook/rule-ids"
import { DEFAULT_SETTINGS, TeamSettings, type TeamSettingsInput } from "~/src/domain/settings"
import type { TemplateId } from "~/src/domain/templates/catalog"

type Status = "done" | "overdue" | "due" | "upcoming" | "info"

interface StepExpectation {
  /** Asserted when given (null = no date). */
  due?: string | null
  /** Asserted when given. */
  status?: Status
}

interface OracleCase {
  name: string
  today: string
  facts: AccountFactsInput
  settings?: TeamSettingsInput
  stage: Stage
  situations: Situation[]
  derived: Plan["derived"]
  /** Products of the training plan sessions, in session order (§4). */
  training: Product[]
  /** Steps that must be present, by key. */
  steps: Record<string, StepExpectation>
  /** Steps whose presence the spec leaves open; if present, they must match. */
  ifPresent?: Record<string, StepExpectation>
  /** Steps that may be dropped, but if present must be `done` (wrap-ups checked off, failed conditions met). */
  doneIfPresent?: string[]
  /** Keys that must not be in the plan. */
  absent?: string[]
  /** Rules that must have at least one step (date representation left open by the spec). */
  rulesPresent?: RuleId[]
  /** Rules that must have no step at all. */
  rulesAbsent?: RuleId[]
}

/** 15-char all-digit Account id; no upper-case letters → checksum suffix "AAA" (§1: normalise to 18). */
const id15 = (n: number) => `0010000000000${String(n).padStart(2, "0")}`
const id18 = (n: number) => `${id15(n)}AAA`

const L = "learning" as const
const C = "compliance" as const
const CS = "credentialing_software" as const
const SERV = "credentialing_service" as const

const cases: OracleCase[] = [
  // ───────────────────────────── onboarding ─────────────────────────────
  {
    name: "01 onboarding: assigned Fri, no call scheduled; ON2 = Fri + 1 business day = Mon",
    today: "2026-03-09", // Mon
    facts: { id: id15(1), name: "Acme Dental", products: [L, C], mrr: 800, users: 30, assignedOn: "2026-03-06" },
    stage: "onboarding", // no call completed, no onboardingCompletedOn
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "core", // mrr 800 > 500 → core (D3)
      hybrid: false,
      surveyTier: false, // 800 < 1000
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-03-31", // Q1 2026
      nextOpenForum: "2026-04-02" // Mar 5 (first Thu) < Mar 9 → Apr 2
    },
    training: [L, C, C, C], // L+C = 4 sessions
    steps: {
      ON1: { due: "2026-03-06", status: "overdue" }, // assignedOn same day; Mar 6 < Mar 9
      ON2: { due: "2026-03-09", status: "due" }, // Fri 03-06 + 1 bd = Mon 03-09 = today
      ON14: { due: "2026-03-20", status: "upcoming" } // Fri 03-06 + 10 bd: 9–13 (5), 16–20 (10) → Fri 03-20
    },
    absent: ["TL1", "TL2", "TR3", "AD1", "AD3", "AD9", "SM4", "CX1", "PD2", "FO2"],
    rulesAbsent: ["FO1", "FO5", "CX1", "PD1", "PD3", "RK1", "UP1", "UP2", "TL1", "TL2"]
  },
  {
    name: "02 onboarding: call Mon; ON5 = Mon − 1 bd = Fri (today); mrr 500 / users 50 → digital; forum the day after first Thursday",
    today: "2026-03-06", // Fri
    facts: {
      id: id15(2),
      name: "Bright Clinic",
      products: [C],
      mrr: 500,
      users: 50,
      assignedOn: "2026-03-02",
      onboardingCallScheduledFor: "2026-03-09",
      done: ["ON4"]
    },
    stage: "onboarding",
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "digital", // mrr 500 ≤ 500 and users 50 ≤ 50, basic → digital
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [L, CS, SERV],
      upsellCloseDate: "2026-03-31",
      nextOpenForum: "2026-04-02" // today Fri Mar 6 = day after first Thu Mar 5 → next month's Apr 2
    },
    training: [C, C, C],
    steps: {
      ON1: { due: "2026-03-02" }, // status not asserted: scheduling the call may count as done (ambiguity A3)
      ON4: { due: "2026-03-09", status: "done" }, // call date; checked off via `done`
      ON5: { due: "2026-03-06", status: "due" }, // Mon 03-09 − 1 bd = Fri 03-06 = today
      ON6: { due: "2026-03-09", status: "upcoming" }, // call date
      ON7: { due: "2026-03-09", status: "upcoming" }, // call date
      ON14: { due: "2026-03-16", status: "upcoming" } // Mon 03-02 + 10 bd = Mon 03-16
    },
    doneIfPresent: ["ON2"], // condition "no onboardingCallScheduledFor" fails
    rulesAbsent: ["TL1", "TL2", "FO1"]
  },
  {
    name: "03 onboarding: users 51 → core; today is the first Thursday → forum today; ON1 done by key",
    today: "2026-04-02", // Thu, first Thursday of April
    facts: {
      id: id15(3),
      name: "Cedar Care",
      products: [CS, L],
      mrr: 500,
      users: 51,
      assignedOn: "2026-04-02",
      done: ["ON1"]
    },
    stage: "onboarding",
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "core", // users 51 > 50
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [C, SERV],
      upsellCloseDate: "2026-06-30", // Q2 2026
      nextOpenForum: "2026-04-02" // first Thu of April is today → today
    },
    training: [L, CS, CS], // L+CS = 3, learning first whatever the input order
    steps: {
      ON1: { due: "2026-04-02", status: "done" },
      ON2: { due: "2026-04-03", status: "upcoming" }, // Thu + 1 bd = Fri 04-03
      ON14: { due: "2026-04-16", status: "upcoming" } // Thu 04-02 + 10 bd: 3 (1), 6–10 (6), 13–16 (10)
    },
    rulesAbsent: ["TL1", "TL2"]
  },
  {
    name: "04 onboarding: assigned on a Saturday (Sat + 1 bd = Mon, Sat + 10 bd = Fri); mrr 501 → core; quarter-end today",
    today: "2026-03-31", // Tue, last day of Q1
    facts: { id: id15(4), name: "Dune Health", products: [L], mrr: 501, users: 50, assignedOn: "2026-03-07" },
    stage: "onboarding",
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "core", // mrr 501 > 500
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [C, CS, SERV],
      upsellCloseDate: "2026-03-31", // today is the last day of Q1
      nextOpenForum: "2026-04-02"
    },
    training: [L],
    steps: {
      ON1: { due: "2026-03-07", status: "overdue" }, // Sat, same day
      ON2: { due: "2026-03-09", status: "overdue" }, // Sat + 1 bd: Sun skipped → Mon 03-09
      ON14: { due: "2026-03-20", status: "overdue" } // Sat + 10 bd: Mon 9..Fri 13 (5), Mon 16..Fri 20 (10)
    }
  },
  {
    name: "05 onboarding at year end: ON14 Thu 2026-12-31 + 10 bd = 2027-01-14; call Mon 2027-01-04 → ON5 Fri 2027-01-01; mrr 3500 → core, not strategic",
    today: "2026-12-31", // Thu
    facts: {
      id: id15(5),
      name: "Elm Surgery",
      products: [L, C, CS],
      mrr: 3500,
      users: 40,
      assignedOn: "2026-12-31",
      onboardingCallScheduledFor: "2027-01-04"
    },
    stage: "onboarding",
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "core", // 3500 is not > 3500; mrr > 500 → core
      hybrid: false,
      surveyTier: true, // 3500 ≥ 1000
      upsellCandidates: [SERV],
      upsellCloseDate: "2026-12-31", // Q4 ends today
      nextOpenForum: "2027-01-07" // Dec 3 passed → first Thu of Jan 2027
    },
    training: [L, C, C, C, CS, CS],
    steps: {
      ON1: { due: "2026-12-31" },
      ON4: { due: "2027-01-04", status: "upcoming" },
      ON5: { due: "2027-01-01", status: "upcoming" }, // Mon 01-04 − 1 bd = Fri 2027-01-01 (no holidays)
      ON6: { due: "2027-01-04", status: "upcoming" },
      ON7: { due: "2027-01-04", status: "upcoming" },
      ON14: { due: "2027-01-14", status: "upcoming" } // Thu 12-31 + 10 bd: Jan 1 (1), 4–8 (6), 11–14 (10)
    },
    doneIfPresent: ["ON2"]
  },
  {
    name: "06 onboarding: Fri 2026-12-18 + 10 bd = Fri 2027-01-01 (today); premium small account → core",
    today: "2027-01-01", // Fri
    facts: {
      id: id15(6),
      name: "Fir Pediatrics",
      products: [C],
      mrr: 100,
      users: 5,
      serviceLevel: "premium",
      assignedOn: "2026-12-18"
    },
    stage: "onboarding",
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "core", // serviceLevel premium → core despite mrr 100 / users 5
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [L, CS, SERV],
      upsellCloseDate: "2027-03-31", // Q1 2027
      nextOpenForum: "2027-01-07" // first Thu of Jan 2027 is after today
    },
    training: [C, C, C],
    steps: {
      ON1: { due: "2026-12-18", status: "overdue" },
      ON2: { due: "2026-12-21", status: "overdue" }, // Fri + 1 bd = Mon 12-21
      ON14: { due: "2027-01-01", status: "due" } // Fri 12-18 + 10 bd: 21–25 (5), 28–Jan 1 (10)
    }
  },
  {
    name: "07 onboarding SMB: smb, digital, L+C plan; no TL steps, no SM4 yet",
    today: "2026-06-05", // Fri
    facts: {
      id: id15(7),
      name: "Grove Dental",
      package: "smb",
      products: [C, L],
      mrr: 250,
      users: 10,
      assignedOn: "2026-06-05"
    },
    stage: "onboarding",
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: true,
      csmTier: "digital", // SMB, basic, users 10, mrr 250
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-07-02" // Jun 4 passed → Jul 2
    },
    training: [L, C, C, C],
    steps: {
      ON1: { due: "2026-06-05", status: "due" },
      ON2: { due: "2026-06-08", status: "upcoming" }, // Fri + 1 bd = Mon 06-08
      ON14: { due: "2026-06-19", status: "upcoming" } // Fri + 10 bd = Fri two weeks later
    },
    absent: ["TL1", "TL2", "SM4", "AD1", "AD3"]
  },
  {
    name: "08 onboarding SMB with standard service level → core; quarter start",
    today: "2026-10-01", // Thu, first Thursday of October, first day of Q4
    facts: {
      id: id15(8),
      name: "Hazel Medical",
      package: "smb",
      serviceLevel: "standard",
      products: [L, C],
      mrr: 250,
      users: 10,
      assignedOn: "2026-10-01"
    },
    stage: "onboarding",
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: true,
      csmTier: "core", // SMB but serviceLevel standard → core (MT-CS-007 exception)
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-12-31",
      nextOpenForum: "2026-10-01" // today is the first Thursday
    },
    training: [L, C, C, C],
    steps: {
      ON1: { due: "2026-10-01", status: "due" },
      ON2: { due: "2026-10-02", status: "upcoming" }, // Thu + 1 bd = Fri
      ON14: { due: "2026-10-15", status: "upcoming" } // Thu 10-01 + 10 bd = Thu 10-15
    }
  },

  // ───────────────────────────── training ─────────────────────────────
  {
    name: "09 training: mrr 3501 → strategic; 6-session plan; TR1 done per held session; TR2#1 done by key, TR2#2 overdue; call wrap-ups kept",
    today: "2026-02-26", // Thu
    facts: {
      id: id15(9),
      name: "Iris Hospital",
      products: [CS, L, C],
      mrr: 3501,
      users: 120,
      serviceLevel: "standard",
      assignedOn: "2026-02-02",
      onboardingCallScheduledFor: "2026-02-10",
      onboardingCallCompletedOn: "2026-02-10",
      trainingsCompletedOn: ["2026-02-17", "2026-02-24"],
      done: ["ON8", "TR2#1"]
    },
    stage: "training", // call done, 2 < 6 trainings
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "strategic", // 3501 > 3500
      hybrid: false,
      surveyTier: true,
      upsellCandidates: [SERV],
      upsellCloseDate: "2026-03-31",
      nextOpenForum: "2026-03-05" // Feb 5 passed → Mar 5
    },
    training: [L, C, C, C, CS, CS],
    steps: {
      // TR1 has "no fixed date"; once held, whether due shows the session date or null is open
      // (ambiguity A7), so only the status is asserted for held sessions.
      "TR1#1": { status: "done" }, // trainingsCompletedOn[0] exists
      "TR1#2": { status: "done" },
      "TR1#3": { due: null, status: "info" },
      "TR1#4": { due: null, status: "info" },
      "TR1#5": { due: null, status: "info" },
      "TR1#6": { due: null, status: "info" },
      "TR2#1": { due: "2026-02-17", status: "done" }, // session 1 date; checked off
      "TR2#2": { due: "2026-02-24", status: "overdue" }, // session 2 date < today
      ON11: { due: "2026-02-10", status: "overdue" } // wrap-up of the call, kept until done
    },
    // ON12 is listed as a wrap-up kept until done, but the fact onboardingCallCompletedOn IS the
    // entered date, so it may already count as done (and be dropped): ambiguity A2.
    ifPresent: { ON12: { due: "2026-02-10" } },
    doneIfPresent: ["ON8"],
    absent: ["TR1#7", "TR3", "ON1", "ON4", "ON7", "TL1", "TL2", "AD1", "AD3"]
  },
  {
    name: "10 training: compliance + FMC → hybrid; mrr 3500 → core; TR2#1 due on the session day",
    today: "2026-05-04", // Mon
    facts: {
      id: id15(10),
      name: "Juniper Health",
      products: [SERV, C],
      mrr: 3500,
      users: 40,
      assignedOn: "2026-04-20",
      onboardingCallScheduledFor: "2026-04-28",
      onboardingCallCompletedOn: "2026-04-28",
      trainingsCompletedOn: ["2026-05-04"]
    },
    stage: "training", // 1 < 3
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "core",
      hybrid: true, // credentialing_service + compliance
      surveyTier: true,
      upsellCandidates: [L, CS],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-05-07" // first Thu of May is after today
    },
    training: [C, C, C], // FMC adds no session
    steps: {
      "TR1#1": { status: "done" }, // held; due left open (A7)
      "TR1#2": { due: null, status: "info" },
      "TR1#3": { due: null, status: "info" },
      "TR2#1": { due: "2026-05-04", status: "due" },
      ON8: { due: "2026-04-28", status: "overdue" }, // onboardingCallCompletedOn, not done
      ON11: { due: "2026-04-28", status: "overdue" }
    },
    absent: ["TR1#4", "TR3", "TL1"]
  },
  {
    name: "27 training + past_due + at_risk: PD2 = pastDueSince + 14 across February",
    today: "2026-03-06", // Fri
    facts: {
      id: id15(27),
      name: "Quince Labs",
      products: [L, C],
      mrr: 900,
      users: 35,
      onboardingCallCompletedOn: "2026-02-10",
      trainingsCompletedOn: ["2026-02-17"],
      pastDueSince: "2026-02-20",
      riskSignals: ["late_payment"],
      done: ["TR2#1"]
    },
    stage: "training",
    situations: ["past_due", "at_risk"],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "core",
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-03-31",
      nextOpenForum: "2026-04-02"
    },
    training: [L, C, C, C],
    steps: {
      PD2: { due: "2026-03-06", status: "due" }, // Feb 20 + 14: Feb 28 = +8, Mar 6 = +14
      "TR2#1": { due: "2026-02-17", status: "done" },
      "TR1#1": { status: "done" } // held; due left open (A7)
    },
    rulesPresent: ["PD1", "PD3", "RK1", "RK2", "RK3"],
    rulesAbsent: ["UP2", "CX1"]
  },

  // ───────────────────────────── adoption (non-SMB) ─────────────────────────────
  {
    name: "11 adoption_30, leap year: onboarding complete 2028-01-30 + 30 = 2028-02-29; mrr 999 → no survey tier",
    today: "2028-02-29", // Tue
    facts: {
      id: id15(11),
      name: "Kestrel Ortho",
      products: [L],
      mrr: 999,
      users: 20,
      assignedOn: "2028-01-03",
      onboardingCallScheduledFor: "2028-01-10",
      onboardingCallCompletedOn: "2028-01-10",
      onboardingCompletedOn: "2028-01-30"
    },
    stage: "adoption_30",
    situations: [],
    derived: {
      onboardingComplete: "2028-01-30",
      smb: false,
      csmTier: "core", // 999 > 500
      hybrid: false,
      surveyTier: false, // 999 < 1000
      upsellCandidates: [C, CS, SERV],
      upsellCloseDate: "2028-03-31",
      nextOpenForum: "2028-03-02" // Feb 3 passed → Mar 2 2028
    },
    training: [L],
    steps: {
      AD1: { due: "2028-02-22", status: "overdue" }, // +30 − 7 = +23: Jan 31 +1, Feb 22 +23
      AD3: { due: "2028-02-29", status: "due" }, // Jan 30 + 30: Jan 31 +1, Feb 29 +30 (leap)
      AD4: { due: "2028-02-29", status: "due" }, // meeting not held → planned date
      AD5: { due: "2028-02-29", status: "due" },
      AD6: { due: "2028-02-29", status: "due" },
      TL1: { due: "2028-04-14", status: "upcoming" }, // +75: Feb 29 +30, Mar 31 +61, Apr 14 +75
      TL2: { due: "2028-06-28", status: "upcoming" } // +150: Apr 30 +91, May 31 +122, Jun 28 +150
    },
    absent: ["TR3", "ON1", "ON7", "AD9", "SM4"]
  },
  {
    name: "12 adoption_30 from the last training (C+CS = 5 sessions); TR2 of the last session kept, earlier TR2 not",
    today: "2026-06-15", // Mon
    facts: {
      id: id15(12),
      name: "Laurel Rehab",
      products: [C, CS],
      mrr: 1000,
      users: 51,
      assignedOn: "2026-04-27",
      onboardingCallScheduledFor: "2026-05-05",
      onboardingCallCompletedOn: "2026-05-05",
      trainingsCompletedOn: ["2026-05-11", "2026-05-13", "2026-05-18", "2026-05-20", "2026-05-22"],
      done: ["TR2#1", "TR2#2", "TR2#3"]
    },
    stage: "adoption_30",
    situations: [],
    derived: {
      onboardingComplete: "2026-05-22", // D1: date of the 5th (last required) training
      smb: false,
      csmTier: "core",
      hybrid: false,
      surveyTier: true, // 1000 ≥ 1000
      upsellCandidates: [L, SERV],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-07-02" // Jun 4 passed → Jul 2
    },
    training: [C, C, C, CS, CS],
    steps: {
      "TR2#5": { due: "2026-05-22", status: "overdue" }, // wrap-up of the last training, kept until done
      AD1: { due: "2026-06-14", status: "overdue" }, // May 22 + 23: May 31 +9, Jun 14 +23
      AD3: { due: "2026-06-21", status: "upcoming" }, // May 22 + 30 = Jun 21
      AD4: { due: "2026-06-21", status: "upcoming" },
      AD5: { due: "2026-06-21", status: "upcoming" },
      AD6: { due: "2026-06-21", status: "upcoming" },
      TL1: { due: "2026-08-05", status: "upcoming" }, // +75: Jun 30 +39, Jul 31 +70, Aug 5 +75
      TL2: { due: "2026-10-19", status: "upcoming" } // +150: Aug 31 +101, Sep 30 +131, Oct 19 +150
    },
    absent: ["TR2#4", "TR3"]
  },
  {
    name: "13 adoption_90, mrr 1000: AD7/AD9 at +83, AD10/AD12–14 at +90 (planned); AD5/AD6 kept with the held 30-day date; TL1 overdue",
    today: "2026-04-01", // Wed
    facts: {
      id: id15(13),
      name: "Maple Vision",
      products: [L, C],
      mrr: 1000,
      users: 40,
      onboardingCallCompletedOn: "2025-12-10",
      onboardingCompletedOn: "2026-01-15",
      adoption30MeetingOn: "2026-02-16",
      done: ["AD4"]
    },
    stage: "adoption_90",
    situations: [],
    derived: {
      onboardingComplete: "2026-01-15",
      smb: false,
      csmTier: "core",
      hybrid: false,
      surveyTier: true,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-06-30", // Apr 1 is in Q2
      nextOpenForum: "2026-04-02" // first Thu of April is tomorrow
    },
    training: [L, C, C, C],
    steps: {
      AD5: { due: "2026-02-16", status: "overdue" }, // held meeting date, kept until done
      AD6: { due: "2026-02-16", status: "overdue" },
      AD7: { due: "2026-04-08", status: "upcoming" }, // Jan 15 + 83: Jan 31 +16, Feb 28 +44, Mar 31 +75, Apr 8 +83
      AD9: { due: "2026-04-08", status: "upcoming" }, // mrr ≥ 1000; same date
      AD10: { due: "2026-04-15", status: "upcoming" }, // +90 = Apr 15
      AD12: { due: "2026-04-15", status: "upcoming" }, // 90-day meeting not held → planned date
      AD13: { due: "2026-04-15", status: "upcoming" },
      AD14: { due: "2026-04-15", status: "upcoming" },
      TL1: { due: "2026-03-31", status: "overdue" }, // +75 = Mar 31
      TL2: { due: "2026-06-14", status: "upcoming" } // +150: Apr 30 +105, May 31 +136, Jun 14 +150
    },
    doneIfPresent: ["AD4"],
    absent: ["AD1", "AD3", "TR3", "SM4"]
  },
  {
    name: "14 adoption_90, mrr 999: AD9 and AD11 absent even with a sent survey",
    today: "2026-04-20", // Mon
    facts: {
      id: id15(14),
      name: "Nettle Family Med",
      products: [L, C],
      mrr: 999,
      users: 40,
      onboardingCallCompletedOn: "2025-12-10",
      onboardingCompletedOn: "2026-01-15",
      adoption30MeetingOn: "2026-02-16",
      sentimentSurveySentOn: "2026-04-08",
      done: ["AD4", "AD5", "AD6"]
    },
    stage: "adoption_90",
    situations: [],
    derived: {
      onboardingComplete: "2026-01-15",
      smb: false,
      csmTier: "core",
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-05-07" // Apr 2 passed → May 7
    },
    training: [L, C, C, C],
    steps: {
      AD7: { due: "2026-04-08" },
      AD10: { due: "2026-04-15", status: "overdue" },
      AD12: { due: "2026-04-15", status: "overdue" },
      TL1: { due: "2026-03-31", status: "overdue" },
      TL2: { due: "2026-06-14", status: "upcoming" }
    },
    doneIfPresent: ["AD4", "AD5", "AD6"],
    absent: ["AD9", "AD11"]
  },
  {
    name: "15 adoption_90: survey sent Wed 04-08, unanswered → AD11 = +7 = 04-15 (today); explicit csmTier wins over mrr",
    today: "2026-04-15", // Wed
    facts: {
      id: id15(15),
      name: "Oak Cardiology",
      products: [L, C, CS],
      mrr: 2000,
      users: 80,
      csmTier: "digital",
      onboardingCallCompletedOn: "2025-12-10",
      onboardingCompletedOn: "2026-01-15",
      adoption30MeetingOn: "2026-02-13",
      sentimentSurveySentOn: "2026-04-08",
      done: ["AD4", "AD5", "AD6"]
    },
    stage: "adoption_90",
    situations: [],
    derived: {
      onboardingComplete: "2026-01-15",
      smb: false,
      csmTier: "digital", // given → used as is (D3)
      hybrid: false,
      surveyTier: true,
      upsellCandidates: [SERV],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-05-07"
    },
    training: [L, C, C, C, CS, CS],
    steps: {
      AD9: { due: "2026-04-08" }, // status not asserted: sending the survey may count as done
      AD10: { due: "2026-04-15", status: "due" },
      AD11: { due: "2026-04-15", status: "due" }, // 04-08 + 7
      AD12: { due: "2026-04-15", status: "due" },
      AD13: { due: "2026-04-15", status: "due" },
      AD14: { due: "2026-04-15", status: "due" },
      TL1: { due: "2026-03-31", status: "overdue" }
    },
    doneIfPresent: ["AD4", "AD5", "AD6"]
  },
  {
    name: "16 adoption_90: survey answered → AD11 not pending; mrr 5000 → strategic",
    today: "2026-04-16",
    facts: {
      id: id15(16),
      name: "Pine Oncology",
      products: [C],
      mrr: 5000,
      users: 300,
      serviceLevel: "premium",
      onboardingCallCompletedOn: "2025-12-10",
      onboardingCompletedOn: "2026-01-15",
      adoption30MeetingOn: "2026-02-13",
      sentimentSurveySentOn: "2026-04-08",
      sentimentSurveyReceivedOn: "2026-04-10",
      done: ["AD4", "AD5", "AD6"]
    },
    stage: "adoption_90",
    situations: [],
    derived: {
      onboardingComplete: "2026-01-15",
      smb: false,
      csmTier: "strategic",
      hybrid: false,
      surveyTier: true,
      upsellCandidates: [L, CS, SERV],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-05-07"
    },
    training: [C, C, C],
    steps: {
      AD10: { due: "2026-04-15", status: "overdue" },
      TL2: { due: "2026-06-14", status: "upcoming" }
    },
    doneIfPresent: ["AD11"]
  },
  {
    name: "17 retention after a late 90-day meeting: AD12–AD14 keep the held date; TL1 held → gone; TL2 still there; upsell",
    today: "2026-04-21",
    facts: {
      id: id15(17),
      name: "Rowan Clinic",
      products: [L, C],
      mrr: 1200,
      users: 45,
      onboardingCallCompletedOn: "2025-12-10",
      onboardingCompletedOn: "2026-01-15",
      adoption30MeetingOn: "2026-02-16",
      adoption90MeetingOn: "2026-04-20",
      tl75CheckInOn: "2026-03-31",
      done: ["AD4", "AD5", "AD6", "AD13"]
    },
    stage: "retention",
    situations: ["upsell"], // always in retention
    derived: {
      onboardingComplete: "2026-01-15",
      smb: false,
      csmTier: "core",
      hybrid: false,
      surveyTier: true,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-05-07"
    },
    training: [L, C, C, C],
    steps: {
      AD12: { due: "2026-04-20", status: "overdue" }, // held date (not the planned Apr 15)
      AD14: { due: "2026-04-20", status: "overdue" },
      TL2: { due: "2026-06-14", status: "upcoming" }
    },
    doneIfPresent: ["AD13", "AD4", "AD5", "AD6"],
    absent: ["TL1", "AD7", "AD10", "AD3", "AD1"],
    rulesPresent: ["UP1", "UP2", "UP3", "UP4"]
  },
  {
    name: "18 retention, all four products (hybrid, no upsell candidates), both TL check-ins held; quarter-end today",
    today: "2026-09-30", // Wed, last day of Q3
    facts: {
      id: id15(18),
      name: "Sage Health System",
      products: [SERV, CS, C, L],
      mrr: 3000,
      users: 100,
      onboardingCallCompletedOn: "2025-12-10",
      onboardingCompletedOn: "2026-01-15",
      adoption30MeetingOn: "2026-02-16",
      adoption90MeetingOn: "2026-04-15",
      tl75CheckInOn: "2026-03-31",
      tl150CheckInOn: "2026-06-14",
      done: ["AD4", "AD5", "AD6", "AD12", "AD13", "AD14"]
    },
    stage: "retention",
    situations: ["upsell"],
    derived: {
      onboardingComplete: "2026-01-15",
      smb: false,
      csmTier: "core",
      hybrid: true,
      surveyTier: true,
      upsellCandidates: [],
      upsellCloseDate: "2026-09-30",
      nextOpenForum: "2026-10-01" // Sep 3 passed → Oct 1
    },
    training: [L, C, C, C, CS, CS],
    steps: {},
    doneIfPresent: ["AD12", "AD13", "AD14"],
    absent: ["TL1", "TL2"],
    rulesPresent: ["UP2"]
  },
  {
    name: "24 adoption_30 + failed_to_onboard case: FO5 weekly +7/+14/+21/+28 (FO5#3 done by key), FO6 +30 across February",
    today: "2026-02-13", // Fri
    facts: {
      id: id15(24),
      name: "Walnut Dermatology",
      products: [L, C],
      mrr: 600,
      users: 25,
      onboardingCallCompletedOn: "2026-01-12",
      unresponsiveSince: "2026-01-20",
      onboardingCompletedOn: "2026-01-30",
      failedToOnboardCaseOpenedOn: "2026-01-30",
      done: [
        "FO1#1",
        "FO1#2",
        "FO1#3",
        "FO1#4",
        "FO1#5",
        "FO1#6",
        "FO1#7",
        "FO1#8",
        "FO1#9",
        "FO1#10",
        "FO2",
        "FO3",
        "FO5#3"
      ]
    },
    stage: "adoption_30",
    situations: ["failed_to_onboard"], // unresponsive Jan 20, before onboarding completed Jan 30
    derived: {
      onboardingComplete: "2026-01-30",
      smb: false,
      csmTier: "core",
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-03-31",
      nextOpenForum: "2026-03-05"
    },
    training: [L, C, C, C],
    steps: {
      FO4: { due: "2026-01-30" }, // Jan 20 + 10; status open (case opened may count as done)
      "FO5#1": { due: "2026-02-06", status: "overdue" }, // Jan 30 + 7
      "FO5#2": { due: "2026-02-13", status: "due" }, // + 14
      "FO5#3": { due: "2026-02-20", status: "done" }, // + 21, checked off
      "FO5#4": { due: "2026-02-27", status: "upcoming" }, // + 28
      FO6: { due: "2026-03-01", status: "upcoming" }, // Jan 30 + 30: Jan 31 +1, Feb 28 +29, Mar 1 +30
      AD1: { due: "2026-02-22", status: "upcoming" }, // Jan 30 + 23
      AD3: { due: "2026-03-01", status: "upcoming" }, // Jan 30 + 30
      TL1: { due: "2026-04-15", status: "upcoming" } // Jan 30 + 75: Mar 1 +30, Mar 31 +60, Apr 15 +75
    },
    doneIfPresent: ["FO1#1", "FO1#10", "FO2", "FO3"],
    absent: ["FO5#5", "FO5#0"]
  },
  {
    name: "25 adoption_30: unresponsive only after onboarding completed → no failed_to_onboard; risk signals → at_risk",
    today: "2026-05-05",
    facts: {
      id: id15(25),
      name: "Yarrow Podiatry",
      products: [L, C],
      mrr: 800,
      users: 30,
      onboardingCallCompletedOn: "2026-03-20",
      onboardingCompletedOn: "2026-04-01",
      unresponsiveSince: "2026-05-01",
      riskSignals: ["unresponsive", "postponing_meetings"]
    },
    stage: "adoption_30",
    situations: ["at_risk"],
    derived: {
      onboardingComplete: "2026-04-01",
      smb: false,
      csmTier: "core",
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-05-07"
    },
    training: [L, C, C, C],
    steps: {
      AD1: { due: "2026-04-24", status: "overdue" }, // Apr 1 + 23
      AD3: { due: "2026-05-01", status: "overdue" }, // Apr 1 + 30: Apr 30 +29, May 1 +30
      TL1: { due: "2026-06-15", status: "upcoming" } // Apr 1 + 75: Apr 30 +29, May 31 +60, Jun 15 +75
    },
    rulesPresent: ["RK1", "RK2", "RK3"],
    rulesAbsent: ["FO1", "FO2", "FO5", "UP2"]
  },
  {
    name: "26 retention + cancellation on Dec 31: CX1 same day, CX2 +1 calendar day = 2027-01-01, CX5 no date",
    today: "2026-12-31",
    facts: {
      id: id15(26),
      name: "Zinnia Imaging",
      products: [C, CS],
      mrr: 1500,
      users: 60,
      onboardingCallCompletedOn: "2026-05-10",
      onboardingCompletedOn: "2026-06-01",
      adoption30MeetingOn: "2026-07-01",
      adoption90MeetingOn: "2026-08-31",
      tl75CheckInOn: "2026-08-15",
      tl150CheckInOn: "2026-10-29",
      done: ["AD4", "AD5", "AD6", "AD12", "AD13", "AD14"],
      cancellationRequestedOn: "2026-12-31"
    },
    stage: "retention",
    situations: ["cancellation", "upsell"],
    derived: {
      onboardingComplete: "2026-06-01",
      smb: false,
      csmTier: "core",
      hybrid: false,
      surveyTier: true,
      upsellCandidates: [L, SERV],
      upsellCloseDate: "2026-12-31",
      nextOpenForum: "2027-01-07"
    },
    training: [C, C, C, CS, CS],
    steps: {
      CX1: { due: "2026-12-31", status: "due" },
      CX2: { due: "2027-01-01", status: "upcoming" },
      CX5: { due: null, status: "info" }
    },
    absent: ["TL1", "TL2"]
  },

  // ───────────────────────────── SMB 60-day track ─────────────────────────────
  {
    name: "19 smb_adoption: last training Fri 03-06 → TR3 kept; SM3/SM4/SM5 at +60 = 05-05; no TL check-ins",
    today: "2026-03-10",
    facts: {
      id: id15(19),
      name: "Aspen Chiro",
      package: "smb",
      products: [L, C],
      mrr: 250,
      users: 10,
      onboardingCallCompletedOn: "2026-02-20",
      trainingsCompletedOn: ["2026-02-24", "2026-02-26", "2026-03-03", "2026-03-06"],
      done: ["TR2#4"]
    },
    stage: "smb_adoption",
    situations: [],
    derived: {
      onboardingComplete: "2026-03-06",
      smb: true,
      csmTier: "digital",
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-03-31",
      nextOpenForum: "2026-04-02"
    },
    training: [L, C, C, C],
    steps: {
      TR3: { due: "2026-03-06", status: "overdue" }, // last training date
      SM3: { due: "2026-05-05", status: "upcoming" }, // meeting not held → planned +60
      SM4: { due: "2026-05-05", status: "upcoming" }, // Mar 6 + 60: Mar 31 +25, Apr 30 +55, May 5 +60
      SM5: { due: "2026-05-05", status: "upcoming" }
    },
    doneIfPresent: ["TR2#4"],
    absent: ["TL1", "TL2", "AD1", "AD3", "AD10"]
  },
  {
    name: "20 smb_adoption on the last training day: TR2#4 and TR3 due today; SMB with 60 users → core",
    today: "2026-07-31", // Fri
    facts: {
      id: id15(20),
      name: "Birch Wellness",
      package: "smb",
      products: [L, C],
      mrr: 250,
      users: 60,
      onboardingCallCompletedOn: "2026-07-14",
      trainingsCompletedOn: ["2026-07-20", "2026-07-22", "2026-07-27", "2026-07-31"]
    },
    stage: "smb_adoption",
    situations: [],
    derived: {
      onboardingComplete: "2026-07-31",
      smb: true,
      csmTier: "core", // users 60 > 50 overrides SMB → digital
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-09-30",
      nextOpenForum: "2026-08-06" // Jul 2 passed → Aug 6
    },
    training: [L, C, C, C],
    steps: {
      "TR2#4": { due: "2026-07-31", status: "due" },
      TR3: { due: "2026-07-31", status: "due" },
      SM4: { due: "2026-09-29", status: "upcoming" } // Jul 31 + 60: Aug 31 +31, Sep 29 +60
    },
    absent: ["TR2#3", "TL1", "TL2"]
  },
  {
    name: "21 SMB retention after the adoption meeting: SM5 kept with the held date, SM4 gone",
    today: "2026-05-08", // Fri, day after first Thursday May 7
    facts: {
      id: id15(21),
      name: "Clover Therapy",
      package: "smb",
      products: [L, C],
      mrr: 250,
      users: 10,
      onboardingCallCompletedOn: "2026-02-20",
      onboardingCompletedOn: "2026-03-06",
      trainingsCompletedOn: ["2026-02-24", "2026-02-26", "2026-03-03", "2026-03-06"],
      smbAdoptionMeetingOn: "2026-05-07",
      done: ["TR2#4", "TR3", "SM3"]
    },
    stage: "retention",
    situations: ["upsell"],
    derived: {
      onboardingComplete: "2026-03-06",
      smb: true,
      csmTier: "digital",
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-06-04" // May 7 was yesterday → Jun 4
    },
    training: [L, C, C, C],
    steps: {
      SM5: { due: "2026-05-07", status: "overdue" }
    },
    doneIfPresent: ["SM3", "TR3", "TR2#4"],
    absent: ["SM4", "TL1", "TL2"]
  },
  {
    name: "22 settings: basic service level on the 60-day track → smb_adoption for a non-SMB account",
    today: "2026-07-01",
    settings: { sixtyDayTrack: { serviceLevels: ["basic"] } },
    facts: {
      id: id15(22),
      name: "Dogwood Vet",
      products: [L],
      mrr: 700,
      users: 20,
      onboardingCallCompletedOn: "2026-06-20",
      onboardingCompletedOn: "2026-07-01"
    },
    stage: "smb_adoption",
    situations: [],
    derived: {
      onboardingComplete: "2026-07-01",
      smb: false, // D2 is the package, not the track
      csmTier: "core",
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [C, CS, SERV],
      upsellCloseDate: "2026-09-30",
      nextOpenForum: "2026-07-02"
    },
    training: [L],
    steps: {
      SM4: { due: "2026-08-30", status: "upcoming" } // Jul 1 + 60: Jul 31 +30, Aug 30 +60
    },
    absent: ["AD1", "AD3", "AD10"]
  },

  // ───────────────────────────── failed to onboard ─────────────────────────────
  {
    name: "23 onboarding + failed_to_onboard: FO1#1..#10 daily incl. weekend, FO2–FO4 at +10",
    today: "2026-03-05", // Thu
    facts: {
      id: id15(23),
      name: "Ivy Urgent Care",
      products: [C],
      mrr: 300,
      users: 15,
      assignedOn: "2026-02-23",
      unresponsiveSince: "2026-03-02",
      done: ["FO1#1"]
    },
    stage: "onboarding",
    situations: ["failed_to_onboard"],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "digital",
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [L, CS, SERV],
      upsellCloseDate: "2026-03-31",
      nextOpenForum: "2026-03-05" // today Thu Mar 5 is the first Thursday of March → today
    },
    training: [C, C, C],
    steps: {
      "FO1#1": { due: "2026-03-02", status: "done" },
      "FO1#2": { due: "2026-03-03", status: "overdue" },
      "FO1#3": { due: "2026-03-04", status: "overdue" },
      "FO1#4": { due: "2026-03-05", status: "due" },
      "FO1#5": { due: "2026-03-06", status: "upcoming" },
      "FO1#6": { due: "2026-03-07", status: "upcoming" }, // Sat: calendar days
      "FO1#7": { due: "2026-03-08", status: "upcoming" }, // Sun
      "FO1#8": { due: "2026-03-09", status: "upcoming" },
      "FO1#9": { due: "2026-03-10", status: "upcoming" },
      "FO1#10": { due: "2026-03-11", status: "upcoming" }, // unresponsiveSince + 9
      FO2: { due: "2026-03-12", status: "upcoming" }, // + 10
      FO3: { due: "2026-03-12", status: "upcoming" },
      FO4: { due: "2026-03-12", status: "upcoming" },
      ON1: { due: "2026-02-23", status: "overdue" },
      ON2: { due: "2026-02-24", status: "overdue" }, // Mon + 1 bd
      ON14: { due: "2026-03-09", status: "upcoming" } // Mon 02-23 + 10 bd = Mon 03-09
    },
    absent: ["FO1#11", "FO1#0"]
  },

  // ───────────────────────────── settings ─────────────────────────────
  {
    name: "28 settings: AD1 and TL1 disabled → absent; strategic threshold 3000 → mrr 3001 strategic",
    today: "2026-10-05", // Mon
    settings: { disabledRules: ["AD1", "TL1"], thresholds: { strategicMinMrr: 3000 } },
    facts: {
      id: id15(28),
      name: "Hemlock Sleep",
      products: [L],
      mrr: 3001,
      users: 10,
      onboardingCallCompletedOn: "2026-09-28",
      onboardingCompletedOn: "2026-10-05"
    },
    stage: "adoption_30",
    situations: [],
    derived: {
      onboardingComplete: "2026-10-05",
      smb: false,
      csmTier: "strategic",
      hybrid: false,
      surveyTier: true,
      upsellCandidates: [C, CS, SERV],
      upsellCloseDate: "2026-12-31",
      nextOpenForum: "2026-11-05" // Oct 1 passed → Nov 5
    },
    training: [L],
    steps: {
      AD3: { due: "2026-11-04", status: "upcoming" }, // Oct 5 + 30: Oct 31 +26, Nov 4 +30
      AD4: { due: "2026-11-04", status: "upcoming" },
      TL2: { due: "2027-03-04", status: "upcoming" } // +150: Oct 31 +26, Nov 30 +56, Dec 31 +87, Jan 31 +118, Feb 28 +146, Mar 4 +150
    },
    absent: ["AD1", "TL1"],
    rulesAbsent: ["AD1", "TL1"]
  },
  {
    name: "29 settings: survey threshold 500 → mrr 600 gets AD9 in adoption_90",
    today: "2026-04-08",
    settings: { thresholds: { surveyMrr: 500 } },
    facts: {
      id: id15(29),
      name: "Juniper Audiology",
      products: [C],
      mrr: 600,
      users: 20,
      onboardingCallCompletedOn: "2025-12-10",
      onboardingCompletedOn: "2026-01-15",
      adoption30MeetingOn: "2026-02-13",
      done: ["AD4", "AD5", "AD6"]
    },
    stage: "adoption_90",
    situations: [],
    derived: {
      onboardingComplete: "2026-01-15",
      smb: false,
      csmTier: "core",
      hybrid: false,
      surveyTier: true, // 600 ≥ 500
      upsellCandidates: [L, CS, SERV],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-05-07"
    },
    training: [C, C, C],
    steps: {
      AD7: { due: "2026-04-08", status: "due" },
      AD9: { due: "2026-04-08", status: "due" },
      AD10: { due: "2026-04-15", status: "upcoming" }
    }
  },
  {
    name: "30 settings: welcome reminder after 3 business days → Fri + 3 bd = Wed",
    today: "2026-03-06", // Fri
    settings: { timing: { welcomeReminderBusinessDays: 3 } },
    facts: { id: id15(30), name: "Kiwi Pharmacy", products: [L, C], mrr: 400, users: 12, assignedOn: "2026-03-06" },
    stage: "onboarding",
    situations: [],
    derived: {
      onboardingComplete: null,
      smb: false,
      csmTier: "digital",
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-03-31",
      nextOpenForum: "2026-04-02"
    },
    training: [L, C, C, C],
    steps: {
      ON1: { due: "2026-03-06", status: "due" },
      ON2: { due: "2026-03-11", status: "upcoming" } // Fri 03-06 + 3 bd: Mon 9, Tue 10, Wed 11
    }
  },
  {
    name: "31 onboarding + cancellation: CX2 = request + 1 calendar day; SMB with mrr 501 → core; a Thursday that is not the first → next month's forum",
    today: "2026-03-12", // Thu, second Thursday of March
    facts: {
      id: id15(31),
      name: "Lilac Dental",
      package: "smb",
      products: [L, C],
      mrr: 501,
      users: 10,
      assignedOn: "2026-03-10",
      cancellationRequestedOn: "2026-03-11"
    },
    stage: "onboarding",
    situations: ["cancellation"],
    derived: {
      onboardingComplete: null,
      smb: true,
      csmTier: "core", // SMB, but mrr 501 > 500 → core
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-03-31",
      nextOpenForum: "2026-04-02" // Mar 5 was the first Thursday; today (Mar 12) is not → Apr 2
    },
    training: [L, C, C, C],
    steps: {
      ON1: { due: "2026-03-10", status: "overdue" },
      ON2: { due: "2026-03-11", status: "overdue" }, // Tue + 1 bd = Wed
      ON14: { due: "2026-03-24", status: "upcoming" }, // Tue 03-10 + 10 bd = Tue 03-24
      CX1: { due: "2026-03-11", status: "overdue" },
      CX2: { due: "2026-03-12", status: "due" }, // + 1 day
      CX5: { due: null, status: "info" }
    },
    absent: ["TL1", "TL2"],
    rulesAbsent: ["UP2", "PD2", "FO1"]
  },
  {
    name: "32 SMB retention with every situation at once; Q2 ends today; PD2 and CX2 due today",
    today: "2026-06-30", // Tue, last day of Q2
    facts: {
      id: id15(32),
      name: "Mallow Clinic",
      package: "smb",
      products: [L, C],
      mrr: 250,
      users: 8,
      onboardingCallCompletedOn: "2026-02-20",
      onboardingCompletedOn: "2026-03-06",
      smbAdoptionMeetingOn: "2026-05-07",
      done: ["SM3", "SM5"],
      pastDueSince: "2026-06-16",
      cancellationRequestedOn: "2026-06-29",
      riskSignals: ["negative_feedback", "late_payment"]
    },
    stage: "retention",
    situations: ["cancellation", "past_due", "at_risk", "upsell"],
    derived: {
      onboardingComplete: "2026-03-06",
      smb: true,
      csmTier: "digital",
      hybrid: false,
      surveyTier: false,
      upsellCandidates: [CS, SERV],
      upsellCloseDate: "2026-06-30",
      nextOpenForum: "2026-07-02" // Jun 4 passed → Jul 2
    },
    training: [L, C, C, C],
    steps: {
      CX1: { due: "2026-06-29", status: "overdue" },
      CX2: { due: "2026-06-30", status: "due" },
      PD2: { due: "2026-06-30", status: "due" } // Jun 16 + 14 = Jun 30
    },
    doneIfPresent: ["SM3", "SM5"],
    absent: ["SM4", "TL1", "TL2"],
    rulesPresent: ["PD1", "PD3", "RK1", "RK2", "RK3", "UP1", "UP2", "UP3", "UP4"]
  }
]

/** Templates the rules name explicitly (§5). ON11 switches for SMB accounts. */
function expectedTemplate(rule: RuleId, smb: boolean): TemplateId | undefined {
  const byRule: Partial<Record<RuleId, TemplateId>> = {
    ON11: smb ? "smb_onboarding_call_recap" : "onboarding_call_recap",
    TR2: "training_recap",
    TR3: "smb_onboarding_completed",
    AD4: "adoption_30_recap",
    AD11: "sentiment_survey_reminder",
    AD12: "adoption_90_recap",
    TL1: "tl_75_checkin_recap",
    TL2: "tl_150_checkin_recap"
  }
  return byRule[rule]
}

const ruleIndex = (rule: string) => (RULE_IDS as readonly string[]).indexOf(rule)
const sorted = (values: readonly string[]) => [...values].sort()

function plan(c: OracleCase): Plan {
  const settings = c.settings ? TeamSettings.parse(c.settings) : DEFAULT_SETTINGS
  return buildPlan(AccountFacts.parse(c.facts), settings, c.today)
}

describe("spec oracle: hand-computed plans", () => {
  it("has at least 25 cases with unique names", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25)
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
  })

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = () => plan(c)

    it("account id normalised to 18 chars, stage, situations", () => {
      const p = result()
      expect(p.account.id).toBe(id18(Number(c.facts.id.slice(-2))))
      expect(p.account.name).toBe(c.facts.name)
      expect(p.stage).toBe(c.stage)
      expect(sorted(p.situations)).toEqual(sorted(c.situations))
      expect(new Set(p.situations).size).toBe(p.situations.length)
    })

    it("derived facts", () => {
      const d = result().derived
      expect({ ...d, upsellCandidates: sorted(d.upsellCandidates) }).toEqual({
        ...c.derived,
        upsellCandidates: sorted(c.derived.upsellCandidates)
      })
    })

    it("training plan: session order and products (§4)", () => {
      const p = result()
      const settings = c.settings ? TeamSettings.parse(c.settings) : DEFAULT_SETTINGS
      expect(p.trainingPlan.map((s) => s.session)).toEqual(c.training.map((_, i) => i + 1))
      expect(p.trainingPlan.map((s) => s.product)).toEqual(c.training)
      // Modules: the k-th session of a product carries that product's k-th module list.
      const seen: Partial<Record<Product, number>> = {}
      for (const s of p.trainingPlan) {
        const k = seen[s.product] ?? 0
        seen[s.product] = k + 1
        expect(s.modules).toEqual(settings.trainingModules[s.product][k])
      }
    })

    it("expected steps present with hand-computed due dates and statuses", () => {
      const p = result()
      const byKey = new Map(p.steps.map((s) => [s.key, s]))
      for (const [key, want] of Object.entries(c.steps)) {
        const step = byKey.get(key)
        expect(step, `step ${key} should be in the plan`).toBeDefined()
        if (!step) continue
        if (want.due !== undefined) expect(step.due, `${key}.due`).toBe(want.due)
        if (want.status !== undefined) expect(step.status, `${key}.status`).toBe(want.status)
      }
    })

    it("steps that must be absent or not pending", () => {
      const p = result()
      const byKey = new Map(p.steps.map((s) => [s.key, s]))
      for (const key of c.absent ?? []) expect(byKey.has(key), `step ${key} should be absent`).toBe(false)
      for (const [key, want] of Object.entries(c.ifPresent ?? {})) {
        const step = byKey.get(key)
        if (!step) continue
        if (want.due !== undefined) expect(step.due, `${key}.due`).toBe(want.due)
        if (want.status !== undefined) expect(step.status, `${key}.status`).toBe(want.status)
      }
      for (const key of c.doneIfPresent ?? []) {
        const step = byKey.get(key)
        if (step) expect(step.status, `${key} present → must be done`).toBe("done")
      }
      const rules = new Set(p.steps.map((s) => s.rule))
      for (const rule of c.rulesPresent ?? []) expect(rules.has(rule), `some ${rule} step expected`).toBe(true)
      for (const rule of c.rulesAbsent ?? []) expect(rules.has(rule), `no ${rule} step expected`).toBe(false)
    })

    it("step invariants: keys, status from due/today, order by due (nulls last) then spec rule order", () => {
      const p = result()
      const settings = c.settings ? TeamSettings.parse(c.settings) : DEFAULT_SETTINGS
      const keys = p.steps.map((s) => s.key)
      expect(new Set(keys).size, "unique step keys").toBe(keys.length)
      for (const s of p.steps) {
        // RULE or RULE#n (n from 1)
        expect(
          s.key === s.rule || new RegExp(`^${s.rule}#[1-9]\\d*$`).test(s.key),
          `key ${s.key} vs rule ${s.rule}`
        ).toBe(true)
        expect(settings.disabledRules).not.toContain(s.rule)
        if (s.status !== "done") {
          const want = s.due === null ? "info" : s.due < c.today ? "overdue" : s.due === c.today ? "due" : "upcoming"
          expect(s.status, `${s.key} status (due ${s.due}, today ${c.today})`).toBe(want)
        }
        if (c.facts.done?.includes(s.key)) expect(s.status, `${s.key} is in done`).toBe("done")
        if (s.rule === "TL1" || s.rule === "TL2") expect(s.role, `${s.key} role`).toBe("team_lead")
        const template = expectedTemplate(s.rule, p.derived.smb)
        if (template) expect(s.template, `${s.key} template`).toBe(template)
      }
      for (let i = 1; i < p.steps.length; i++) {
        const a = p.steps[i - 1]!
        const b = p.steps[i]!
        const where = `${a.key}(${a.due}) before ${b.key}(${b.due})`
        if (a.due === null) expect(b.due, `nulls last: ${where}`).toBeNull()
        else if (b.due !== null) expect(a.due <= b.due, `by due: ${where}`).toBe(true)
        if (a.due === b.due) expect(ruleIndex(a.rule) <= ruleIndex(b.rule), `rule order: ${where}`).toBe(true)
      }
    })
  })
})

/** Rules with a date in §5 that the table above pins down at least once. */
describe("spec oracle: coverage of the dated rules", () => {
  it("every dated rule of §5 has a hand-computed due date in some case", () => {
    const covered = new Set<string>()
    for (const c of cases) {
      for (const [key, want] of [...Object.entries(c.steps), ...Object.entries(c.ifPresent ?? {})]) {
        if (want.due !== undefined) covered.add(key.split("#")[0]!)
      }
      for (const rule of c.rulesPresent ?? []) covered.add(rule)
    }
    const dated: RuleId[] = [
      "ON1",
      "ON2",
      "ON4",
      "ON5",
      "ON6",
      "ON7",
      "ON8",
      "ON11",
      "ON12",
      "ON14",
      "TR1",
      "TR2",
      "TR3",
      "FO1",
      "FO2",
      "FO3",
      "FO4",
      "FO5",
      "FO6",
      "CX1",
      "CX2",
      "AD1",
      "AD3",
      "AD4",
      "AD5",
      "AD6",
      "AD7",
      "AD9",
      "AD10",
      "AD11",
      "AD12",
      "AD13",
      "AD14",
      "TL1",
      "TL2",
      "SM3",
      "SM4",
      "SM5",
      "PD1",
      "PD2",
      "PD3"
    ]
    expect(dated.filter((rule) => !covered.has(rule))).toEqual([])
  })
})
