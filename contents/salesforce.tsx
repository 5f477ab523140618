import type { PlasmoCSConfig } from "plasmo"

import { detectAccount } from "~/src/hosts/salesforce/detect"

export const config: PlasmoCSConfig = {
  matches: ["https://*.lightning.force.com/*", "https://*.my.salesforce.com/*"]
}

export const getShadowHostId = () => "sop-pilot-salesforce"

export default function SalesforcePanel() {
  const detected = detectAccount(location.href, document)
  return <aside data-testid="sop-panel" data-account-id={detected.status === "detected" ? detected.accountId : ""}>SOP Pilot</aside>
}
