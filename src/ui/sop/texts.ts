// The team's SOPs as packaged text (src/sops/, copied from the team's export).
import adoption from "data-text:~/src/sops/MT-CS-003-04_adoption.txt"
import onboarding from "data-text:~/src/sops/MT-CS-002_onboarding.txt"
import smb from "data-text:~/src/sops/MT-CS-007_smb-accounts.txt"
import retention from "data-text:~/src/sops/retention-and-upsell.txt"

import type { SopId } from "~/src/domain/playbook/sections"

export const SOP_TEXTS: Record<SopId, string> = {
  "MT-CS-002": onboarding,
  "MT-CS-003-04": adoption,
  "MT-CS-007": smb,
  "MT-CS-005": retention
}
