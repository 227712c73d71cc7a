/** Search results across every published plan: matching items with their matching narratives. */
import type { ComponentChildren } from 'preact';
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import type { PublicDataset, PublicNarrative } from '../public-data.js';
import type { Fragment, SearchHit } from '../search.js';
import { portalUrls } from '../urls.js';
import { href } from './format.js';
import { Highlighted, NarrativeBlock } from './narrative-block.js';
import { PortalLayout } from './portal-layout.js';
import { SearchForm } from './search-form.js';
import { Section } from '../../web/ui/section.js';

/** A page of thousands of results helps nobody and costs a lot to render. */
export const MAX_HITS_SHOWN = 100;

export interface PlanSearchResult {
  data: PublicDataset;
  hits: SearchHit[];
  planNarratives: { narrative: PublicNarrative; excerpt: Fragment[] }[];
}

function PlanResults({ result: { data, hits, planNarratives }, prefs }: { result: PlanSearchResult; prefs: Preferences }) {
  return (
    <Section id={`plan-${data.plan.id}`} title={data.plan.name}>
      {hits.length > MAX_HITS_SHOWN && <p class="note">{pt(prefs.lang, 'searchTooMany', { count: hits.length, max: MAX_HITS_SHOWN })}</p>}
      <ol class="results">
        {hits.slice(0, MAX_HITS_SHOWN).map((hit) => (
          <li>
            <a href={href(prefs, portalUrls.item(data.plan.slug, hit.item.code))}>
              <Highlighted fragments={hit.name} />
            </a>{' '}
            <span class="badge">{hit.item.tierName}</span>
            {hit.narratives.map((n) => (
              <NarrativeBlock data={data} narrative={n.narrative} prefs={prefs} highlight={n.excerpt} />
            ))}
          </li>
        ))}
      </ol>
      {planNarratives.map((n) => (
        <NarrativeBlock data={data} narrative={n.narrative} prefs={prefs} highlight={n.excerpt} />
      ))}
    </Section>
  );
}

export interface SearchPageProps {
  prefs: Preferences;
  path: string;
  query: string;
  results: PlanSearchResult[];
  error?: string | undefined;
  /** Static export: no server to search with; list every item instead. */
  staticNote?: ComponentChildren;
}

export function SearchPage({ prefs, path, query, results, error, staticNote }: SearchPageProps) {
  const lang = prefs.lang;
  const total = results.reduce((n, r) => n + r.hits.length, 0);
  return (
    <PortalLayout title={query ? pt(lang, 'searchTitleWithQuery', { query }) : pt(lang, 'search')} prefs={prefs} path={path}>
      <h1>{pt(lang, 'searchHeading')}</h1>
      {staticNote ?? <SearchForm prefs={prefs} query={query} />}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {query && !error && <p role="status">{pt(lang, 'searchResultCount', { query, total })}</p>}
      {results.map((result) => (
        <PlanResults result={result} prefs={prefs} />
      ))}
    </PortalLayout>
  );
}
