/**
 * The public portal's pages: server-rendered, no script, Japanese first with
 * English available, 和暦/西暦 labels, printable. Every page reads only the
 * public dataset (published rounds), never the store directly.
 */
import type { ComponentChildren } from 'preact';
import { fiscalYearLabel, longWareki, seirekiLabel } from '../fiscal/fiscal-year.js';
import { findStagnantItems, trendCounts } from '../analysis/stagnation.js';
import { Layout, withPreference, type NavLink } from '../web/layout.js';
import { RatingText, SummaryTable, formatRate, ratingClass } from '../web/components.js';
import type { Preferences } from '../web/preferences.js';
import { RatingChart } from './chart.js';
import { LICENSE, TABLE_NAMES, allTables, attributionText } from './downloads.js';
import { leafItems, narrativesAbout, type AuthorRole, type PublicDataset, type PublicItem, type PublicNarrative, type PublicPlanRef } from './public-data.js';
import type { Fragment, SearchHit } from './search.js';
import { portalUrls } from './urls.js';

export function tr(prefs: Preferences, ja: string, en: string): string {
  return prefs.lang === 'ja' ? ja : en;
}

/** A link that keeps the reader's language and year style. */
function href(prefs: Preferences, path: string, query: Record<string, string> = {}): string {
  const base = withPreference(path, prefs, {});
  const extra = new URLSearchParams(query).toString();
  if (!extra) return base;
  return base.includes('?') ? `${base}&${extra}` : `${base}?${extra}`;
}

function yearLong(fy: number, prefs: Preferences): string {
  if (prefs.lang === 'en') return `FY${fy}${prefs.era === 'wareki' ? ` (${fiscalYearLabel(fy, 'wareki')})` : ''}`;
  return prefs.era === 'wareki' ? longWareki(fy) : seirekiLabel(fy);
}

function roleLabel(role: AuthorRole, prefs: Preferences): string {
  if (role === 'department') return tr(prefs, '担当課', 'Department');
  if (role === 'division') return tr(prefs, 'デジタル推進課の意見', 'Digital promotion division');
  return tr(prefs, '学識経験者の意見', 'Outside expert');
}

interface PortalLayoutProps {
  title: string;
  prefs: Preferences;
  path: string;
  slug?: string | undefined;
  children: ComponentChildren;
}

export function PortalLayout({ title, prefs, path, slug, children }: PortalLayoutProps) {
  const nav: NavLink[] = [
    { href: href(prefs, portalUrls.home()), label: tr(prefs, '公開ポータル', 'Portal') },
    ...(slug
      ? [
          { href: href(prefs, portalUrls.plan(slug)), label: tr(prefs, '計画のトップ', 'Plan home') },
          { href: href(prefs, portalUrls.downloads(slug)), label: tr(prefs, 'データのダウンロード', 'Downloads') },
        ]
      : []),
    { href: href(prefs, portalUrls.search()), label: tr(prefs, '検索', 'Search') },
    { href: href(prefs, portalUrls.apiPage()), label: 'Web API' },
  ];
  return (
    <Layout title={title} prefs={prefs} path={path} nav={nav}>
      <link rel="stylesheet" href={portalUrls.css()} />
      {children}
      <p class="note license-note">
        {tr(prefs, 'このページのデータは ', 'Data on this page: ')}
        <a href={LICENSE.url} rel="license">CC BY 4.0</a>
        {tr(prefs, '（公共データ利用規約（第1.0版）互換）で利用できます。公表済みの評価結果のみを掲載しています。', ' (compatible with the Public Data License 1.0). Only published evaluation results are shown.')}
      </p>
    </Layout>
  );
}

