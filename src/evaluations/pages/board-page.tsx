/** 進捗ボード: completion per department and per item of the plan's board tier, and the rated items of the one picked. */
import type { Board, EntryListRow, Round } from '../round-queries.js';
import { roleTitle, tierName, type PlanVocabulary } from '../plan-settings-queries.js';
import { t } from '../messages.js';
import { renderToString } from 'preact-render-to-string';
import type { Preferences } from '../../web/preferences.js';
import { BoardTable } from './board-table.js';
import type { ExtensionWarning } from '../../indicators/extension-warning.js';
import { ExtensionWarningBox } from './extension-warning.js';
import { EntryTable } from './entry-table.js';
import { link, RoundShell, RoundStatusLine, type PageBase } from './round-shell.js';

export function BoardPage(
  p: PageBase & {
    round: Round;
    vocabulary: PlanVocabulary;
    board: Board;
    list?: EntryListRow[];
    listCaption?: string;
    /** Indicators without re-set targets after the period was extended. */
    extensionWarning?: ExtensionWarning | null;
  },
) {
  const { prefs, round, vocabulary, board, list, listCaption } = p;
  const lang = prefs.lang;
  const department = roleTitle(vocabulary, 'department', lang);
  return (
    <RoundShell {...p} heading={t(lang, 'completionBoard')} intro={<RoundStatusLine round={round} prefs={prefs} />}>
      <ExtensionWarningBox prefs={prefs} warning={p.extensionWarning} />
      <BoardTables board={board} department={department} prefs={prefs} roundId={round.id} />
      {list && (
        <EntryTable
          rows={list}
          round={round}
          prefs={prefs}
          caption={listCaption ?? ''}
          itemHead={tierName(vocabulary, vocabulary.ratedLevel)}
          departmentHead={department}
        />
      )}
    </RoundShell>
  );
}

/** The tables' markup per board (kept while its version stands) and per language and era. */
const renderedTables = new WeakMap<Board, Map<string, string>>();

/**
 * The two tables of counts, rendered once per board and preferences: every request of a busy
 * round shows the same board, and rendering a plan's hundreds of rows was most of the page's cost.
 */
function BoardTables({ board, department, prefs, roundId }: { board: Board; department: string; prefs: Preferences; roundId: number }) {
  let byPrefs = renderedTables.get(board);
  if (!byPrefs) {
    byPrefs = new Map();
    renderedTables.set(board, byPrefs);
  }
  // A board is one round's: its round needs no place in the key.
  const key = `${prefs.lang}/${prefs.era}/${department}`;
  let html = byPrefs.get(key);
  if (html === undefined) {
    const drillDown = (param: string) => (r: { id: number | null }) => (r.id === null ? undefined : link(prefs, `/rounds/${roundId}/board?${param}=${r.id}`));
    html = renderToString(
      <>
        <BoardTable
          rows={board.departments}
          caption={t(prefs.lang, 'progressPerDepartment', { title: department })}
          head={department}
          prefs={prefs}
          totals={board.totals}
          linkOf={drillDown('department')}
        />
        {board.groupTier !== null && (
          <BoardTable
            rows={board.measures}
            caption={t(prefs.lang, 'progressPerMeasure', { tier: board.groupTier })}
            head={board.groupTier}
            prefs={prefs}
            totals={board.totals}
            linkOf={drillDown('measure')}
          />
        )}
      </>,
    );
    byPrefs.set(key, html);
  }
  return <div class="board-tables" dangerouslySetInnerHTML={{ __html: html }} />;
}
