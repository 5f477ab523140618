/**
 * The options page's CSS (a full extension page: no host page to protect, but kept as text beside
 * the components like the panel's). System fonts, nothing fetched; AA contrast; a visible focus
 * ring on every control.
 */
export const OPTIONS_CSS = `
:root {
  --text: #181818;
  --muted: #5c5c5c;
  --border: #dddbda;
  --rail: #f3f3f3;
  --card: #ffffff;
  --brand: #0176d3;
  --brand-dark: #014486;
  --red: #ba0517;
  --red-bg: #fef1ee;
  --amber: #8c4b02;
  --amber-bg: #fff1d8;
  --green: #2e844a;
  --green-bg: #ebf7e6;
  --focus: 0 0 0 2px #fff, 0 0 0 4px #0176d3;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
html, body { margin: 0; background: var(--rail); }
body {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 14px;
  line-height: 1.45;
  color: var(--text);
  -webkit-font-smoothing: antialiased;
}
a { color: var(--brand-dark); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
:focus-visible { outline: none; box-shadow: var(--focus); border-radius: 4px; }

.skip-link { position: absolute; left: -9999px; top: 8px; background: #fff; padding: 8px 12px; z-index: 10; }
.skip-link:focus { left: 8px; }

.opt-header {
  position: sticky; top: 0; z-index: 5;
  display: flex; align-items: center; gap: 12px;
  padding: 12px 24px;
  background: #fff; border-bottom: 1px solid var(--border);
}
.opt-header h1 { margin: 0; font-size: 18px; font-weight: 700; }
.opt-logo { width: 28px; height: 28px; border-radius: 6px; background: var(--brand); color: #fff; display: grid; place-items: center; font-weight: 700; font-size: 13px; }
.opt-status { margin-left: auto; font-size: 13px; color: var(--muted); min-height: 20px; }
.opt-status[data-kind="saved"] { color: var(--green); }
.opt-status[data-kind="error"] { color: var(--red); }

.opt-layout { display: grid; grid-template-columns: 200px minmax(0, 1fr); gap: 24px; max-width: 1080px; margin: 0 auto; padding: 24px; }
.opt-nav { position: sticky; top: 76px; align-self: start; }
.opt-nav ul { list-style: none; margin: 0; padding: 0; }
.opt-nav a { display: block; padding: 6px 10px; border-radius: 4px; color: var(--text); text-decoration: none; }
.opt-nav a:hover { background: #e5e5e5; }
.opt-nav .opt-nav-group { margin: 14px 0 4px; padding: 0 10px; font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }

main { min-width: 0; }
.opt-part-title { margin: 8px 0 12px; font-size: 20px; }
.opt-part-intro { margin: -6px 0 16px; color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 16px 20px 20px; margin-bottom: 16px; scroll-margin-top: 76px; }
.card > h3 { margin: 0 0 4px; font-size: 16px; }
.card > .card-intro { margin: 0 0 14px; color: var(--muted); }

.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 14px 20px; }
.field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.field label, .field .label, fieldset legend { font-weight: 600; font-size: 13px; }
.hint { color: var(--muted); font-size: 12.5px; margin: 0; }
.field-error { color: var(--red); font-size: 12.5px; margin: 0; display: flex; gap: 4px; }
.field-error::before { content: "⚠"; }
.locked-note { color: var(--amber); background: var(--amber-bg); font-size: 12px; margin: 0; padding: 1px 6px; border-radius: 3px; align-self: flex-start; }

input[type="text"], input[type="url"], input[type="email"], input[type="number"], input[type="time"], select, textarea {
  font: inherit; color: inherit;
  width: 100%;
  padding: 6px 10px;
  border: 1px solid #939393; border-radius: 4px;
  background: #fff;
}
textarea { resize: vertical; min-height: 64px; line-height: 1.45; }
input:disabled, select:disabled, textarea:disabled { background: #f3f3f3; color: #5c5c5c; cursor: not-allowed; }
[aria-invalid="true"] { border-color: var(--red) !important; background: var(--red-bg); }
input:focus-visible, select:focus-visible, textarea:focus-visible { border-color: var(--brand); }
.with-suffix { display: flex; align-items: center; gap: 6px; }
.with-suffix span { color: var(--muted); font-size: 13px; white-space: nowrap; }

fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.checks { display: flex; flex-wrap: wrap; gap: 6px 18px; margin-top: 6px; }
.check { display: inline-flex; align-items: center; gap: 6px; font-weight: 400; }
.check input { width: 16px; height: 16px; margin: 0; accent-color: var(--brand); }

.rules-toolbar { display: flex; gap: 12px; align-items: center; margin-bottom: 10px; }
.rules-toolbar input { max-width: 260px; }
.rule-phase { margin: 14px 0 6px; font-size: 12px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); }
.rules { list-style: none; margin: 0; padding: 0; border: 1px solid var(--border); border-radius: 6px; }
.rules li { border-top: 1px solid var(--border); }
.rules li:first-child { border-top: 0; }
.rule { display: grid; grid-template-columns: 20px 48px 1fr auto; align-items: center; gap: 8px; padding: 6px 10px; font-weight: 400 !important; cursor: pointer; }
.rule input { width: 16px; height: 16px; margin: 0; accent-color: var(--brand); }
.rule-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: var(--brand-dark); font-weight: 600; }
.rule[data-off="true"] .rule-title { color: var(--muted); text-decoration: line-through; }
.rule-state { font-size: 12px; color: var(--muted); }
.rule[data-off="true"] .rule-state { color: var(--red); font-weight: 600; }

.mapping { width: 100%; border-collapse: collapse; }
.mapping th, .mapping td { text-align: left; padding: 6px 8px; border-top: 1px solid var(--border); vertical-align: middle; }
.mapping th { font-weight: 600; width: 40%; }
.mapping thead th { border-top: 0; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }

.templates { display: grid; gap: 12px; }
.template { border: 1px solid var(--border); border-radius: 6px; }
.template > summary { cursor: pointer; padding: 10px 14px; font-weight: 600; display: flex; align-items: center; gap: 8px; list-style: none; }
.template > summary::-webkit-details-marker { display: none; }
.template > summary::before { content: "▸"; color: var(--muted); transition: transform .12s; }
.template[open] > summary::before { transform: rotate(90deg); }
.template > summary .badge { margin-left: auto; }
.template-body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; padding: 4px 14px 14px; }
.preview { background: #fafaf9; border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; min-width: 0; }
.preview h4 { margin: 0 0 6px; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.preview-subject { font-weight: 600; margin: 0 0 8px; }
.preview-body { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-size: 13px; }
.merge-value { background: #e3f1fd; border-radius: 2px; }
.merge-gap { background: var(--amber-bg); color: var(--amber); border-radius: 2px; font-style: italic; }
.merge-gap[data-reason="unknown"] { background: var(--red-bg); color: var(--red); }
.preview-toolbar { display: flex; gap: 12px; align-items: end; margin-bottom: 12px; flex-wrap: wrap; }
.preview-toolbar .field { width: 280px; }
.merge-fields { margin-top: 12px; font-size: 12.5px; color: var(--muted); }
.merge-fields summary { cursor: pointer; color: var(--brand-dark); }
.merge-fields ul { columns: 2; margin: 8px 0 0; padding-left: 18px; }

.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; line-height: 20px; background: #e5e5e5; color: var(--text); }
.badge-amber { background: var(--amber-bg); color: var(--amber); }
.badge-red { background: var(--red-bg); color: var(--red); }

.button { font: inherit; font-weight: 600; padding: 7px 14px; border-radius: 4px; border: 1px solid #939393; background: #fff; color: var(--brand-dark); cursor: pointer; }
.button:hover:not(:disabled) { background: #f3f3f3; }
.button-primary { background: var(--brand); border-color: var(--brand); color: #fff; }
.button-primary:hover:not(:disabled) { background: var(--brand-dark); }
.button:disabled { opacity: .55; cursor: not-allowed; }
.actions { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin-top: 12px; }

.import-error { border: 1px solid var(--red); background: var(--red-bg); color: var(--red); border-radius: 6px; padding: 10px 14px; margin-top: 12px; }
.import-error p { margin: 0 0 6px; font-weight: 600; }
.import-error ul { margin: 0; padding-left: 18px; }
.diff { width: 100%; border-collapse: collapse; margin-top: 10px; font-size: 13px; }
.diff th, .diff td { text-align: left; padding: 5px 8px; border-top: 1px solid var(--border); vertical-align: top; overflow-wrap: anywhere; }
.diff thead th { border-top: 0; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.diff .from { color: var(--red); text-decoration: line-through; }
.diff .to { color: var(--green); }
.import-ok { border: 1px solid var(--green); background: var(--green-bg); color: var(--green); border-radius: 6px; padding: 8px 14px; margin-top: 12px; }
input.sr-only:focus-visible + .file-button { box-shadow: var(--focus); }
.file-row { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }

@media (max-width: 760px) {
  .opt-layout { grid-template-columns: 1fr; }
  .opt-nav { position: static; }
  .template-body { grid-template-columns: 1fr; }
}
`
