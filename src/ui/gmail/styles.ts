/**
 * The compose panels' CSS, injected as text into their shadow root (Plasmo `getStyle`): nothing
 * leaks into Gmail and nothing is fetched (system fonts, no URLs). Gmail-like: white cards with
 * a soft shadow, 13px type, a blue pill for the main action; gaps in amber, overdue in red,
 * done in green (AA contrast on their backgrounds).
 */
export const COMPOSE_PANEL_CSS = `
:host {
  --sp-text: #1f1f1f;
  --sp-muted: #5e5e5e;
  --sp-border: #dadce0;
  --sp-soft: #f6f8fc;
  --sp-brand: #0b57d0;
  --sp-brand-dark: #0842a0;
  --sp-brand-soft: #d3e3fd;
  --sp-gap: #fde68a;
  --sp-gap-text: #6b4400;
  --sp-red: #b3261e;
  --sp-red-bg: #fce8e6;
  --sp-amber: #7a4b00;
  --sp-amber-bg: #fef0cd;
  --sp-green: #146c2e;
  --sp-green-bg: #e6f4ea;
  --sp-focus: 0 0 0 2px #fff, 0 0 0 4px #0b57d0;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }

.sp-panel {
  position: fixed;
  z-index: 2147483000;
  font-family: "Google Sans", Roboto, -apple-system, BlinkMacSystemFont, "Segoe UI", Arial, sans-serif;
  font-size: 13px;
  line-height: 1.4;
  color: var(--sp-text);
  text-align: left;
  -webkit-font-smoothing: antialiased;
}
.sp-side-left, .sp-side-right, .sp-overlay { display: flex; flex-direction: column; }

.sp-card {
  display: flex;
  flex-direction: column;
  min-height: 0;
  max-height: inherit;
  background: #fff;
  border: 1px solid var(--sp-border);
  border-radius: 12px;
  box-shadow: 0 4px 8px 3px rgba(60, 64, 67, 0.15), 0 1px 3px rgba(60, 64, 67, 0.3);
  overflow: hidden;
}
.sp-header {
  display: flex; align-items: center; gap: 8px;
  padding: 8px 8px 8px 12px;
  background: var(--sp-soft);
  border-bottom: 1px solid var(--sp-border);
  flex: none;
}
.sp-title { font-weight: 600; font-size: 14px; flex: 1; }
.sp-logo {
  display: inline-grid; place-items: center; flex: none;
  width: 20px; height: 20px; border-radius: 6px;
  background: var(--sp-brand); color: #fff; font-size: 10px; font-weight: 700; letter-spacing: 0.02em;
}
.sp-scroll { overflow-y: auto; overscroll-behavior: contain; padding: 4px 12px 8px; min-height: 0; flex: 1 1 auto; }
.sp-footer {
  flex: none; display: flex; flex-direction: column; gap: 8px;
  padding: 10px 12px 12px; border-top: 1px solid var(--sp-border); background: #fff;
}
.sp-heading { margin: 4px 0 0; font-weight: 600; font-size: 12px; color: var(--sp-amber); text-transform: uppercase; letter-spacing: 0.04em; }
.sp-filled summary, .sp-preview summary { cursor: pointer; font-weight: 600; font-size: 12px; color: #444746; }
.sp-filled summary .sp-muted { font-weight: 400; }
.sp-gaps { display: flex; align-items: baseline; gap: 6px; }
.sp-gaps-label { font-size: 12px; font-weight: 600; color: var(--sp-gap-text); flex: none; }
.sp-section { padding: 8px 0; border-bottom: 1px solid #eceff1; }
.sp-section:last-child { border-bottom: 0; }
.sp-row { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.sp-muted { color: var(--sp-muted); margin: 2px 0 0; font-size: 12px; }
.sp-label { display: block; font-weight: 600; font-size: 12px; margin: 8px 0 4px; color: #444746; }
.sp-alert { margin: 6px 0 0; padding: 6px 8px; border-radius: 6px; background: var(--sp-red-bg); color: var(--sp-red); font-size: 12px; }
.sp-account-name { font-size: 14px; overflow-wrap: anywhere; }

.sp-input {
  width: 100%; font: inherit; color: inherit;
  padding: 6px 8px; border: 1px solid #c4c7c5; border-radius: 6px; background: #fff;
}
textarea.sp-input { resize: vertical; min-height: 56px; }
.sp-input:focus { outline: none; border-color: var(--sp-brand); box-shadow: 0 0 0 1px var(--sp-brand); }
.sp-input.sp-missing { border-color: #e0a800; background: #fffbeb; }
.sp-field + .sp-field { margin-top: 2px; }

.sp-step { padding: 8px 10px; border-radius: 8px; background: var(--sp-soft); border: 1px solid #e3e7ee; }
.sp-step-title { margin: 4px 0 0; font-weight: 600; }
.sp-key {
  font: 600 11px/1 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  padding: 3px 6px; border-radius: 4px; background: #fff; border: 1px solid var(--sp-border);
}
.sp-status { font-size: 11px; font-weight: 600; padding: 2px 8px; border-radius: 10px; background: #eceff1; color: #444746; }
.sp-status-due { background: var(--sp-amber-bg); color: var(--sp-amber); }
.sp-status-overdue { background: var(--sp-red-bg); color: var(--sp-red); }
.sp-status-done { background: var(--sp-green-bg); color: var(--sp-green); }

.sp-choices { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.sp-choice {
  width: 100%; text-align: left; font: inherit; color: inherit; cursor: pointer;
  display: flex; flex-direction: column; gap: 2px;
  padding: 6px 8px; border: 1px solid var(--sp-border); border-radius: 8px; background: #fff;
}
.sp-choice:hover { background: var(--sp-soft); border-color: #b6c3d6; }
.sp-search { margin-top: 6px; }

.sp-gap-list { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
.sp-gap {
  display: inline-block; font: inherit; font-size: 12px; cursor: pointer;
  padding: 2px 8px; border-radius: 10px; border: 1px solid #f2c94c;
  background: var(--sp-gap); color: var(--sp-gap-text);
}
.sp-gap-mark { background: var(--sp-gap); color: var(--sp-gap-text); border-radius: 3px; padding: 0 2px; }

.sp-preview-subject { font-weight: 600; margin: 8px 0 4px; }
.sp-preview-body {
  font-size: 12px; line-height: 1.45; max-height: 220px; overflow-y: auto;
  padding: 8px; border: 1px solid #eceff1; border-radius: 6px; background: #fcfcfd; overflow-wrap: anywhere;
}

.sp-actions { display: flex; flex-direction: column; gap: 6px; }
.sp-btn {
  font: inherit; font-weight: 600; cursor: pointer;
  padding: 8px 14px; border-radius: 18px; border: 1px solid #747775; background: #fff; color: var(--sp-brand);
}
.sp-btn:hover { background: #f2f6fc; }
.sp-btn:disabled { opacity: 0.6; cursor: default; }
.sp-primary { background: var(--sp-brand); border-color: var(--sp-brand); color: #fff; }
.sp-primary:hover { background: var(--sp-brand-dark); }
.sp-link { font: inherit; font-size: 12px; font-weight: 600; background: none; border: 0; padding: 2px 4px; color: var(--sp-brand); cursor: pointer; }
.sp-link:hover { text-decoration: underline; }
.sp-icon { font: inherit; font-size: 16px; line-height: 1; width: 28px; height: 28px; border-radius: 50%; border: 0; background: none; cursor: pointer; color: #444746; }
.sp-icon:hover { background: #e8eaed; }
.sp-ok { color: var(--sp-green); font-weight: 600; margin: 0; }
.sp-inserted { display: flex; flex-direction: column; gap: 6px; }

.sp-tab {
  display: inline-flex; align-items: center; gap: 6px; max-width: 260px; height: 28px;
  padding: 0 10px 0 4px; font: inherit; font-size: 12px; font-weight: 600; cursor: pointer;
  border: 1px solid var(--sp-border); border-radius: 14px; background: #fff; color: var(--sp-text);
  box-shadow: 0 1px 3px rgba(60, 64, 67, 0.3);
}
.sp-tab:hover { background: var(--sp-soft); }
.sp-tab-text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.sp-badge { min-width: 18px; height: 18px; padding: 0 5px; border-radius: 9px; background: var(--sp-gap); color: var(--sp-gap-text); font-size: 11px; display: inline-grid; place-items: center; }
.sp-tab-crash { bottom: 8px; left: 8px; padding: 6px 10px; background: #fff; border: 1px solid var(--sp-border); border-radius: 8px; }

button:focus-visible, select:focus-visible, summary:focus-visible { outline: none; box-shadow: var(--sp-focus); }
`
