import type { PlasmoCSConfig } from "plasmo"

export const config: PlasmoCSConfig = {
  matches: ["https://*.lightning.force.com/*", "https://*.my.salesforce.com/*"]
}

export const getShadowHostId = () => "sop-pilot-salesforce"

export default function SalesforcePanel() {
  return <aside data-testid="sop-panel">SOP Pilot</aside>
}
