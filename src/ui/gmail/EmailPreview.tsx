/** The email as it will be inserted, folded away; gaps still to fill are marked. */
import type { Draft } from "./draft"

export function EmailPreview({ draft }: { draft: Draft }) {
  return (
    <details className="sp-section sp-preview">
      <summary>Preview</summary>
      <p className="sp-preview-subject">{draft.subject}</p>
      <div className="sp-preview-body">
        {draft.body.map((line, i) => (
          <div key={i}>
            {line.length === 0 ? (
              <br />
            ) : (
              line.map((piece, j) =>
                piece.gap !== undefined ? (
                  <mark key={j} className="sp-gap-mark">
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
