/** The page's only stylesheet, inlined: the report must open offline and from a CI artifact. */
export const STYLES = `
:root {
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --grid: #e8ecf0; --band: #f6f8fa;
  --base: #1f6fb2; --candidate: #d9730d; --record: #117a65; --shift: #8e44ad;
  --ok: #4d5b69; --faster: #1a7f37; --regressed: #c0392b; --inconclusive: #9a6700; --error: #7d3c98;
  --zone-slower: rgba(192, 57, 43, 0.12); --zone-faster: rgba(26, 127, 55, 0.12);
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --grid: #262c33; --band: #161b22;
    --base: #58a6ff; --candidate: #f0883e; --record: #3fb950; --shift: #c297ff;
    --ok: #9198a1; --faster: #3fb950; --regressed: #ff7b72; --inconclusive: #d29922; --error: #d2a8ff;
    --zone-slower: rgba(255, 123, 114, 0.2); --zone-faster: rgba(63, 185, 80, 0.2);
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main, header { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 32px 0 8px; padding-top: 8px; }
h3 { font-size: 1.05rem; margin: 28px 0 4px; overflow-wrap: anywhere; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
a { color: var(--base); }
p { margin: 6px 0; }
.meta, .source, .machine, figcaption, .why, .note, .reason { color: var(--muted); }
nav ul { list-style: none; padding: 0; margin: 8px 0 16px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
article { border-top: 1px solid var(--grid); margin-top: 20px; }
figure { margin: 8px 0; }
figcaption { font-size: 0.85rem; }
.chart { display: block; width: 100%; max-width: 960px; height: auto; overflow: visible; }
.chart text, .interval-axis text, .interval-chart text { fill: var(--muted); font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
.chart .axis-title { fill: var(--fg); font-size: 12.5px; }
.grid { stroke: var(--grid); stroke-width: 1; }
.spread { stroke: var(--muted); stroke-width: 2; stroke-opacity: 0.45; }
.trend-line { fill: none; stroke: var(--muted); stroke-width: 1.2; stroke-opacity: 0.6; }
.point { stroke: var(--bg); stroke-width: 1; }
.kind-bench { fill: var(--base); }
.kind-record { fill: var(--record); }
.kind-compare { fill: var(--candidate); }
.legend-point { stroke: none; }
.level { stroke: var(--shift); stroke-width: 2; stroke-dasharray: 6 4; }
.change-point line { stroke: var(--shift); stroke-width: 1.5; stroke-dasharray: 3 3; }
.change-point text { fill: var(--shift); font-weight: 600; }
.band { fill: transparent; }
.band-odd { fill: var(--band); }
.block-label { font-size: 11px; }
.pair { stroke: var(--muted); stroke-width: 1; stroke-opacity: 0.55; }
.point.base { fill: var(--base); stroke: none; }
.point.candidate { fill: var(--bg); stroke: var(--candidate); stroke-width: 1.8; }
.median { stroke-width: 1.5; stroke-dasharray: 5 3; }
.median.base { stroke: var(--base); }
.median.candidate { stroke: var(--candidate); }
.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 0.85rem; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend-mark { flex: none; }
.legend-base { fill: var(--base); }
.legend-candidate { fill: var(--bg); stroke: var(--candidate); stroke-width: 2; }
.legend-shift { display: inline-block; width: 18px; border-top: 2px dashed var(--shift); }
.legend-median { display: inline-block; width: 18px; border-top: 2px dashed var(--muted); }
.outcome { border: 1px solid var(--line); border-left: 6px solid var(--ok); border-radius: 6px; padding: 10px 14px; margin: 10px 0; overflow-wrap: anywhere; }
.outcome-pass { border-left-color: var(--faster); }
.outcome-fail { border-left-color: var(--regressed); }
.outcome-inconclusive { border-left-color: var(--inconclusive); }
.verdict { display: inline-block; font-size: 0.8rem; font-weight: 600; padding: 0 8px; border-radius: 10px; border: 1.5px solid currentColor; vertical-align: 0.1em; white-space: nowrap; }
.verdict-ok { color: var(--ok); }
.verdict-faster { color: var(--faster); }
.verdict-regressed { color: var(--regressed); }
.verdict-inconclusive { color: var(--inconclusive); }
.verdict-skipped, .verdict-uncounted { color: var(--muted); }
.verdict-fewer { color: var(--faster); }
.verdict-error, .verdict-unknown { color: var(--error); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; font-size: 0.88rem; }
caption { text-align: left; color: var(--muted); font-size: 0.85rem; padding-bottom: 4px; caption-side: top; }
th, td { padding: 3px 10px; border-bottom: 1px solid var(--grid); text-align: left; vertical-align: middle; }
thead th { border-bottom: 1px solid var(--line); font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 500; overflow-wrap: anywhere; max-width: 300px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart-cell { padding: 0 4px; }
.interval-chart, .interval-axis { display: block; }
.interval { stroke: var(--fg); stroke-width: 2; }
.interval-arrow { fill: var(--fg); }
.estimate { fill: var(--fg); }
.no-change { stroke: var(--muted); stroke-width: 1; }
.zone-slower { fill: var(--zone-slower); }
.zone-faster { fill: var(--zone-faster); }
.suite-row th, .suite-row td { border-top: 1px solid var(--line); font-style: italic; }
.shift-row td { background: var(--band); font-weight: 600; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 8px 0; }
.facts div { display: flex; gap: 6px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
details.data { margin: 4px 0 12px; }
details.data summary { cursor: pointer; color: var(--muted); font-size: 0.85rem; }
.empty { font-style: italic; color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.diagnosis { margin: 12px 0; }
.diagnosis h4 { font-size: 0.95rem; margin: 12px 0 4px; }
.diagnosis h5 { font-size: 0.85rem; margin: 0 0 4px; color: var(--muted); }
.contributors { margin: 4px 0 8px; padding-left: 24px; }
.query { border: 1px solid var(--grid); border-radius: 6px; padding: 6px 10px; margin: 8px 0; }
.query-changes { margin: 4px 0; padding-left: 20px; color: var(--muted); font-size: 0.88rem; }
.plans { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
@media (max-width: 720px) { .plans { grid-template-columns: 1fr; } }
.plan ul { list-style: none; margin: 0; padding-left: 14px; border-left: 1px solid var(--grid); font-size: 0.85rem; }
.plan > ul { padding-left: 0; border-left: none; }
.op { display: inline-block; padding: 0 4px; border-radius: 4px; }
.op-numbers { color: var(--muted); font-variant-numeric: tabular-nums; }
.op-added { background: var(--zone-slower); }
.op-slower { background: var(--zone-slower); }
.op-removed { background: var(--zone-faster); text-decoration: line-through; }
.op-mark { font-size: 0.8em; font-weight: 600; color: var(--regressed); }
.op-removed .op-mark { color: var(--faster); }
footer { max-width: 1100px; margin: 40px auto 24px; padding: 0 24px; color: var(--muted); font-size: 0.8rem; }
@media print { details.data { display: none; } a { color: inherit; } }
`;
