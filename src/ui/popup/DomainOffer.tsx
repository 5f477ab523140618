import { usePopup } from "../store-context"

/**
 * The popup over a Salesforce page on a domain SOP Pilot may not read yet (another Salesforce
 * cloud, a Defender for Cloud Apps proxy): one button asks Chrome for that domain only.
 */
export function DomainOffer() {
  const current = usePopup((s) => s.current)
  const grantDomain = usePopup((s) => s.grantDomain)
  if (current.kind !== "domain") return null
  const { request } = current
  return (
    <section
      className="sop-card"
      aria-labelledby="sop-domain-title"
      data-testid="domain-offer"
      data-state={request.state}
      data-host={current.host}
    >
      <h2 id="sop-domain-title">This Salesforce domain</h2>
      {request.state === "granted" ? (
        <p role="status">SOP Pilot now runs on {current.host}. The panel opens on this page.</p>
      ) : (
        <>
          <p className="sop-muted">
            {current.host} is a Salesforce domain SOP Pilot does not read yet. Chrome will ask you to allow it for this
            domain only.
          </p>
          <button
            type="button"
            data-action="grant-domain"
            disabled={request.state === "asking"}
            onClick={() => void grantDomain()}
          >
            Use SOP Pilot on this Salesforce domain
          </button>
          {request.state === "asking" && <p role="status">Answer Chrome's prompt to go on.</p>}
          {request.state === "declined" && <p role="status">Not allowed: SOP Pilot stays off on this domain.</p>}
          {request.state === "failed" && <p role="alert">Chrome did not ask: {request.error}</p>}
        </>
      )}
    </section>
  )
}
