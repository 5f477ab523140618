/** The email as it will be inserted, folded away; gaps still to fill are marked. */
import type { Draft } from "./draft"

export function EmailPreview({ draft }: { draft: Draft }) {
  return (
    <details className="sop-section sop-preview">
      <summary>Preview</summary>
      <p className="sop-preview-subject">{draft.subject}</p>
      <div className="sop-preview-body">
        {draft.body.map((line, i) => (
          <div key={i}>
            {line.length === 0 ? (
              <br />
            ) : (
              line.map((piece, j) =>
                piece.gap !== undefined ? (
                  <mark key={j} className="sop-gap-mark">
                    {piece.text}
                  </mark>
                ) : (
                  <span key={j}>{piece.text}</span>
                )
              )
            )}
          </div>
        ))}
      </div>
    </details>
  )
}
