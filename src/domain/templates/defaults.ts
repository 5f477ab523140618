import type { TemplateId, TemplateText } from "./catalog"

/**
 * Default wording of the spec §6 templates; team leads override it in settings. Plain text with
 * `{{mergeField}}` placeholders (catalogue: `fields.ts`). What each must say comes from the SOPs:
 * MT-CS-002 (welcome reminder, onboarding and training recaps, failed-to-onboard outreach),
 * MT-CS-007 (SMB recap with the Customer Launch Kit, onboarding completed with overview videos,
 * policy manuals and the Compliance Open Forum), MT-CS-003-04 (30/90-day recaps, survey reminder,
 * Team Lead check-ins) and Retention & Upsell (account gone dark).
 *
 * The templates have no conditional parts: where the SOP says "only if" (the survey paragraph of
 * the 90-day recap: accounts with MRR of $1,000 or more, survey link only if unanswered), the
 * paragraph stands on its own so the CSM can delete it before sending.
 */

const lines = (...text: string[]) => text.join("\n")

const SIGN_OFF = lines("Best regards,", "{{csmName}}", "{{csmSignature}}")

/** The paragraphs both onboarding call recaps (standard and SMB) share. */
const RECAP_COVERED = lines(
  "What we covered:",
  "{{mainPoints}}",
  "",
  "Your upcoming training sessions:",
  "{{upcomingTrainingDates}}"
)
const SETUP_STEPS = lines(
  "Next steps for your account setup:",
  "1. Review the Initial Account Setup user guide and the user roster attached to this email.",
  "2. Complete the roster (username or email, first and last name, position, location with state, department and account level) so we can get your users into the platform."
)
const RESCHEDULE = lines(
  "If you need to reschedule, or would like some extra time with me, you can book it here:",
  "{{calendlyLink}}"
)

