/** The popup's CSS: 380px wide, system fonts, the panel's colours, a visible focus ring. */
export const POPUP_CSS = `
:root {
  --text: #181818; --muted: #5c5c5c; --border: #dddbda; --rail: #f3f3f3;
  --brand: #0176d3; --brand-dark: #014486;
  --red: #ba0517; --red-bg: #fef1ee; --amber: #8c4b02; --amber-bg: #fff1d8; --green: #2e844a; --green-bg: #ebf7e6;
  --focus: 0 0 0 2px #fff, 0 0 0 4px #0176d3;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html, body { margin: 0; }
body {
  width: 380px;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 13px; line-height: 1.4; color: var(--text); background: var(--rail);
  -webkit-font-smoothing: antialiased;
}
:focus-visible { outline: none; box-shadow: var(--focus); border-radius: 4px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.pp-header { display: flex; align-items: center; gap: 8px; padding: 10px 12px; background: #fff; border-bottom: 1px solid var(--border); }
.pp-logo { width: 22px; height: 22px; border-radius: 5px; background: var(--brand); color: #fff; display: grid; place-items: center; font-weight: 700; font-size: 11px; }
.pp-header h1 { margin: 0; font-size: 14px; }
.pp-header .pp-total { margin-left: auto; }
.pp-settings { font: inherit; color: var(--brand-dark); background: none; border: 0; padding: 2px 4px; cursor: pointer; text-decoration: underline; }

.pp-card { background: #fff; border: 1px solid var(--border); border-radius: 6px; margin: 10px 12px; padding: 10px 12px; }
.pp-card h2 { margin: 0 0 2px; font-size: 14px; }
.pp-card h3 { margin: 10px 0 4px; font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.pp-muted { color: var(--muted); margin: 0; }
.pp-meta { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin-top: 4px; }

.chip { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 11.5px; line-height: 18px; background: #e5e5e5; white-space: nowrap; }
.chip-stage { background: #e3f1fd; color: var(--brand-dark); }
.chip-situation { background: var(--amber-bg); color: var(--amber); }
.count { display: inline-block; min-width: 20px; padding: 0 6px; border-radius: 9px; font-size: 11.5px; font-weight: 700; line-height: 18px; text-align: center; background: #e5e5e5; color: var(--muted); }
.count[data-count]:not([data-count="0"]) { background: var(--red); color: #fff; }

.pp-steps { list-style: none; margin: 0; padding: 0; }
.pp-step { display: grid; grid-template-columns: 18px 1fr auto; gap: 8px; align-items: start; padding: 5px 0; border-top: 1px solid #eee; }
.pp-step:first-child { border-top: 0; }
.pp-step input { width: 15px; height: 15px; margin: 2px 0 0; accent-color: var(--brand); }
.pp-step label { cursor: pointer; }
.pp-step .rule { color: var(--brand-dark); font-weight: 600; font-size: 11.5px; margin-right: 4px; }
.pp-step[data-status="done"] label { color: var(--muted); text-decoration: line-through; }
.due { font-size: 11.5px; white-space: nowrap; color: var(--muted); }
.due[data-status="overdue"] { color: var(--red); font-weight: 700; }
.due[data-status="due"] { color: var(--amber); font-weight: 700; }
.pp-error { color: var(--red); font-size: 12px; margin: 2px 0 0; grid-column: 2 / 4; }

.pp-book { margin: 10px 12px 12px; background: #fff; border: 1px solid var(--border); border-radius: 6px; overflow: hidden; }
.pp-book-head { padding: 8px 10px; border-bottom: 1px solid var(--border); display: grid; gap: 6px; }
.pp-book-head h2 { margin: 0; font-size: 13px; display: flex; gap: 6px; align-items: center; }
.pp-filters { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; }
.pp-filters .pp-search { grid-column: 1 / 3; }
.pp-filters input, .pp-filters select { font: inherit; font-size: 12.5px; width: 100%; padding: 4px 8px; border: 1px solid #939393; border-radius: 4px; background: #fff; color: inherit; }

.vlist { scrollbar-width: thin; }
.pp-row { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; align-items: center; width: 100%; height: 100%; padding: 6px 10px; border: 0; border-bottom: 1px solid #eee; background: #fff; text-align: left; font: inherit; color: inherit; cursor: pointer; }
.pp-row:hover { background: #f4f8fd; }
.pp-row:focus-visible { box-shadow: inset 0 0 0 2px var(--brand); border-radius: 0; }
.pp-row-name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.pp-row-next { grid-column: 1 / 2; color: var(--muted); font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.pp-row .count { grid-row: 1 / 3; grid-column: 2; }
.pp-empty { padding: 16px 12px; color: var(--muted); margin: 0; }
`
