/** 進捗ボード: completion per department and per item of the plan's board tier, and the rated items of the one picked. */
import type { Board, EntryListRow, Round } from '../round-queries.js';
import { roleTitle, tierName, type PlanVocabulary } from '../plan-settings-queries.js';
import { t } from '../messages.js';
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
  const drillDown = (param: string) => (r: { id: number | null }) => (r.id === null ? undefined : link(prefs, `/rounds/${round.id}/board?${param}=${r.id}`));
  return (
    <RoundShell {...p} heading={t(lang, 'completionBoard')} intro={<RoundStatusLine round={round} prefs={prefs} />}>
      <ExtensionWarningBox prefs={prefs} warning={p.extensionWarning} />
      <BoardTable
        rows={board.departments}
        caption={t(lang, 'progressPerDepartment', { title: department })}
        head={department}
        prefs={prefs}
        totals={board.totals}
        linkOf={drillDown('department')}
      />
      {board.groupTier !== null && (
        <BoardTable
          rows={board.measures}
          caption={t(lang, 'progressPerMeasure', { tier: board.groupTier })}
          head={board.groupTier}
          prefs={prefs}
          totals={board.totals}
          linkOf={drillDown('measure')}
        />
      )}
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
