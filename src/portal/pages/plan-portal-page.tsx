/** A page of one published plan: the portal's layout with the plan's links and demo notice, the breadcrumbs and the page's heading. */
import type { ComponentChildren } from 'preact';
import type { Preferences } from '../../web/preferences.js';
import type { PublicDataset, PublicItem } from '../public-data.js';
import { Breadcrumbs } from './breadcrumbs.js';
import { PortalLayout } from './portal-layout.js';

export interface PlanPortalPageProps {
  data: PublicDataset;
  prefs: Preferences;
  path: string;
  /** What the page is, before the plan's name in the window's title; none on the plan's own page. */
  title?: string;
  heading: ComponentChildren;
  /** The item the breadcrumbs lead to. */
  item?: PublicItem;
  children?: ComponentChildren;
}

export function PlanPortalPage({ data, prefs, path, title, heading, item, children }: PlanPortalPageProps) {
  return (
    <PortalLayout
      title={title === undefined ? data.plan.name : `${title} | ${data.plan.name}`}
      prefs={prefs}
      path={path}
      slug={data.plan.slug}
      demo={data.demo}
    >
      <Breadcrumbs data={data} prefs={prefs} {...(item && { item })} />
      <h1>{heading}</h1>
      {children}
    </PortalLayout>
  );
}