export const DEFAULT_TEMPLATES: Record<TemplateId, TemplateText> = {
  welcome_reminder: {
    subject: "Welcome to MedTrainer! Let's get {{accountName}} started",
    body: lines(
      "Hi {{adminName}},",
      "",
      "Welcome to MedTrainer! My name is {{csmName}}, and I'm your Customer Success Manager. I recently reached out to introduce myself, and I wanted to follow up to make sure your onboarding gets off to a great start.",
      "",
      "Our first step together is a 30-minute onboarding call. We'll confirm your products and users, go over your user roster, and schedule your training sessions. If you haven't booked it yet, you can pick a time that works for you here:",
      "{{calendlyLink}}",
      "",
      "Before our call, please take a few minutes to fill out this short onboarding survey. Your answers help me tailor the onboarding to {{accountName}}:",
      "{{kycSurveyLink}}",
      "",
      "If you have any questions in the meantime, just reply to this email. I look forward to working with you!",
      "",
      SIGN_OFF
    )
  },

  onboarding_call_recap: {
    subject: "Your MedTrainer onboarding call recap – {{accountName}}",
    body: lines(
      "Hi {{adminName}},",
      "",
      "Thank you for taking the time to meet with me on {{meetingDate}}. It was great getting to know {{accountName}}! Here is a recap of our onboarding call, so you have everything in one place.",
      "",
      RECAP_COVERED,
      "",
      SETUP_STEPS,
      "3. Complete your initial account setup before our first training session. This is the most important step to get the most out of your training.",
      "",
      RESCHEDULE,
      "",
      "Please don't hesitate to reach out with any questions. I'm happy to help!",
      "",
      SIGN_OFF
    )
  },

  smb_onboarding_call_recap: {
    subject: "Your MedTrainer onboarding call recap – {{accountName}}",
    body: lines(
      "Hi {{adminName}},",
      "",
      "Thank you for taking the time to meet with me on {{meetingDate}}, and welcome again to MedTrainer! Here is a recap of our onboarding call, so you have everything in one place.",
      "",
      RECAP_COVERED,
      "",
      "Your Customer Launch Kit has everything you need to get started. Please keep it handy:",
      "{{customerLaunchKitLink}}",
      "",
      SETUP_STEPS,
      "3. Complete your initial account setup before our first training session.",
      "",
      RESCHEDULE,
      "",
      "For any technical questions along the way, our Customer Support team is always ready to help:",
      "{{supportContact}}",
      "",
      "I look forward to our first training session!",
      "",
      SIGN_OFF
    )
  },

  training_recap: {
    subject: "Training session {{trainingSessionNumber}} recap – {{accountName}}",
    body: lines(
      "Hi {{adminName}},",
      "",
      "Thank you for joining training session {{trainingSessionNumber}} on {{meetingDate}}! Here is a recap so you and your team can refer back to it anytime.",
      "",
      "Participants:",
      "{{participants}}",
      "",
      "Modules covered:",
      "{{modulesCovered}}",
      "",
      "Pending subjects:",
      "{{pendingSubjects}}",
      "",
      "Relevant links:",
      "- Book time with me: {{calendlyLink}}",
      "",
      "Remember that our Customer Support team is here for you and your users whenever you need help with the platform. You can reach them at:",
      "{{supportContact}}",
      "",
      "Great work, and please let me know if any questions come up.",
      "",
      SIGN_OFF
    )
  },

  smb_onboarding_completed: {
    subject: "Congratulations! {{accountName}} has completed onboarding",
    body: lines(
      "Hi {{adminName}},",
      "",
      "Congratulations! You have completed all of your Learning and Compliance training sessions, and {{accountName}} is now fully onboarded with MedTrainer. Thank you for your time and commitment throughout the process.",
      "",
      "Here are some resources to help you and your team going forward:",
      "",
      "Overview videos: short refreshers on each part of the platform.",
      "{{overviewVideosLink}}",
      "",
      "Policy manuals: ready-to-use policy manuals included in your package. You can make a copy of the folder in your Google Drive or download the whole folder to your computer.",
      "{{policyManualsLink}}",
      "",
      "Compliance Open Forum: every first Thursday of the month, we host a 30-minute compliance discussion with your peers, with time for Q&A. Invitations are sent by email. The next forum is on {{nextOpenForumDate}}.",
      "{{openForumLink}}",
      "",
      "For any questions about the platform, our Customer Support team is ready to help:",
      "{{supportContact}}",
      "",
      "It has been a pleasure working with you, and I wish you and your team a great experience with MedTrainer!",
      "",
      SIGN_OFF
    )
  },

  adoption_30_recap: {
    subject: "Recap of our 30-day check-in – {{accountName}}",
    body: lines(
      "Hi {{adminName}},",
      "",
      "Thank you for meeting with me on {{meetingDate}}. It was great to hear how {{accountName}} is doing with MedTrainer so far. Your feedback is important to us, so here is a recap of what we discussed:",
      "",
      "{{mainPoints}}",
      "",
      "We also talked about {{productsDiscussed}}. I have attached some more information so you can take a closer look and share it with your team.",
      "",
      "Between now and our next check-in, I'm here to help with anything you need. You can always book time with me here:",
      "{{calendlyLink}}",
      "",
      SIGN_OFF
    )
  },

  adoption_90_recap: {
    subject: "Recap of our 90-day check-in – {{accountName}}",
    body: lines(
      "Hi {{adminName}},",
      "",
      "Thank you for meeting with me on {{meetingDate}}. I really appreciate the time you took to review how {{accountName}} is using MedTrainer. Here are the main points we discussed:",
      "",
      "{{mainPoints}}",
      "",
      "Opportunities we talked about:",
      "{{salesOpportunities}}",
      "I'll follow up with more details on these, and I'm happy to answer any questions in the meantime.",
      "",
      "We would love to hear about your experience. If you haven't had a chance yet, please take a few minutes to fill out our Customer Sentiment Survey:",
      "{{surveyLink}}",
      'I have also attached our short survey, "Your MedTrainer Experience". Your feedback helps us keep improving.',
      "",
      "As always, you can book time with me here:",
      "{{calendlyLink}}",
      "",
      SIGN_OFF
    )
  },

  sentiment_survey_reminder: {
    subject: "A quick reminder: we'd love your feedback",
    body: lines(
      "Hi {{adminName}},",
      "",
      "I hope you're doing well! Recently I shared our Customer Sentiment Survey with you, and I wanted to send a gentle reminder in case it got buried in your inbox.",
      "",
      "It only takes a few minutes, and your answers help us understand how MedTrainer is working for {{accountName}} and where we can do better:",
      "{{surveyLink}}",
      "",
      "Thank you in advance for your time. If you would rather go through it together on a quick call, you can book a time here:",
      "{{calendlyLink}}",
      "",
      SIGN_OFF
    )
  },

  tl_75_checkin_recap: {
    subject: "Thank you for the check-in – {{accountName}}",
    body: lines(
      "Hi {{adminName}},",
      "",
      "Thank you for taking the time to speak with me on {{meetingDate}}. As Team Lead of our Customer Success team, I like to check in personally with our customers, and I appreciated hearing how things are going at {{accountName}}.",
      "",
      "We talked about your experience with the platform so far (including any challenges or feedback for us), your experience working with your Customer Success Manager, and your short- and long-term goals, including any new hires you are expecting. Here is a recap:",
      "",
      "{{mainPoints}}",
      "",
      "Your Customer Success Manager remains your main point of contact, and I'm always available if you need me. I'll check in with you again in a few months.",
      "",
      SIGN_OFF
    )
  },

  tl_150_checkin_recap: {
    subject: "Thank you for the check-in – {{accountName}}",
    body: lines(
      "Hi {{adminName}},",
      "",
      "Thank you for speaking with me again on {{meetingDate}}. It was good to catch up on how things have been going at {{accountName}} since our last check-in.",
      "",
      "We revisited your experience with the platform, your work with your Customer Success Manager, and your goals and upcoming hires, to see what has changed since we last spoke. Here is a recap:",
      "",
      "{{mainPoints}}",
      "",
      "We want to make sure MedTrainer keeps delivering consistent results for your team. Your Customer Success Manager remains your main point of contact, and please don't hesitate to reach out to me directly at any time.",
      "",
      SIGN_OFF
    )
  },

  account_gone_dark: {
    subject: "Checking in on {{accountName}}'s MedTrainer account",
    body: lines(
      "Hi {{adminName}},",
      "",
      "I have tried to reach you a few times recently and haven't been able to connect, so I wanted to follow up. I want to make sure {{accountName}} gets everything it needs from MedTrainer.",
      "",
      "I'd love to help you and your team get set up and make the most of the platform. A short call is all it takes to get started, and you can pick a time that works for you here:",
      "{{calendlyLink}}",
      "",
      "If now isn't a good time, or if someone else on your team should be my contact, just reply to this email and let me know. I'm happy to work around your schedule.",
      "",
      SIGN_OFF
    )
  }
}
