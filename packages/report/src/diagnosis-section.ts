/**
 * A benchmark's diagnosis on the page: where the profiled call's time went on each side, the
 * operators that added the most, each statement's operator tree side by side (base | candidate,
 * added, removed and much slower operators marked), and the functions whose own time grew.
 */
import {
  contributorText,
  functionText,
  javascriptLeads,
  queryChangeText,
  sidesText,
  type Diagnosis,
  type DiffNode,
  type QueryDiff,
} from '@frozen-duckdb/regress';
import { html, type Html } from './html.js';
import { formatDuration } from './units.js';

/** A matched operator is marked slower when its time grew this much, and by more than 50 µs (a profiled call's noise). */
const SLOWER_FACTOR = 1.5;
const SLOWER_MS = 0.05;

/** Statements shown per benchmark: the ones that changed or took longer first. */
const QUERIES_SHOWN = 5;

/** Only the candidate's tree marks slower operators: in the base's, the same test would mark ones that got faster. */
function mark(n: DiffNode, side: Side): 'added' | 'removed' | 'slower' | undefined {
  if (n.change !== 'matched') return n.change;
  if (side === 'base') return undefined;
  return n.other && n.ms > n.other.ms * SLOWER_FACTOR && n.ms - n.other.ms > SLOWER_MS ? 'slower' : undefined;
}

const MARK_WORDS = { added: 'added', removed: 'removed', slower: 'slower' } as const;

type Side = 'base' | 'candidate';

function tree(nodes: readonly DiffNode[], side: Side): Html {
  if (nodes.length === 0) return html``;
  return html`<ul>${nodes.map((n) => {
    const m = mark(n, side);
    return html`<li><span class="op${m ? ` op-${m}` : ''}"><code>${n.label}</code> <span class="op-numbers">${formatDuration(n.ms)}, ${n.rows.toLocaleString('en-US')} rows</span>${
      m ? html` <em class="op-mark">${MARK_WORDS[m]}</em>` : ''
    }</span>${tree(n.children, side)}</li>`;
  })}</ul>`;
}

function changed(q: QueryDiff): boolean {
  return (
    q.change !== 'same' ||
    q.joinOrder !== undefined ||
    (function any(nodes: DiffNode[]): boolean {
      return nodes.some((n) => mark(n, 'candidate') !== undefined || any(n.children));
    })(q.candidate)
  );
}

function querySection(q: QueryDiff): Html {
  const runs = (n: number) => (n === 1 ? '' : ` (${n} runs)`);
  return html`<div class="query">
<p><code>${q.query}</code></p>
${queryChangeText(q).length ? html`<ul class="query-changes">${queryChangeText(q).map((l) => html`<li>${l}</li>`)}</ul>` : ''}
<div class="plans">
<div class="plan plan-base"><h5>base: ${formatDuration(q.baseMs)}${runs(q.baseRuns)}</h5>${q.base.length ? tree(q.base, 'base') : html`<p class="empty">not run</p>`}</div>
<div class="plan plan-candidate"><h5>candidate: ${formatDuration(q.candidateMs)}${runs(q.candidateRuns)}</h5>${q.candidate.length ? tree(q.candidate, 'candidate') : html`<p class="empty">not run</p>`}</div>
</div>
</div>`;
}

/** The diagnosis of one benchmark, or nothing. */
export function diagnosisSection(d: Diagnosis | undefined): Html {
  if (!d) return html``;
  const title = html`<h4>Why it ${d.reason === 'regressed' ? 'is slower' : 'differs'}: each side profiled once more</h4>`;
  if (d.error || !d.base || !d.candidate || !d.plan || !d.cpu)
    return html`<section class="diagnosis">${title}<p class="empty">No diagnosis: ${d.error ?? 'no profile'}.</p></section>`;
  const queries = [...d.plan.queries]
    .sort((a, b) => Number(changed(b)) - Number(changed(a)) || b.candidateMs - b.baseMs - (a.candidateMs - a.baseMs))
    .slice(0, QUERIES_SHOWN);
  const top = d.plan.top.length
    ? html`<p>Operators that added the most time:</p><ol class="contributors">${d.plan.top.map((c) => html`<li><code>${contributorText(c)}</code></li>`)}</ol>`
    : '';
  const js = d.cpu.slower.length
    ? html`<p>JavaScript, own time per call (${formatDuration(d.cpu.baseMs)} sampled on the base, ${formatDuration(d.cpu.candidateMs)} on the candidate)${
        d.javascript ? html`: <strong>most of this benchmark's time is JavaScript</strong>` : ''
      }:</p><ol class="contributors">${d.cpu.slower.map((f) => html`<li><code>${functionText(f)}</code></li>`)}</ol>`
    : '';
  const hidden = d.plan.queries.length - queries.length;
  const leads = javascriptLeads(d);
  return html`<section class="diagnosis">${title}
<p class="why">${sidesText(d.base, d.candidate)}. Times are one profiled call's, for comparing the two sides, not measurements.</p>
${leads ? js : ''}${top}${queries.map(querySection)}${hidden > 0 ? html`<p class="empty">${hidden} more statements not shown (in the JSON file).</p>` : ''}${leads ? '' : js}
</section>`;
}