function Breadcrumbs({ data, item, prefs }: { data: PublicDataset; item?: PublicItem; prefs: Preferences }) {
  const slug = data.plan.slug;
  const trail = item ? item.ancestorCodes.map((c) => data.itemsByCode.get(c)!).filter(Boolean) : [];
  return (
    <nav class="breadcrumbs" aria-label={tr(prefs, '現在位置', 'Breadcrumbs')}>
      <ol>
        <li><a href={href(prefs, portalUrls.home())}>{tr(prefs, '公開ポータル', 'Portal')}</a></li>
        <li><a href={href(prefs, portalUrls.plan(slug))}>{data.plan.name}</a></li>
        {trail.map((a) => (
          <li><a href={href(prefs, portalUrls.item(slug, a.code))}>{a.name}</a></li>
        ))}
        {item && <li aria-current="page">{item.name}</li>}
      </ol>
    </nav>
  );
}

function DownloadLinks({ slug, table, prefs }: { slug: string; table: string; prefs: Preferences }) {
  return (
    <p class="note">
      {tr(prefs, 'この表をダウンロード: ', 'Download this table: ')}
      <a href={portalUrls.data(slug, `${table}.csv`)} download>CSV</a>
      {' / '}
      <a href={portalUrls.data(slug, `${table}.json`)}>JSON</a>
      {table.startsWith('ratings/') && (
        <>
          {tr(prefs, '（全細目の評価: ', ' (all sub-items: ')}
          <a href={portalUrls.data(slug, 'ratings.csv')} download>CSV</a>
          {' / '}
          <a href={portalUrls.data(slug, 'ratings.json')}>JSON</a>
          {tr(prefs, '）', ')')}
        </>
      )}
    </p>
  );
}

