import { comparisonWhy, INSTRUCTION_HEADER, instructionNotes, instructionRows, type Diagnosis, type InstructionComparison } from '@frozen-duckdb/regress';
import { filterComparison, suiteThreshold, type ComparedBenchmark, type ComparisonDocument } from './comparison-document.js';
import { diagnosisSection } from './diagnosis-section.js';
import { html, type Html } from './html.js';
import { intervalAxis, intervalChart, intervalScale, intervalText, type IntervalScale } from './interval-chart.js';
import { legendDot } from './markers.js';
import { roundsChart, roundsTable, describeRounds } from './rounds-chart.js';
import { formatChange, formatDuration, shortCommit } from './units.js';

export interface ComparisonInput {
  /** Where the document came from, shown on the page. */
  source: string;
  document: ComparisonDocument;
  /** Only benchmarks whose id matches; the gate's outcome still speaks for all of them. */
  filter?: RegExp;
}

const OUTCOME_TITLE: Record<ComparisonDocument['outcome'], string> = {
  pass: 'Pass',
  fail: 'Fail',
  inconclusive: 'Inconclusive',
};

/** The verdict as a word in a coloured badge: the word carries it, the colour only helps. */
export function verdictBadge(status: string): Html {
  return html`<span class="verdict verdict-${/^[a-z]+$/.test(status) ? status : 'unknown'}">${status}</span>`;
}

/** The comparison: the gate's outcome, every benchmark's estimate on one axis, then each one's paired rounds. */
export function comparisonSection(input: ComparisonInput, sectionId = 'comparison'): Html {
  const all = input.document;
  const doc = input.filter ? filterComparison(all, input.filter) : all;
  const base = shortCommit(doc.baseCommit);
  const candidate = `${shortCommit(doc.candidateCommit)}${doc.candidateDirty ? ' + uncommitted changes' : ''}`;
  const shown =
    doc.benchmarks.length < all.benchmarks.length
      ? html` This page shows ${doc.benchmarks.length} of the ${all.benchmarks.length} compared benchmarks (those matching <code>${input.filter?.source}</code>); the outcome covers all of them.`
      : '';
  const scale = intervalScale([...doc.benchmarks, ...(all.suite ? [{ estimate: all.suite.estimate, threshold: suiteThreshold(all) }] : [])]);
  const diagnosisOf = (id: string) => doc.diagnoses?.find((d) => d.id === id);
  const articles = doc.benchmarks.map((b, i) => benchmarkArticle(b, `${sectionId}-${i + 1}`, base, candidate, diagnosisOf(b.id)));
  return html`<section id="${sectionId}" aria-labelledby="${sectionId}-heading">
<h2 id="${sectionId}-heading">Comparison: candidate <code>${candidate}</code> against base <code>${base}</code></h2>
<div class="outcome outcome-${doc.outcome}" role="status"><strong>${OUTCOME_TITLE[doc.outcome] ?? doc.outcome}</strong>: ${doc.summary.replace(/\.$/, '')}.${shown}</div>
<p class="source">From <code>${input.source}</code>: base commit <code>${doc.baseCommit}</code>, candidate <code>${doc.candidateCommit}</code>${
    doc.candidateDirty ? ' with uncommitted changes' : ''
  }, measured side by side, interleaved, in ${doc.blocks} pair${doc.blocks === 1 ? '' : 's'} of fresh processes over ${(doc.elapsedMs / 1000).toFixed(0)} s${
    doc.exhausted ? ' (the time budget ran out with benchmarks undecided)' : ''
  }. A change is candidate time / base time: +10% is 10% slower.</p>
${overviewTable(doc, all, scale, sectionId)}
${instructionTable(doc.instructions)}
${changedList(doc)}
${articles}
</section>`;
}

