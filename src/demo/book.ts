import { plusDays } from "../domain/dates"
import type { AccountFactsInput } from "../domain/facts"
import type { IsoDate } from "../domain/validation"

/**
 * The bundled demo book of business: a dozen accounts covering every stage and situation.
 * Dates are relative to `today`, so the demo always shows a live-looking day.
 */
export function demoBook(today: IsoDate): AccountFactsInput[] {
  const ago = (days: number) => plusDays(today, -days)
  const inDays = (days: number) => plusDays(today, days)
  return [
    {
      id: "001Hs00002DEMO1",
      name: "Acme Dental Group",
      products: ["learning", "compliance"],
      mrr: 900, users: 40, serviceLevel: "standard",
      assignedOn: ago(3),
      website: "https://acmedental.example", contactEmails: ["admin@acmedental.example"]
    },
    {
      id: "001Hs00002DEMO2",
      name: "Bright Smiles Orthodontics",
      products: ["learning", "compliance", "credentialing_software"],
      mrr: 2400, users: 120, serviceLevel: "premium",
      assignedOn: ago(6), onboardingCallScheduledFor: inDays(2),
      website: "https://brightsmiles.example", contactEmails: ["office@brightsmiles.example"],
      done: ["ON4"]
    },
    {
      id: "001Hs00002DEMO3",
      name: "Cedar Valley Clinic",
      products: ["learning", "compliance", "credentialing_software"],
      mrr: 1800, users: 95, serviceLevel: "standard",
      assignedOn: ago(30), onboardingCallScheduledFor: ago(21), onboardingCallCompletedOn: ago(21),
      lmsSetupCompletedOn: ago(18), trainingsCompletedOn: [ago(14), ago(7)],
      website: "https://cedarvalley.example", contactEmails: ["admin@cedarvalley.example"],
      done: ["ON8", "ON11", "TR2#1"]
    },
    {
      id: "001Hs00002DEMO4",
      name: "Delta Home Health",
      products: ["learning", "compliance"],
      mrr: 250, users: 9, package: "smb",
      assignedOn: ago(40), onboardingCallScheduledFor: ago(33), onboardingCallCompletedOn: ago(33),
      trainingsCompletedOn: [ago(26), ago(19), ago(12)],
      website: "https://deltahomehealth.example", contactEmails: ["owner@deltahomehealth.example"],
      done: ["ON8", "ON11", "TR2#1", "TR2#2", "TR2#3"]
    },
    {
      id: "001Hs00002DEMO5",
      name: "Evergreen Surgical",
      products: ["compliance"],
      mrr: 1500, users: 140, serviceLevel: "standard",
      assignedOn: ago(70), onboardingCallCompletedOn: ago(60), onboardingCompletedOn: ago(22),
      website: "https://evergreensurgical.example", contactEmails: ["it@evergreensurgical.example"],
      done: ["ON8", "ON11"]
    },
    {
      id: "001Hs00002DEMO6",
      name: "Foothill Pediatrics",
      products: ["learning", "compliance"],
      mrr: 2200, users: 110, serviceLevel: "premium",
      assignedOn: ago(150), onboardingCallCompletedOn: ago(130), onboardingCompletedOn: ago(86),
      adoption30MeetingOn: ago(55), sentimentSurveySentOn: ago(8),
      website: "https://foothillpeds.example", contactEmails: ["practice.manager@foothillpeds.example"],
      done: ["AD4", "AD5", "AD6"]
    },
    {
      id: "001Hs00002DEMO7",
      name: "Granite Behavioral Health",
      products: ["learning", "compliance"],
      mrr: 250, users: 8, package: "smb",
      assignedOn: ago(110), onboardingCallCompletedOn: ago(100), onboardingCompletedOn: ago(55),
      website: "https://granitebh.example", contactEmails: ["admin@granitebh.example"],
      done: ["ON8", "ON11", "TR3"]
    },
    {
      id: "001Hs00002DEMO8",
      name: "Harbor Urgent Care",
      products: ["learning", "compliance"],
      mrr: 4200, users: 300, serviceLevel: "premium",
      assignedOn: ago(400), onboardingCallCompletedOn: ago(390), onboardingCompletedOn: ago(350),
      adoption30MeetingOn: ago(320), adoption90MeetingOn: ago(260), tl75CheckInOn: ago(275), tl150CheckInOn: ago(200),
      sentimentSurveySentOn: ago(267), sentimentSurveyReceivedOn: ago(262),
      website: "https://harboruc.example", contactEmails: ["ops@harboruc.example"],
      done: ["AD12", "AD13", "AD14"]
    },
    {
      id: "001Hs00002DEMO9",
      name: "Ironwood Dental",
      products: ["compliance"],
      mrr: 600, users: 30, serviceLevel: "basic",
      assignedOn: ago(20), unresponsiveSince: ago(12),
      website: "https://ironwooddental.example", contactEmails: ["frontdesk@ironwooddental.example"],
      done: ["ON1", "ON2", "FO1#1", "FO1#2", "FO1#3", "FO1#4", "FO1#5", "FO1#6", "FO1#7", "FO1#8", "FO1#9", "FO1#10"]
    },
    {
      id: "001Hs00002DEM10",
      name: "Juniper Senior Living",
      products: ["learning"],
      mrr: 700, users: 60, serviceLevel: "basic",
      assignedOn: ago(500), onboardingCallCompletedOn: ago(490), onboardingCompletedOn: ago(480),
      adoption30MeetingOn: ago(450), adoption90MeetingOn: ago(390), tl75CheckInOn: ago(405), tl150CheckInOn: ago(330),
      cancellationRequestedOn: ago(1),
      website: "https://junipersl.example", contactEmails: ["director@junipersl.example"],
      done: ["AD12", "AD13", "AD14"]
    },
    {
      id: "001Hs00002DEM11",
      name: "Keystone Imaging",
      products: ["compliance", "credentialing_software"],
      mrr: 1300, users: 75, serviceLevel: "standard",
      assignedOn: ago(160), onboardingCallCompletedOn: ago(150), onboardingCompletedOn: ago(70),
      adoption30MeetingOn: ago(40), pastDueSince: ago(16),
      website: "https://keystoneimaging.example", contactEmails: ["billing@keystoneimaging.example"],
      done: ["AD4", "AD5", "AD6"]
    },
    {
      id: "001Hs00002DEM12",
      name: "Lakeside Family Practice",
      products: ["learning", "compliance"],
      mrr: 1100, users: 55, serviceLevel: "standard",
      assignedOn: ago(300), onboardingCallCompletedOn: ago(290), onboardingCompletedOn: ago(250),
      adoption30MeetingOn: ago(220), adoption90MeetingOn: ago(160), tl75CheckInOn: ago(175), tl150CheckInOn: ago(100),
      riskSignals: ["decreased_engagement", "postponing_meetings"],
      website: "https://lakesidefp.example", contactEmails: ["admin@lakesidefp.example"],
      done: ["AD12", "AD13", "AD14"]
    },
    {
      id: "001Hs00002DEM13",
      name: "Maple Credentialing Partners",
      products: ["compliance", "credentialing_service"],
      mrr: 3100, users: 210, serviceLevel: "premium",
      assignedOn: ago(25), onboardingCallScheduledFor: ago(15), onboardingCallCompletedOn: ago(15),
      trainingsCompletedOn: [ago(8)],
      website: "https://maplecred.example", contactEmails: ["credentialing@maplecred.example"],
      done: ["ON8", "ON11", "TR2#1"]
    }
  ]
}