export function PortalHomePage({ plans, prefs, path }: { plans: PublicPlanRef[]; prefs: Preferences; path: string }) {
  return (
    <PortalLayout title={tr(prefs, '公開ポータル', 'Public portal')} prefs={prefs} path={path}>
      <h1>{tr(prefs, '計画の進捗評価 公開ポータル', 'Plan progress evaluation — public portal')}</h1>
      <p>{tr(prefs, '公表済みの進捗評価の結果を、どなたでも閲覧・検索・ダウンロードできます。', 'Anyone can browse, search and download the published results of the progress evaluations.')}</p>
      <SearchForm prefs={prefs} query="" />
      <h2>{tr(prefs, '公開中の計画', 'Published plans')}</h2>
      {plans.length === 0 ? (
        <p>{tr(prefs, '公表済みの計画はまだありません。', 'No plan has been published yet.')}</p>
      ) : (
        <ul>
          {plans.map((p) => (
            <li>
              <a href={href(prefs, portalUrls.plan(p.slug))}>{p.name}</a>
              {tr(prefs, `（${yearLong(p.publishedUntilFiscalYear, prefs)}まで公表）`, ` (published to ${yearLong(p.publishedUntilFiscalYear, prefs)})`)}
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}

export function SearchForm({ prefs, query }: { prefs: Preferences; query: string }) {
  // A GET form replaces the action's query with its fields (the hidden inputs below carry
  // the preferences live); the action keeps them too so the static export maps it per variant.
  return (
    <form class="search" role="search" method="get" action={href(prefs, portalUrls.search())}>
      <label for="portal-q">{tr(prefs, '事業名・記述を検索', 'Search items and narratives')}</label>
      <input id="portal-q" type="search" name="q" value={query} maxLength={100} />
      {prefs.lang !== 'ja' && <input type="hidden" name="lang" value={prefs.lang} />}
      {prefs.era !== 'wareki' && <input type="hidden" name="era" value={prefs.era} />}
      <button type="submit">{tr(prefs, '検索', 'Search')}</button>
    </form>
  );
}

function childCount(data: PublicDataset, item: PublicItem): number {
  return leafItems(data).filter((l) => l.ancestorCodes.includes(item.code)).length;
}

export function PlanHomePage({ data, prefs, path }: { data: PublicDataset; prefs: Preferences; path: string }) {
  const { plan } = data;
  const slug = plan.slug;
  const latest = [...data.summary].reverse().find((y) => y.source === 'computed') ?? data.summary[data.summary.length - 1];
  const pillars = data.items.filter((i) => i.parentCode === null);
  const stagnant = stagnationOf(data);
  return (
    <PortalLayout title={plan.name} prefs={prefs} path={path} slug={slug}>
      <Breadcrumbs data={data} prefs={prefs} />
      <h1>{plan.name}</h1>
      <p>
        {tr(prefs, '計画期間: ', 'Plan period: ')}
        {yearLong(plan.startFiscalYear, prefs)}〜{yearLong(plan.effectiveEndFiscalYear, prefs)}
        {plan.effectiveEndFiscalYear !== plan.endFiscalYear && tr(prefs, `（当初 ${yearLong(plan.endFiscalYear, prefs)}まで、延長）`, ` (originally to ${yearLong(plan.endFiscalYear, prefs)}, extended)`)}
      </p>
      {plan.description && <p>{plan.description}</p>}
      {latest && (
        <p class="kpi">
          {tr(prefs, `${yearLong(latest.fiscalYear, prefs)}の達成率: `, `Achievement rate in ${yearLong(latest.fiscalYear, prefs)}: `)}
          <strong>{formatRate(latest.achievementRate)}</strong>
          {tr(prefs, `（A ${latest.counts['A'] ?? 0}件 ÷ ${latest.total}件）`, ` (A ${latest.counts['A'] ?? 0} of ${latest.total})`)}
        </p>
      )}
      <SearchForm prefs={prefs} query="" />
      <h2 id="summary">{tr(prefs, '評価結果の推移', 'Ratings by fiscal year')}</h2>
      <RatingChart years={data.summary} scale={data.scale} prefs={prefs} id="rating-chart" />
      <SummaryTable years={data.summary} scale={data.scale} prefs={prefs} />
      <DownloadLinks slug={slug} table="summary" prefs={prefs} />
      <Trends data={data} prefs={prefs} />
      <h2 id="structure">{tr(prefs, '計画の体系', 'Structure of the plan')}</h2>
      <div class="tree">
        <ul>
          {pillars.map((p) => (
            <li>
              <a href={href(prefs, portalUrls.item(slug, p.code))}>{p.tierName}：{p.name}</a>
              <ul>
                {p.childCodes.map((c) => {
                  const m = data.itemsByCode.get(c)!;
                  return (
                    <li>
                      <a href={href(prefs, portalUrls.item(slug, m.code))}>{m.tierName}：{m.name}</a>
                      {tr(prefs, `（${plan.tiers[plan.tiers.length - 1] ?? ''} ${childCount(data, m)}件）`, ` (${childCount(data, m)} sub-items)`)}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      </div>
      <h2 id="more">{tr(prefs, '見る・使う', 'More')}</h2>
      <ul>
        <li>
          <a href={href(prefs, portalUrls.stagnation(slug))}>{tr(prefs, '3年度以上続けて B・C 評価の細目（停滞）', 'Sub-items rated B or C for 3+ consecutive years')}</a>
          {tr(prefs, `（${stagnant.length}件）`, ` (${stagnant.length})`)}
        </li>
        <li><a href={href(prefs, portalUrls.departments(slug))}>{tr(prefs, '担当課別の一覧', 'By department')}</a></li>
        <li><a href={href(prefs, portalUrls.downloads(slug))}>{tr(prefs, 'データのダウンロード（CSV・JSON・一括 ZIP）', 'Downloads (CSV, JSON, zip)')}</a></li>
      </ul>
    </PortalLayout>
  );
}

function Trends({ data, prefs }: { data: PublicDataset; prefs: Preferences }) {
  const years = data.fiscalYears;
  if (years.length < 2) return null;
  const counts = trendCounts(
    leafItems(data).map((i) => ({ id: i.id, code: i.code, name: i.name, ratings: new Map(i.ratings.map((r) => [r.fiscalYear, r])) })),
    data.scale,
  );
  const span = `${fiscalYearLabel(years[0]!, prefs.era)}→${fiscalYearLabel(years[years.length - 1]!, prefs.era)}`;
  return (
    <p>
      {tr(prefs, `細目ごとの評価の変化（${span}、最初と最後の評価年度の比較）: `, `Change per sub-item (${span}, first vs last evaluated year): `)}
      {tr(prefs, `改善 ${counts.improved}件、悪化 ${counts.worsened}件、変化なし ${counts.unchanged}件、判定不能 ${counts.unknown}件`, `improved ${counts.improved}, worsened ${counts.worsened}, unchanged ${counts.unchanged}, unknown ${counts.unknown}`)}
    </p>
  );
}

/** Sub-items under a node (or any list of sub-items) grouped by their parent, with ratings per year. */
function LeafTable({ data, leaves, caption, prefs }: { data: PublicDataset; leaves: PublicItem[]; caption: string; prefs: Preferences }) {
  const slug = data.plan.slug;
  const groups: { parent: PublicItem | undefined; items: PublicItem[] }[] = [];
  for (const leaf of leaves) {
    const last = groups[groups.length - 1];
    if (last && last.parent?.code === leaf.parentCode) last.items.push(leaf);
    else groups.push({ parent: leaf.parentCode ? data.itemsByCode.get(leaf.parentCode) : undefined, items: [leaf] });
  }
  const tiers = data.plan.tiers;
  // The seed report names no departments: an empty column would only crowd phones.
  const showDepartment = leaves.some((l) => l.departmentName !== null);
  return (
    <div class="table-wrap">
      <table class="ratings">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{tiers[tiers.length - 2] ?? ''}</th>
            <th scope="col">{tiers[tiers.length - 1] ?? ''}</th>
            {showDepartment && <th scope="col">{tr(prefs, '担当課', 'Department')}</th>}
            {data.fiscalYears.map((fy) => (
              <th scope="col" class="num">{fiscalYearLabel(fy, prefs.era)}</th>
            ))}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody>
            {g.items.map((leaf, i) => {
              const byYear = new Map(leaf.ratings.map((r) => [r.fiscalYear, r]));
              return (
                <tr>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={g.items.length}>
                      {g.parent ? <a href={href(prefs, portalUrls.item(slug, g.parent.code))}>{g.parent.name}</a> : ''}
                    </th>
                  )}
                  <th scope="row">
                    <a href={href(prefs, portalUrls.item(slug, leaf.code))}>{leaf.name}</a>
                  </th>
                  {showDepartment && <td>{leaf.departmentName ?? ''}</td>}
                  {data.fiscalYears.map((fy) => {
                    const cell = byYear.get(fy);
                    return (
                      <td class={`rating ${cell ? ratingClass(cell.code) : ''}`}>
                        <RatingText cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function AnnotationNote({ data, prefs }: { data: PublicDataset; prefs: Preferences }) {
  if (data.annotationKinds.length === 0) return null;
  return (
    <p class="note">
      {tr(prefs, '注釈: ', 'Annotations: ')}
      {data.annotationKinds.map((a) => `${a.mark} ${a.meaning}`).join('　')}
    </p>
  );
}

function NarrativeBlock({ data, narrative, prefs, highlight }: { data: PublicDataset; narrative: PublicNarrative; prefs: Preferences; highlight?: Fragment[] }) {
  const about = narrative.itemCode ? data.itemsByCode.get(narrative.itemCode) : undefined;
  return (
    <div class="narrative">
      <p class="who">
        {roleLabel(narrative.authorRole, prefs)}
        {' — '}
        {about ? `${about.tierName}：${about.name}` : tr(prefs, '計画全体', 'Whole plan')}
      </p>
      <p>{highlight ? <Highlighted fragments={highlight} /> : narrative.body}</p>
    </div>
  );
}

export function Highlighted({ fragments }: { fragments: Fragment[] }) {
  return <>{fragments.map((f) => (f.match ? <mark>{f.text}</mark> : f.text))}</>;
}

export function ItemPage({ data, item, prefs, path }: { data: PublicDataset; item: PublicItem; prefs: Preferences; path: string }) {
  const slug = data.plan.slug;
  const isLeaf = item.childCodes.length === 0;
  const narratives = isLeaf ? narrativesAbout(data, item) : data.narratives.filter((n) => n.itemCode === item.code);
  const years = [...new Set([...item.ratings.map((r) => r.fiscalYear), ...narratives.map((n) => n.fiscalYear)])].sort((a, b) => b - a);
  const labels = new Map(data.scale.map((c) => [c.code, c.label]));
  const meanings = new Map(data.annotationKinds.map((a) => [a.mark, a.meaning]));
  return (
    <PortalLayout title={`${item.name} | ${data.plan.name}`} prefs={prefs} path={path} slug={slug}>
      <Breadcrumbs data={data} item={item} prefs={prefs} />
      <h1>
        <span class="badge">{item.tierName}</span> {item.name}
      </h1>
      <dl class="facts">
        <dt>{tr(prefs, '番号', 'Code')}</dt>
        <dd>{item.code}</dd>
        {item.departmentName && (
          <>
            <dt>{tr(prefs, '担当課', 'Department')}</dt>
            <dd>
              <a href={href(prefs, portalUrls.department(slug, item.departmentId!))}>{item.departmentName}</a>
            </dd>
          </>
        )}
        {item.endedFromFiscalYear !== null && (
          <>
            <dt>{tr(prefs, '事業終了', 'Ended')}</dt>
            <dd>{yearLong(item.endedFromFiscalYear, prefs)}</dd>
          </>
        )}
      </dl>
      {isLeaf ? (
        <>
          <h2 id="ratings">{tr(prefs, '年度別の評価', 'Ratings by fiscal year')}</h2>
          <div class="table-wrap">
            <table>
              <caption>{tr(prefs, `${item.name} の評価の推移`, `Ratings of ${item.name}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr(prefs, '年度', 'Fiscal year')}</th>
                  <th scope="col">{tr(prefs, '評価', 'Rating')}</th>
                  <th scope="col">{tr(prefs, '評価の意味', 'Meaning')}</th>
                  <th scope="col">{tr(prefs, '注釈', 'Annotation')}</th>
                </tr>
              </thead>
              <tbody>
                {item.ratings.map((r) => (
                  <tr>
                    <th scope="row">{yearLong(r.fiscalYear, prefs)}</th>
                    <td class={`rating ${ratingClass(r.code)}`}>{r.code}{r.marks.join('')}</td>
                    <td>{labels.get(r.code) ?? ''}</td>
                    <td>{r.marks.map((m) => `${m} ${meanings.get(m) ?? ''}`).join('　')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {item.ratings.length === 0 && <p>{tr(prefs, '公表済みの評価はありません。', 'No published ratings.')}</p>}
          <DownloadLinks slug={slug} table={`ratings/item-${item.code}`} prefs={prefs} />
        </>
      ) : (
        <>
          <h2 id="children">{tr(prefs, `この${item.tierName}に含まれるもの`, 'Contents')}</h2>
          <ul>
            {item.childCodes.map((c) => {
              const child = data.itemsByCode.get(c)!;
              return (
                <li>
                  <a href={href(prefs, portalUrls.item(slug, child.code))}>{child.tierName}：{child.name}</a>
                </li>
              );
            })}
          </ul>
          <h2 id="ratings">{tr(prefs, '細目ごとの評価', 'Ratings of the sub-items')}</h2>
          <AnnotationNote data={data} prefs={prefs} />
          <LeafTable data={data} leaves={leafItems(data).filter((l) => l.ancestorCodes.includes(item.code))} caption={tr(prefs, `${item.name} の細目と評価`, `Sub-items of ${item.name}`)} prefs={prefs} />
          <DownloadLinks slug={slug} table={`ratings/item-${item.code}`} prefs={prefs} />
        </>
      )}
      <h2 id="timeline">{tr(prefs, '年度ごとの進捗と意見', 'Progress and opinions year by year')}</h2>
      {years.length === 0 || narratives.length + item.ratings.filter((r) => r.reason).length === 0 ? (
        <p>{tr(prefs, '公表済みの記述はありません。', 'No published narratives.')}</p>
      ) : (
        <ol class="timeline">
          {years.map((fy) => {
            const rating = item.ratings.find((r) => r.fiscalYear === fy);
            const ofYear = narratives.filter((n) => n.fiscalYear === fy);
            if (ofYear.length === 0 && !rating?.reason) return null;
            return (
              <li>
                <h3>
                  {yearLong(fy, prefs)}
                  {rating && (
                    <>
                      {' — '}
                      {tr(prefs, '評価 ', 'rating ')}
                      {rating.code}
                      {rating.marks.join('')}
                    </>
                  )}
                </h3>
                {rating?.reason && (
                  <div class="narrative">
                    <p class="who">{tr(prefs, '評価の理由', 'Reason for the rating')}</p>
                    <p>{rating.reason}</p>
                  </div>
                )}
                {ofYear.map((n) => (
                  <NarrativeBlock data={data} narrative={n} prefs={prefs} />
                ))}
              </li>
            );
          })}
        </ol>
      )}
    </PortalLayout>
  );
}

export function DepartmentsPage({ data, prefs, path }: { data: PublicDataset; prefs: Preferences; path: string }) {
  const slug = data.plan.slug;
  return (
    <PortalLayout title={`${tr(prefs, '担当課別', 'By department')} | ${data.plan.name}`} prefs={prefs} path={path} slug={slug}>
      <Breadcrumbs data={data} prefs={prefs} />
      <h1>{tr(prefs, '担当課別の一覧', 'Sub-items by department')}</h1>
      <div class="table-wrap">
        <table>
          <caption>{tr(prefs, '担当課と担当する細目の数', 'Departments and their number of sub-items')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(prefs, '担当課', 'Department')}</th>
              <th scope="col" class="num">{tr(prefs, '細目数', 'Sub-items')}</th>
            </tr>
          </thead>
          <tbody>
            {data.departments.map((d) => (
              <tr>
                <th scope="row"><a href={href(prefs, portalUrls.department(slug, d.id))}>{d.name}</a></th>
                <td class="num">{d.subItemCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.departments.length === 0 && <p>{tr(prefs, '担当課の情報はありません。', 'No departments recorded.')}</p>}
      <DownloadLinks slug={slug} table="departments" prefs={prefs} />
    </PortalLayout>
  );
}

export function DepartmentPage({ data, department, prefs, path }: { data: PublicDataset; department: PublicDataset['departments'][number]; prefs: Preferences; path: string }) {
  const slug = data.plan.slug;
  const leaves = leafItems(data).filter((l) => l.departmentId === department.id);
  return (
    <PortalLayout title={`${department.name} | ${data.plan.name}`} prefs={prefs} path={path} slug={slug}>
      <Breadcrumbs data={data} prefs={prefs} />
      <h1>{department.name}</h1>
      <p>
        <a href={href(prefs, portalUrls.departments(slug))}>{tr(prefs, '担当課の一覧へ', 'All departments')}</a>
      </p>
      <AnnotationNote data={data} prefs={prefs} />
      <LeafTable data={data} leaves={leaves} caption={tr(prefs, `${department.name} が担当する細目と評価`, `Sub-items of ${department.name}`)} prefs={prefs} />
      <DownloadLinks slug={slug} table={`ratings/department-${department.id}`} prefs={prefs} />
    </PortalLayout>
  );
}

export function stagnationOf(data: PublicDataset, minYears = 3) {
  return findStagnantItems(
    leafItems(data).map((i) => ({ id: i.id, code: i.code, name: i.name, ratings: new Map(i.ratings.map((r) => [r.fiscalYear, r])) })),
    data.scale,
    minYears,
  );
}

export function StagnationPage({ data, prefs, path }: { data: PublicDataset; prefs: Preferences; path: string }) {
  const slug = data.plan.slug;
  const stagnant = stagnationOf(data);
  return (
    <PortalLayout title={`${tr(prefs, '停滞している細目', 'Stagnant sub-items')} | ${data.plan.name}`} prefs={prefs} path={path} slug={slug}>
      <Breadcrumbs data={data} prefs={prefs} />
      <h1>{tr(prefs, '3年度以上続けて B・C 評価の細目', 'Sub-items rated B or C for 3 or more consecutive years')}</h1>
      <p>{tr(prefs, '目標を達成できない年度（B・C）が3年度以上連続した事務事業細目です。継続中のものを先に、連続年数の長い順に並べています。', 'Sub-items that did not reach their target (B or C) for three or more consecutive fiscal years, ongoing ones first, longest first.')}</p>
      {stagnant.length === 0 ? (
        <p>{tr(prefs, '該当する細目はありません。', 'None.')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{tr(prefs, `停滞している細目（${stagnant.length}件）`, `Stagnant sub-items (${stagnant.length})`)}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(prefs, '細目', 'Sub-item')}</th>
                <th scope="col">{tr(prefs, '期間', 'Years')}</th>
                <th scope="col" class="num">{tr(prefs, '年数', 'Count')}</th>
                <th scope="col">{tr(prefs, '評価の推移', 'Ratings')}</th>
                <th scope="col">{tr(prefs, '状況', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {stagnant.map((s) => (
                <tr>
                  <th scope="row"><a href={href(prefs, portalUrls.item(slug, s.itemCode))}>{s.name}</a></th>
                  <td>{fiscalYearLabel(s.longest.fromFiscalYear, prefs.era)}〜{fiscalYearLabel(s.longest.toFiscalYear, prefs.era)}</td>
                  <td class="num">{s.longest.years}</td>
                  <td>{s.longest.codes.join(' → ')}</td>
                  <td>{s.ongoing ? tr(prefs, '継続中', 'ongoing') : tr(prefs, '解消', 'resolved')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <DownloadLinks slug={slug} table="stagnation" prefs={prefs} />
    </PortalLayout>
  );
}

const TABLE_DESCRIPTIONS: Record<(typeof TABLE_NAMES)[number], [string, string]> = {
  summary: ['年度別の評価件数と達成率', 'Counts and achievement rate per year'],
  items: ['柱・施策・事務事業・細目の全項目（番号・担当課）', 'Every item of the plan with code and department'],
  ratings: ['細目ごと・年度ごとの評価（1行 = 1細目の1年度）', 'One row per sub-item and fiscal year'],
  narratives: ['担当課の進捗、デジタル推進課・学識経験者の意見', 'Progress narratives and opinions'],
  rounds: ['公表済みの評価（年次・中間・最終）と公表日', 'Published evaluation rounds'],
  departments: ['担当課と担当する細目数', 'Departments'],
  stagnation: ['3年度以上続けて B・C の細目', 'Sub-items B or C for 3+ consecutive years'],
};

export function DownloadsPage({ data, prefs, path }: { data: PublicDataset; prefs: Preferences; path: string }) {
  const slug = data.plan.slug;
  const tables = allTables(data);
  return (
    <PortalLayout title={`${tr(prefs, 'データのダウンロード', 'Downloads')} | ${data.plan.name}`} prefs={prefs} path={path} slug={slug}>
      <Breadcrumbs data={data} prefs={prefs} />
      <h1>{tr(prefs, 'データのダウンロード', 'Downloads')}</h1>
      <p>
        {tr(prefs, 'CSV は UTF-8（BOM 付き、Excel でそのまま開けます）、1行目が見出し、結合セルなし、年度は西暦と和暦の2列、日付は YYYY-MM-DD です。JSON は同じ内容です。', 'CSV files are UTF-8 with BOM (Excel opens them), one header row, no merged cells, fiscal year as Gregorian plus Japanese era label, dates YYYY-MM-DD. JSON has the same content.')}
      </p>
      <p>
        <a href={portalUrls.data(slug, 'all.zip')} download>{tr(prefs, '全データを一括ダウンロード（ZIP）', 'Download everything (zip)')}</a>
      </p>
      <div class="table-wrap">
        <table class="downloads">
          <caption>{tr(prefs, 'ダウンロードできる表', 'Available tables')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(prefs, '表', 'Table')}</th>
              <th scope="col">{tr(prefs, '内容', 'Content')}</th>
              <th scope="col" class="num">{tr(prefs, '行数', 'Rows')}</th>
              <th scope="col">CSV</th>
              <th scope="col">JSON</th>
            </tr>
          </thead>
          <tbody>
            {tables.map((t) => (
              <tr>
                <th scope="row">{tr(prefs, t.titleJa, t.titleEn)}</th>
                <td>{tr(prefs, ...TABLE_DESCRIPTIONS[t.name as (typeof TABLE_NAMES)[number]])}</td>
                <td class="num">{t.rows.length}</td>
                <td><a href={portalUrls.data(slug, `${t.name}.csv`)} download>{`${t.name}.csv`}</a></td>
                <td><a href={portalUrls.data(slug, `${t.name}.json`)}>{`${t.name}.json`}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="license">{tr(prefs, '利用条件（ライセンス）', 'Licence')}</h2>
      <div class="license">
        <p>
          {tr(prefs, 'このデータは ', 'This data is available under ')}
          <a href={LICENSE.url} rel="license">{LICENSE.name}</a>
          {tr(prefs, ` で提供します。${LICENSE.compatibility}です。営利・非営利を問わず、複製・加工・再配布できます。`, ', compatible with the Japanese Public Data License 1.0. You may copy, adapt and redistribute it for any purpose.')}
        </p>
        <p>{tr(prefs, '出典の記載例:', 'Attribution example:')}</p>
        <p><code>{attributionText(data)}</code></p>
      </div>
    </PortalLayout>
  );
}

/** A page of thousands of results helps nobody and costs a lot to render. */
export const MAX_HITS_SHOWN = 100;

export function SearchPage({
  prefs,
  path,
  query,
  results,
  error,
  staticNote,
}: {
  prefs: Preferences;
  path: string;
  query: string;
  results: { data: PublicDataset; hits: SearchHit[]; planNarratives: { narrative: PublicNarrative; excerpt: Fragment[] }[] }[];
  error?: string | undefined;
  /** Static export: no server to search with; list every item instead. */
  staticNote?: ComponentChildren;
}) {
  const total = results.reduce((n, r) => n + r.hits.length, 0);
  return (
    <PortalLayout title={query ? `${tr(prefs, '検索', 'Search')}: ${query}` : tr(prefs, '検索', 'Search')} prefs={prefs} path={path}>
      <h1>{tr(prefs, '事業名・記述の検索', 'Search')}</h1>
      {staticNote ?? <SearchForm prefs={prefs} query={query} />}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {query && !error && (
        <p role="status">
          {tr(prefs, `「${query}」の検索結果: ${total}件`, `${total} result(s) for "${query}"`)}
        </p>
      )}
      {results.map(({ data, hits, planNarratives }) => (
        <section aria-labelledby={`plan-${data.plan.id}`}>
          <h2 id={`plan-${data.plan.id}`}>{data.plan.name}</h2>
          {hits.length > MAX_HITS_SHOWN && (
            <p class="note">{tr(prefs, `${hits.length}件のうち最初の${MAX_HITS_SHOWN}件を表示しています。語を足して絞り込んでください。`, `Showing the first ${MAX_HITS_SHOWN} of ${hits.length}. Add words to narrow the search.`)}</p>
          )}
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
        </section>
      ))}
    </PortalLayout>
  );
}
