/**
 * The panel's CSS, injected as text into its shadow root (Plasmo `getStyle`): nothing leaks into
 * Salesforce and nothing is fetched (system fonts, no URLs). SLDS-like: white cards on a light
 * grey rail, 13px type, status colours with AA contrast (overdue red, due today amber, done
 * green). `--sop-top` is where the panel starts, below Salesforce's global header.
 */
export const PANEL_CSS = `
:host {
  --sop-top: 90px;
  --sop-width: 360px;
  --sop-text: #181818;
  --sop-muted: #5c5c5c;
  --sop-border: #dddbda;
  --sop-rail: #f3f3f3;
  --sop-brand: #0176d3;
  --sop-brand-dark: #014486;
  --sop-red: #ba0517;
  --sop-red-bg: #fef1ee;
  --sop-amber: #8c4b02;
  --sop-amber-bg: #fff1d8;
  --sop-green: #2e844a;
  --sop-green-bg: #ebf7e6;
  --sop-focus: 0 0 0 2px #fff, 0 0 0 4px #0176d3;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }

.sop-panel, .sop-crash {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 13px;
  line-height: 1.4;
  color: var(--sop-text);
  text-align: left;
  -webkit-font-smoothing: antialiased;
}
.sop-panel {
  position: fixed;
  top: var(--sop-top);
  right: 0;
  bottom: 0;
  z-index: 2147483000;
  display: flex;
  pointer-events: none;
}
.sop-panel > * { pointer-events: auto; }
.sop-panel[data-collapsed="true"] { bottom: auto; top: calc(var(--sop-top) + 96px); }

.sop-body {
  width: var(--sop-width);
  height: 100%;
  display: flex;
  flex-direction: column;
  background: var(--sop-rail);
  border-left: 1px solid var(--sop-border);
  box-shadow: -2px 0 8px rgba(0, 0, 0, 0.08);
}
.sop-topbar {
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: 8px;
  padding: 8px 12px;
  background: #fff;
  border-bottom: 1px solid var(--sop-border);
  flex: none;
}
.sop-brand { display: inline-flex; align-items: center; gap: 8px; font-weight: 700; font-size: 14px; }
.sop-logo {
  display: inline-grid; place-items: center;
  width: 22px; height: 22px; border-radius: 6px;
  background: var(--sop-brand); color: #fff; font-size: 13px;
}
.sop-content { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 12px; overscroll-behavior: contain; }

.sop-tab {
  display: flex; flex-direction: column; align-items: center; gap: 6px;
  padding: 12px 6px;
  border: 1px solid var(--sop-border); border-right: 0;
  border-radius: 6px 0 0 6px;
  background: #fff; color: var(--sop-brand-dark);
  font: inherit; font-weight: 700; cursor: pointer;
  box-shadow: -2px 2px 6px rgba(0, 0, 0, 0.12);
}
.sop-tab:hover { background: #f3f9ff; }
.sop-tab-label { writing-mode: vertical-rl; transform: rotate(180deg); letter-spacing: 0.02em; }
.sop-tab-count {
  min-width: 20px; padding: 1px 5px; border-radius: 10px;
  background: var(--sop-red); color: #fff; font-size: 11px; text-align: center;
}

.sop-card {
  background: #fff;
  border: 1px solid var(--sop-border);
  border-radius: 6px;
  padding: 12px;
  box-shadow: 0 1px 2px rgba(0, 0, 0, 0.05);
}
.sop-card h3 { margin: 0 0 8px; font-size: 14px; font-weight: 700; display: flex; align-items: baseline; gap: 8px; }
.sop-card p { margin: 0 0 6px; }
.sop-card p:last-child { margin-bottom: 0; }
.sop-muted, .sop-hint { color: var(--sop-muted); }
.sop-hint { font-size: 12px; }
.sop-mono, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }

.sop-account-name { margin: 0; font-size: 16px; font-weight: 700; line-height: 1.3; overflow-wrap: anywhere; }
.sop-account-id { margin: 2px 0 8px; color: var(--sop-muted); }
.sop-pills { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
.sop-pill { display: inline-block; padding: 2px 8px; border-radius: 12px; font-size: 12px; font-weight: 600; border: 1px solid transparent; }
.sop-pill-stage { background: #e9f2fc; color: var(--sop-brand-dark); border-color: #b8d6f5; }
.sop-pill-situation { background: #f3f3f3; color: #3e3e3c; border-color: var(--sop-border); }
.sop-sit-failed_to_onboard, .sop-sit-cancellation, .sop-sit-past_due { background: var(--sop-red-bg); color: var(--sop-red); border-color: #f9c7c0; }
.sop-sit-at_risk { background: var(--sop-amber-bg); color: var(--sop-amber); border-color: #fcd9a5; }
.sop-sit-upsell { background: var(--sop-green-bg); color: var(--sop-green); border-color: #c2e5b8; }
.sop-counts { display: flex; gap: 10px; font-weight: 600; }
.sop-count-overdue { color: var(--sop-red); font-weight: 600; }
.sop-count-today { color: var(--sop-amber); }
.sop-count-ok { color: var(--sop-green); }

.sop-api {
  display: flex; flex-direction: column; align-items: flex-start; gap: 2px;
  margin-top: 8px; padding: 6px 8px; border-radius: 4px; font-size: 12px;
  border-left: 3px solid var(--sop-border); background: #fafaf9;
}
.sop-api-ok { border-left-color: var(--sop-green); }
.sop-api-info { border-left-color: #b8d6f5; }
.sop-api-warn { border-left-color: #fe9339; background: var(--sop-amber-bg); color: #5e3a02; }
.sop-api-detail { color: var(--sop-muted); overflow-wrap: anywhere; }
.sop-api-warn .sop-api-detail { color: #5e3a02; }

.sop-banner { display: flex; justify-content: space-between; gap: 8px; padding: 8px 10px; border-radius: 6px; }
.sop-banner-error { background: var(--sop-red-bg); color: var(--sop-red); border: 1px solid #f9c7c0; }
.sop-note {
  display: flex; justify-content: space-between; align-items: center; gap: 8px;
  padding: 6px 10px; border-radius: 6px; background: #e9f2fc; color: var(--sop-brand-dark); font-size: 12px;
}

.sop-group + .sop-group { margin-top: 10px; }
.sop-group-title {
  margin: 0 0 4px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; color: var(--sop-muted);
  display: flex; align-items: center; gap: 6px;
}
.sop-group-overdue .sop-group-title { color: var(--sop-red); }
.sop-group-due .sop-group-title { color: var(--sop-amber); }
.sop-group-done .sop-group-title { color: var(--sop-green); }
.sop-group-count {
  display: inline-block; min-width: 18px; padding: 0 6px; border-radius: 9px;
  background: #ecebea; color: #3e3e3c; font-size: 11px; font-weight: 600; text-align: center; letter-spacing: 0; text-transform: none;
}
.sop-steps, .sop-sessions, .sop-results, .sop-held, .sop-conflicts { list-style: none; margin: 0; padding: 0; }
.sop-step {
  padding: 8px 8px 8px 10px; margin-bottom: 6px;
  border: 1px solid var(--sop-border); border-left: 3px solid #c9c7c5; border-radius: 4px; background: #fff;
}
.sop-step-overdue { border-left-color: #ea001e; background: #fffafa; }
.sop-step-due { border-left-color: #fe9339; }
.sop-step-upcoming { border-left-color: #b8d6f5; }
.sop-step-done { border-left-color: var(--sop-green); background: #fafaf9; }
.sop-step-done .sop-step-title { color: var(--sop-muted); }
.sop-step[aria-busy="true"] { opacity: 0.75; }
.sop-step-row { display: flex; align-items: flex-start; gap: 8px; }
.sop-step-row input { margin: 1px 0 0; width: 16px; height: 16px; flex: none; accent-color: var(--sop-brand); cursor: pointer; }
.sop-step-title { font-weight: 600; cursor: pointer; overflow-wrap: anywhere; }
.sop-step-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 6px; margin: 4px 0 0 24px; font-size: 12px; }
.sop-due { font-weight: 600; }
.sop-due-none { color: var(--sop-muted); font-weight: 400; }
.sop-why { margin: 4px 0 0 24px !important; font-size: 12px; color: var(--sop-muted); }
.sop-flag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 11px; font-weight: 700; }
.sop-flag-overdue { background: var(--sop-red-bg); color: var(--sop-red); }
.sop-flag-today { background: var(--sop-amber-bg); color: var(--sop-amber); }
.sop-flag-done { background: var(--sop-green-bg); color: var(--sop-green); }
.sop-flag-pending { background: #f3f3f3; color: var(--sop-muted); }
.sop-chip { display: inline-block; padding: 0 6px; border-radius: 3px; border: 1px solid var(--sop-border); color: #3e3e3c; font-size: 11px; background: #fff; }
.sop-role-team_lead { border-color: #d4c1f0; background: #f6f0ff; color: #5a1ba9; }
.sop-rule { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--sop-muted); }

.sop-session { padding: 6px 0; border-top: 1px solid #ecebea; }
.sop-session:first-child { border-top: 0; padding-top: 0; }
.sop-session-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.sop-session-name { font-weight: 600; }
.sop-modules { margin: 2px 0 0 !important; font-size: 12px; color: var(--sop-muted); }

.sop-conflicts { margin-bottom: 8px; }
.sop-conflict { padding: 6px 8px; margin-bottom: 4px; border-radius: 4px; background: var(--sop-amber-bg); color: #5e3a02; font-size: 12px; }
.sop-facts { margin: 0 0 8px; }
.sop-fact { display: grid; grid-template-columns: 42% 1fr; gap: 8px; padding: 4px 0; border-top: 1px solid #f3f2f2; }
.sop-fact:first-child { border-top: 0; }
.sop-fact dt { color: var(--sop-muted); }
.sop-fact dd { margin: 0; display: flex; flex-wrap: wrap; gap: 4px 6px; align-items: baseline; overflow-wrap: anywhere; }
.sop-source { font-size: 11px; padding: 0 5px; border-radius: 3px; border: 1px solid var(--sop-border); color: var(--sop-muted); white-space: nowrap; }
.sop-source-salesforce { border-color: #b8d6f5; color: var(--sop-brand-dark); background: #f3f9ff; }
.sop-source-manual { border-color: #c2e5b8; color: #22683e; background: var(--sop-green-bg); }
.sop-source-page { border-color: #e5e5e5; }

.sop-form { border-top: 1px solid #ecebea; padding-top: 8px; }
.sop-form summary { cursor: pointer; font-weight: 700; padding: 2px 0; border-radius: 3px; }
.sop-form[open] summary { margin-bottom: 8px; }
.sop-field { margin: 0 0 10px; padding: 0; border: 0; min-width: 0; display: flex; flex-direction: column; gap: 3px; }
.sop-field > label, .sop-field legend { font-size: 12px; font-weight: 600; color: #3e3e3c; padding: 0; }
.sop-field-row { display: flex; gap: 6px; align-items: center; }
.sop-field-row > .sop-input { flex: 1; }
.sop-inline { display: grid; grid-template-columns: minmax(0, 1fr) 136px auto; align-items: center; gap: 4px 6px; }
.sop-inline > .sop-error, .sop-inline > .sop-held, .sop-inline > .sop-hint { grid-column: 1 / -1; }
.sop-inline .sop-input { padding: 0 4px 0 6px; }
.sop-summary-hint { display: block; font-weight: 400; margin-left: 16px; }
.sop-input {
  min-width: 0; height: 30px; padding: 0 8px;
  border: 1px solid #c9c9c9; border-radius: 4px; background: #fff;
  font: inherit; color: var(--sop-text);
}
.sop-input[aria-invalid="true"] { border-color: var(--sop-red); box-shadow: inset 0 0 0 1px var(--sop-red); }
select.sop-input { padding-right: 4px; }
.sop-other { padding-top: 8px; border-top: 1px solid #ecebea; }
.sop-other .sop-field { margin: 4px 0 0; }
.sop-risk-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 2px 8px; }
.sop-check { display: flex; align-items: flex-start; gap: 6px; font-size: 12px; cursor: pointer; padding: 2px 0; }
.sop-check input { margin: 1px 0 0; accent-color: var(--sop-brand); flex: none; }
.sop-held li { display: flex; align-items: center; gap: 8px; font-size: 12px; }
.sop-error { margin: 2px 0 0 !important; color: var(--sop-red); font-size: 12px; font-weight: 600; }

.sop-keydates { display: grid; gap: 4px; margin: 0 0 10px; }
.sop-keydates div { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
.sop-keydates dt { color: #3e3e3c; }
.sop-keydates dt .sop-hint { display: block; }
.sop-keydates dd { margin: 0; font-weight: 600; text-align: right; }
.sop-preview { display: block; min-height: 17px; margin: 0 !important; font-size: 12px; color: #3e3e3c; overflow-wrap: anywhere; }
.sop-preview code { color: var(--sop-text); background: #f3f3f3; padding: 1px 4px; border-radius: 3px; }
.sop-copied { color: var(--sop-green); font-weight: 700; font-size: 12px; }

.sop-results li + li { margin-top: 4px; }
.sop-result {
  width: 100%; display: flex; flex-direction: column; align-items: flex-start; gap: 2px;
  padding: 8px 10px; border: 1px solid var(--sop-border); border-radius: 4px; background: #fff;
  font: inherit; color: inherit; text-align: left; cursor: pointer;
}
.sop-result:hover { background: #f3f9ff; border-color: #b8d6f5; }
.sop-result-name { font-weight: 600; color: var(--sop-brand-dark); overflow-wrap: anywhere; }
.sop-result-meta { display: flex; gap: 8px; font-size: 12px; color: var(--sop-muted); }

.sop-btn {
  display: inline-flex; align-items: center; justify-content: center;
  height: 30px; padding: 0 12px; border-radius: 4px;
  border: 1px solid #c9c9c9; background: #fff; color: var(--sop-brand);
  font: inherit; font-weight: 600; cursor: pointer; white-space: nowrap;
}
.sop-btn:hover:not(:disabled) { background: #f3f9ff; }
.sop-btn-primary { background: var(--sop-brand); border-color: var(--sop-brand); color: #fff; }
.sop-btn-primary:hover:not(:disabled) { background: var(--sop-brand-dark); }
.sop-btn:disabled { color: #747474; background: #f3f3f3; border-color: #e5e5e5; cursor: default; }
.sop-link {
  padding: 0; border: 0; background: none; color: var(--sop-brand);
  font: inherit; font-size: 12px; font-weight: 600; cursor: pointer; text-decoration: underline; text-underline-offset: 2px;
}
.sop-link:hover:not(:disabled) { color: var(--sop-brand-dark); }
.sop-link:disabled { color: #747474; cursor: default; }
.sop-icon-btn {
  display: inline-grid; place-items: center; width: 28px; height: 28px;
  border: 1px solid #c9c9c9; border-radius: 4px; background: #fff; color: var(--sop-brand);
  font: inherit; font-size: 16px; line-height: 1; cursor: pointer;
}
.sop-icon-btn:hover { background: #f3f9ff; }

:focus { outline: none; }
:focus-visible { outline: 2px solid var(--sop-brand); outline-offset: 2px; }
.sop-input:focus-visible, .sop-btn:focus-visible, .sop-icon-btn:focus-visible, .sop-result:focus-visible, .sop-tab:focus-visible {
  outline: none; box-shadow: var(--sop-focus);
}
.sop-input:focus { border-color: var(--sop-brand); }

.sop-visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}

.sop-crash {
  position: fixed; right: 12px; bottom: 12px; z-index: 2147483000; max-width: 320px;
  padding: 10px 12px; border-radius: 6px; background: #fff; border: 1px solid #f9c7c0; border-left: 4px solid var(--sop-red);
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.15);
}
.sop-crash p { margin: 4px 0 8px; color: var(--sop-muted); font-size: 12px; overflow-wrap: anywhere; }

@media (prefers-reduced-motion: no-preference) {
  .sop-btn, .sop-link, .sop-result, .sop-tab { transition: background-color 0.12s, color 0.12s; }
}
`
