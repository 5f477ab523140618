import { useState } from "react"

import { ask } from "~/src/messages/client"
import type { MappingCheck as Check } from "~/src/messages/protocol"
import { errorText } from "~/src/domain/text"

import { factLabel } from "../labels"

const shown = (value: unknown): string =>
  value === undefined ? "—" : Array.isArray(value) ? value.join(", ") || "none" : String(value)

/** "Check this mapping on an account": reads one account and names each fact's source and problem. */
export function MappingCheck({ check = (accountId: string) => ask({ name: "mapping.check", accountId }) }) {
  const [accountId, setAccountId] = useState("")
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<Check | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function run() {
    setBusy(true)
    setError(null)
    try {
      setResult(await check(accountId.trim()))
    } catch (failure) {
      setResult(null)
      setError(errorText(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="sop-mapping-check" data-testid="mapping-check" style={{ marginTop: 14 }}>
      <label>
        Account id{" "}
        <input
          value={accountId}
          onChange={(e) => setAccountId(e.target.value)}
          placeholder="001…"
          data-field="mapping-check-account"
        />
      </label>{" "}
      <button
        type="button"
        onClick={() => void run()}
        disabled={busy || accountId.trim() === ""}
        data-action="check-mapping"
      >
        Check this mapping on an account
      </button>
      {error && (
        <p role="alert" className="sop-hint">
          {error}
        </p>
      )}
      {result && (
        <>
          {result.status.state !== "ok" && (
            <p role="alert" className="sop-hint" data-state={result.status.state}>
              {result.status.message ?? result.status.state}
            </p>
          )}
          <table className="sop-mapping">
            <thead>
              <tr>
                <th scope="col">Fact</th>
                <th scope="col">Read from</th>
                <th scope="col">Value</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.fact} data-fact={row.fact} data-problem={row.problem ? "true" : "false"}>
                  <th scope="row">{row.fact === "done" ? "Steps done" : factLabel(row.fact)}</th>
                  <td data-source>{row.source}</td>
                  <td>{shown(row.value)}</td>
                  <td>{row.problem ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
