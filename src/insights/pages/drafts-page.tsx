/**
 * 意見の下書き用の文案: short factual sentences generated from the round's figures, each
 * with the figures it states and links to its items, for the reviewing division and the
 * expert to copy and edit. Marked as generated; nothing here is ever published.
 */
import { AppShell } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import type { DraftSentence } from '../draft-sentences.js';
import type { EntryOverlay, InsightRound } from '../insights-queries.js';
import { insightUrls, staffItemHref } from '../insights-urls.js';
import { it } from '../messages.js';

export interface DraftsPageProps {
  prefs: Preferences;
  auth: Session;
  path: string;
  plan: { slug: string; name: string };
  round: InsightRound;
  year: number;
  overlay: EntryOverlay | null;
  sentences: DraftSentence[];
  /** The round kind's name in the plan's words. */
  kindLabel: string;
}

export function DraftsPage({ prefs, auth, path, plan, round, year, overlay, sentences, kindLabel }: DraftsPageProps) {
  const lang = prefs.lang;
  const title = `${fiscalYearLabel(round.fiscalYear, prefs.era, 'long')} ${kindLabel}：${it(lang, 'draftsTitle')}`;
  return (
    <AppShell title={title} prefs={prefs} path={path} auth={auth}>
      <p>
        <a href={withPreference(`/rounds/${round.id}/opinions`, prefs, {})}>{it(lang, 'backToOpinions')}</a>
      </p>
      <h1>{title}</h1>
      <p class="note">
        <strong>{it(lang, 'generatedMark')}</strong> {it(lang, 'draftsIntro')}
      </p>
      {overlay && <p class="note">{it(lang, 'overlayNote', { accepted: overlay.accepted, total: overlay.total, year: fiscalYearLabel(year, prefs.era) })}</p>}
      {sentences.length === 0 ? (
        <p>{it(lang, 'draftsNone')}</p>
      ) : (
        <ol class="drafts">
          {sentences.map((s, i) => (
            <li id={`draft-${i + 1}`}>
              <p>{s.text}</p>
              <details>
                <summary>{it(lang, 'draftFigures')}</summary>
                <ul>
                  {s.figures.map((f) => (
                    <li>
                      {it(lang, `figure_${f.key.split(':')[0]}` as Parameters<typeof it>[1])}
                      {f.key.includes(':') ? `（${f.key.split(':')[1]}）` : ''}: {f.text}
                    </li>
                  ))}
                </ul>
              </details>
              {s.items.length > 0 && (
                <p class="note">
                  {it(lang, 'draftItems')}:{' '}
                  {s.items.map((item, j) => (
                    <>
                      {j > 0 && it(lang, 'listSeparator')}
                      <a href={staffItemHref(prefs, plan.slug, item.code)}>{item.name}</a>
                    </>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <p>
        <a href={withPreference(insightUrls.changes(plan.slug, year), prefs, {})}>{it(lang, 'changesLink')}</a>
      </p>
    </AppShell>
  );
}
