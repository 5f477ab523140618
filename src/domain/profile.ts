import * as z from "zod"

import { ROLES, type Role } from "./plan"

/** `HH:MM`, 24-hour clock. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time like 08:30")

/** An IANA time zone this JavaScript engine knows (`America/Chicago`), or "" for the browser's own. */
export const TimeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    if (zone === "") return true
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone })
      return true
    } catch {
      return false
    }
  }, "unknown time zone")

/**
 * The CSM's own profile: merge fields (`csmName`, `csmInitials`, `csmSignature`, `calendlyLink`),
 * the time zone "today" is read in, and the daily digest. Each CSM edits theirs on the options
 * page; it is never part of the team settings file.
 */
export const Profile = z.strictObject({
  name: z.string().max(100).default(""),
  initials: z
    .string()
    .regex(/^\p{L}{0,4}$/u, "expected up to 4 letters")
    .default(""),
  signature: z.string().max(2000).default(""),
  calendlyLink: z
    .union([z.literal(""), z.url({ protocol: /^https$/, error: "expected an https address" })])
    .default(""),
  timeZone: TimeZone.default(""),
  /** A notification once a day listing what is due (off by default). */
  dailyDigest: z.boolean().default(false),
  /** When the digest comes, in `timeZone`. */
  digestTime: ClockTime.default("08:30"),
  /** Team Lead steps (TL1, CX3 …) are checked off by a Team Lead only (issue 16, defect 4). */
  role: z.enum(ROLES).default("csm")
})
export type Profile = z.output<typeof Profile>
export type ProfileInput = z.input<typeof Profile>
export const DEFAULT_PROFILE: Profile = Profile.parse({})

/**
 * The profile's merge fields: all that views outside the options page, and the emails they
 * draft, know of the CSM (the time zone and digest stay in the background).
 */
export type CsmIdentity = Pick<Profile, "name" | "initials" | "signature" | "calendlyLink"> & {
  /** Absent: a CSM. */
  role?: Role
}

export const identityOf = ({ name, initials, signature, calendlyLink, role }: CsmIdentity): CsmIdentity => ({
  name,
  initials,
  signature,
  calendlyLink,
  ...(role === "team_lead" ? { role } : {})
})
