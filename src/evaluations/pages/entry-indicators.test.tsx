import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { findPreset } from '../../indicators/rating-presets.js';
import { describeRule } from '../../indicators/rule-words.js';
import { indicatorSeries } from '../../test-support/rule-inputs.js';
import { proposalOf, type FiguresBasis } from '../entry-figures-queries.js';
import { typedFiguresFromForm } from '../entry-figures.js';
import { EntryIndicators } from './entry-indicators.js';

test('under the pace rule the form prints the final target the rule judges against, labelled, beside the year’s own', () => {
  const basis = (slug: string): FiguresBasis => {
    const rule = findPreset(slug)!.rule;
    return {
      rule: { rule, name: slug, words: describeRule(rule) },
      series: [
        indicatorSeries({
          id: 7,
          unit: '件',
          baseline: { fiscalYear: 2020, value: '0' },
          targets: [
            { id: 1, kind: 'yearly', fiscalYear: 2023, value: '60', revisions: [] },
            { id: 2, kind: 'final', fiscalYear: 2025, value: '100', revisions: [] },
          ],
        }),
      ],
      period: { startFiscalYear: 2021, endFiscalYear: 2025 },
      fiscalYear: 2023,
      directionCodes: [],
      costsEnabled: false,
    };
  };
  const html = (slug: string) => {
    const b = basis(slug);
    const figures = typedFiguresFromForm({ 'actual-7': '54' });
    return renderToString(
      <EntryIndicators
        prefs={{ lang: 'ja', era: 'seireki' }}
        basis={b}
        proposal={proposalOf(b, { '7': { value: '54', notMeasurable: false, sourceNote: '' } })}
        figures={figures}
        errors={{}}
      />,
    );
  };
  const pace = html('pace');
  assert.match(pace, /<dt>この年度の目標値<\/dt><dd>60件（2023の目標）<\/dd>/);
  assert.match(pace, /<dt>規則が判定に使う目標値<\/dt><dd>100件（最終目標（2025））<\/dd>/);
  assert.doesNotMatch(html('ratio-a-d'), /規則が判定に使う目標値/);
});
