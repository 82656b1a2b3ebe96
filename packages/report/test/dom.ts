// Reads charts out of serialized markup (the page as written, or the DOM Chromium built from it).

export interface ChartInDom {
  kind: string;
  /** The count the renderer declared on the <svg>. */
  declared: number;
  /** Data markers actually inside the <svg>. */
  points: number;
  title: string;
}

/** Every chart <svg> with its declared and actual number of data points. */
export function chartsIn(markup: string): ChartInDom[] {
  const charts: ChartInDom[] = [];
  for (const m of markup.matchAll(/<svg class="chart ([a-z-]+)"[^>]*?data-points="(\d+)"[^>]*>([\s\S]*?)<\/svg>/g)) {
    const body = m[3] as string;
    charts.push({
      kind: m[1] as string,
      declared: Number(m[2]),
      points: (body.match(/class="point[ "]/g) ?? []).length,
      title: /<title id="[^"]*">([\s\S]*?)<\/title>/.exec(body)?.[1] ?? '',
    });
  }
  return charts;
}

/** Counts elements by tag name in serialized markup (e.g. 'img', 'script'). */
export function countTags(markup: string, tag: string): number {
  return (markup.match(new RegExp(`<${tag}[\\s>/]`, 'gi')) ?? []).length;
}
