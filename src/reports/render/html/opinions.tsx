/** Running text of the report: paragraphs, titled sections and narratives (opinions, progress). */
import { NARRATIVE_KIND_LABELS } from '../../messages.js';
import type { ReportNarrative, ReportSection } from '../../report-model.js';

export function Paragraphs({ texts }: { texts: readonly string[] }) {
  return (
    <>
      {texts.map((t) => (
        <p>{t}</p>
      ))}
    </>
  );
}

export function Narratives({ list }: { list: readonly ReportNarrative[] }) {
  return (
    <div class="narratives">
      {list.map((n) => {
        const label = NARRATIVE_KIND_LABELS[n.kind] ?? n.kind;
        return (
          <div class="narrative" data-narrative-id={n.id} data-item={n.itemCode ?? ''}>
            {label && <p class="kind">【{label}】</p>}
            <Paragraphs texts={n.paragraphs} />
          </div>
        );
      })}
    </div>
  );
}

export function TextSection({ section, level }: { section: ReportSection; level: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class={`text-section ${section.key}`}>
      <Heading id={`sec-${section.key}`}>{section.heading}</Heading>
      <Paragraphs texts={section.paragraphs} />
    </section>
  );
}

/** The closing sections after the pillars. */
export function Closing({ sections }: { sections: readonly ReportSection[] }) {
  if (sections.length === 0) return null;
  return (
    <section class="closing">
      {sections.map((s) => (
        <TextSection section={s} level={2} />
      ))}
    </section>
  );
}
