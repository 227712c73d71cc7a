/**
 * The portal's URL space, in one place. Every link the portal renders is built
 * here, so the static export can map each one to a file.
 */
export const PORTAL = '/portal';

const enc = encodeURIComponent;

export const portalUrls = {
  home: () => PORTAL,
  plan: (slug: string) => `${PORTAL}/plans/${enc(slug)}`,
  item: (slug: string, code: string) => `${PORTAL}/plans/${enc(slug)}/items/${enc(code)}`,
  departments: (slug: string) => `${PORTAL}/plans/${enc(slug)}/departments`,
  department: (slug: string, id: number) => `${PORTAL}/plans/${enc(slug)}/departments/${id}`,
  stagnation: (slug: string) => `${PORTAL}/plans/${enc(slug)}/stagnation`,
  changes: (slug: string, fiscalYear?: number) => `${PORTAL}/plans/${enc(slug)}/changes${fiscalYear === undefined ? '' : `/${fiscalYear}`}`,
  downloads: (slug: string) => `${PORTAL}/plans/${enc(slug)}/downloads`,
  data: (slug: string, file: string) => `${PORTAL}/plans/${enc(slug)}/data/${file}`,
  search: () => `${PORTAL}/search`,
  css: () => '/assets/portal.css',
  apiPage: () => '/api',
};
