/** 意見: the division's opinion per measure and the expert's per pillar and on the whole plan. */
import { can } from '../../auth/roles.js';
import type { BoardRow, Opinion, OpinionTarget, Round } from '../round-queries.js';
import { t } from '../messages.js';
import { OpinionSection, opinionKey, type OpinionFormState } from './opinion-section.js';
import { RoundShell, type PageBase } from './round-shell.js';

export interface OpinionsPageProps extends PageBase {
  round: Round;
  targets: OpinionTarget[];
  opinions: Opinion[];
  measures: BoardRow[];
  state?: OpinionFormState;
  notice?: string;
}

export function OpinionsPage(p: OpinionsPageProps) {
  const { prefs, auth, round, targets, opinions, measures, state } = p;
  const writable = round.status === 'open' || round.status === 'closed';
  return (
    <RoundShell {...p} heading={t(prefs.lang, 'opinionsTitle')}>
      <p>{t(prefs.lang, 'opinionsHelp')}</p>
      {targets.map((target) => (
        <OpinionSection
          prefs={prefs}
          auth={auth}
          round={round}
          target={target}
          opinion={opinions.find((o) => o.itemId === target.itemId && o.authorRole === target.role)}
          measure={measures.find((x) => x.id === target.itemId)}
          mayWrite={writable && can(auth.user.roles, target.role === 'division' ? 'writeDivisionOpinion' : 'writeExpertOpinion')}
          typed={state?.targetKey === opinionKey(target.itemId) ? state : undefined}
        />
      ))}
    </RoundShell>
  );
}