function overviewTable(doc: ComparisonDocument, all: ComparisonDocument, scale: IntervalScale, sectionId: string): Html {
  const rows = doc.benchmarks.map((b, i) => {
    const e = b.estimate;
    return html`<tr><th scope="row"><a href="#${sectionId}-${i + 1}">${b.id}</a></th><td class="num">${formatDuration(b.baseMs)}</td><td class="num">${formatDuration(b.candidateMs)}</td><td class="num">${formatChange(e?.ratio)}</td><td class="num interval-text">${intervalText(e)}</td><td class="chart-cell">${intervalChart(e, b.threshold, scale, b.id)}</td><td class="num">${Math.round(b.threshold * 100)}%</td><td>${verdictBadge(b.status)}</td></tr>`;
  });
  const suite = all.suite
    ? html`<tr class="suite-row"><th scope="row">geometric mean of all ${all.benchmarks.length}</th><td></td><td></td><td class="num">${formatChange(all.suite.estimate.ratio)}</td><td class="num interval-text">${intervalText(all.suite.estimate)}</td><td class="chart-cell">${intervalChart(all.suite.estimate, suiteThreshold(all), scale, 'geometric mean')}</td><td class="num">${Math.round(suiteThreshold(all) * 100)}%</td><td>${verdictBadge(all.suite.verdict.decision)}</td></tr>`
    : '';
  return html`<div class="table-wrap"><table class="overview">
<caption>Every compared benchmark: median time per iteration on each side, the estimated change with its 95% interval (the bar; shaded: past the threshold, slower on the right, faster on the left), and the verdict</caption>
<thead><tr><th scope="col">benchmark</th><th scope="col">base</th><th scope="col">candidate</th><th scope="col">change</th><th scope="col">95% interval</th><th scope="col" class="chart-cell">${intervalAxis(scale)}<span class="visually-hidden">interval chart</span></th><th scope="col">threshold</th><th scope="col">verdict</th></tr></thead>
<tbody>${rows}${suite}</tbody></table></div>`;
}

/** The second measure, when counted: its own verdict per benchmark, beside (never instead of) wall time. */
function instructionTable(instructions: InstructionComparison | undefined): Html | undefined {
  if (!instructions) return undefined;
  const rows = instructionRows(instructions).map((row, i) => {
    const decision = instructions.verdicts[i]?.decision ?? 'error';
    const why = row[5]?.includes(': ') ? html` <span class="reason">${row[5].slice(row[5].indexOf(': ') + 2)}</span>` : '';
    return html`<tr><th scope="row">${row[0]}</th><td class="num">${row[1]}</td><td class="num">${row[2]}</td><td class="num">${row[3]}</td><td class="num">${row[4]}</td><td>${verdictBadge(decision)}${why}</td></tr>`;
  });
  return html`<div class="table-wrap"><table class="instructions">
<caption>Instruction counts per call inside DuckDB, each benchmark's second verdict</caption>
<thead><tr>${INSTRUCTION_HEADER.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table></div>
${instructionNotes(instructions).map((line) => html`<p class="note">${line}</p>`)}`;
}

function changedList(doc: ComparisonDocument): Html {
  const list = (title: string, items: { id: string }[]) =>
    items.length
      ? html`<p class="changed"><strong>${title}</strong> (not compared): ${items.map((b, i) => html`${i ? ', ' : ''}<code>${b.id}</code>`)}</p>`
      : '';
  return html`${list('Only in the candidate', doc.added)}${list('Only in the base', doc.removed)}`;
}

function benchmarkArticle(b: ComparedBenchmark, id: string, base: string, candidate: string, diagnosis: Diagnosis | undefined): Html {
  const e = b.estimate;
  const rounds = b.blocks.flat().length;
  const facts = html`<dl class="facts">
<div><dt>change</dt><dd>${formatChange(e?.ratio)}</dd></div>
<div><dt>${e ? Math.round(e.confidence * 100) : 95}% interval</dt><dd>${intervalText(e)}</dd></div>
<div><dt>threshold</dt><dd>${Math.round(b.threshold * 100)}%</dd></div>
<div><dt>base median</dt><dd>${formatDuration(b.baseMs)}</dd></div>
<div><dt>candidate median</dt><dd>${formatDuration(b.candidateMs)}</dd></div>
<div><dt>evidence</dt><dd>${b.blocks.length} block${b.blocks.length === 1 ? '' : 's'}, ${rounds} rounds</dd></div>
</dl>`;
  const legend = html`<ul class="legend"><li>${legendDot('legend-base')} base <code>${base}</code></li><li>${legendDot('legend-candidate')} candidate <code>${candidate}</code></li><li><span class="legend-median" aria-hidden="true"></span> median over all rounds</li></ul>`;
  const chart = rounds
    ? html`<figure>${legend}${roundsChart(b, `${id}-chart`)}<figcaption>${describeRounds(b)}</figcaption></figure>${roundsTable(b)}`
    : html`<p class="empty">No rounds were measured.</p>`;
  return html`<article class="compared status-${/^[a-z]+$/.test(b.status) ? b.status : 'unknown'}" id="${id}" aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${b.id} ${verdictBadge(b.status)}</h3>
<p class="why">${b.status === 'error' ? 'Error: ' : ''}${comparisonWhy(b)}</p>
${facts}
${chart}
${diagnosisSection(diagnosis)}
</article>`;
}
