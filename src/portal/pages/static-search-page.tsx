/**
 * The search page of the static export. There is no server to ask, so the page
 * lists every item with its normalised searchable text; without JavaScript it is
 * an index of all items, and a small inline script filters it by the query
 * (same normalisation as the live search: NFKC, lower case, no spaces).
 */
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import type { PublicDataset } from '../public-data.js';
import { normaliseQuery } from '../search.js';
import { portalUrls } from '../urls.js';
import { PortalLayout } from './portal-layout.js';
import { SearchForm } from './search-form.js';
import { Section } from '../../web/ui/section.js';

const FILTER_SCRIPT = `(function(){
var n=function(s){return s.normalize('NFKC').toLowerCase().replace(/\\s+/g,'');};
var q=new URLSearchParams(location.search).get('q')||'';
var input=document.getElementById('portal-q');if(input)input.value=q;
var status=document.getElementById('static-search-status');
if(!q.trim())return;
var nq=n(q),shown=0;
document.querySelectorAll('[data-search]').forEach(function(li){var hit=li.getAttribute('data-search').indexOf(nq)>=0;li.hidden=!hit;if(hit)shown++;});
status.textContent=(document.documentElement.lang==='ja'?'「'+q+'」を含む項目: '+shown+'件':shown+' item(s) contain "'+q+'"');
})();`;

export function StaticSearchPage({ datasets, prefs, path }: { datasets: PublicDataset[]; prefs: Preferences; path: string }) {
  return (
    <PortalLayout title={pt(prefs.lang, 'search')} prefs={prefs} path={path}>
      <h1>{pt(prefs.lang, 'searchHeading')}</h1>
      <SearchForm prefs={prefs} query="" />
      <p class="note">{pt(prefs.lang, 'staticSearchNote')}</p>
      <p id="static-search-status" role="status"></p>
      {datasets.map((data) => (
        <Section id={`plan-${data.plan.id}`} title={data.plan.name}>
          <ul>
            {data.items.map((item) => {
              const text = [
                item.name,
                ...data.narratives.filter((n) => n.itemCode === item.code || n.mentionCodes.includes(item.code)).map((n) => n.body),
              ].join(' ');
              return (
                <li data-search={normaliseQuery(text)}>
                  <a href={withPreference(portalUrls.item(data.plan.slug, item.code), prefs, {})}>{item.name}</a> <span class="badge">{item.tierName}</span>
                </li>
              );
            })}
          </ul>
        </Section>
      ))}
      <script dangerouslySetInnerHTML={{ __html: FILTER_SCRIPT }} />
    </PortalLayout>
  );
}
