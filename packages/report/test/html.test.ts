import { escapeHtml, html, raw } from '../src/html.js';
import { HOSTILE } from './fixtures.js';

describe('html templates', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('escapes every interpolation unless it is markup made by html or raw', () => {
    const inner = html`<b>${HOSTILE}</b>`;
    const page = html`<p title="${HOSTILE}">${HOSTILE}${inner}${raw('<i>trusted</i>')}</p>`.value;
    expect(page).not.toContain('<img');
    expect(page).not.toContain('</script>');
    expect(page.match(/<b>/g)).toHaveLength(1);
    expect(page).toContain('<i>trusted</i>');
    // The attribute value cannot be closed early.
    expect(page.startsWith('<p title="&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')).toBe(true);
  });

  it('joins arrays, drops undefined, null and false, prints numbers', () => {
    expect(html`${['<', html`<br>`]}${undefined}${null}${false}${0}${1.5}`.value).toBe('&lt;<br>01.5');
  });
});
