import { Link, useParams } from '@tanstack/react-router';
import { t } from '../i18n/t.js';
import { learnTopicsEn } from '../learn/topics.en.js';
import { CrisisNote } from '../learn/CrisisNote.js';
import type { LearnTopic } from '../learn/types.js';
import { useFocusHeading } from '../use-focus-heading.js';
import { usePageTitle } from '../use-page-title.js';

/**
 * "Learn about IPT" (issue 12, part 5): plain-language pages a clinic can link to, readable without an account. The
 * words are in learn/topics.en.ts, each page with the sources it was written from.
 */
export function LearnIndexPage() {
  usePageTitle(t('learn.title'));
  useFocusHeading('learn');
  return (
    <div className="public-page learn">
      <h1 tabIndex={-1}>{t('learn.title')}</h1>
      <p className="lead">{t('learn.intro')}</p>
      <ul className="learn-topics">
        {learnTopicsEn.map((topic) => (
          <li key={topic.id}>
            <Link to="/learn/$topic" params={{ topic: topic.id }}>
              {topic.title}
            </Link>
            <p className="muted">{topic.summary}</p>
          </li>
        ))}
      </ul>
      <CrisisNote />
    </div>
  );
}

export function LearnTopicPage() {
  const { topic: id } = useParams({ from: '/learn/$topic' });
  const index = learnTopicsEn.findIndex((x) => x.id === id);
  const topic = learnTopicsEn[index];
  usePageTitle(topic?.title ?? t('learn.notFound'));
  useFocusHeading(id);
  if (!topic) {
    return (
      <div className="public-page learn">
        <h1 tabIndex={-1}>{t('learn.notFound')}</h1>
        <p>
          <Link to="/learn">{t('learn.all')}</Link>
        </p>
      </div>
    );
  }
  const next = learnTopicsEn[index + 1];
  return (
    <article className="public-page learn">
      <p>
        <Link to="/learn">{t('learn.all')}</Link>
      </p>
      <h1 tabIndex={-1}>{topic.title}</h1>
      <p className="lead">{topic.summary}</p>
      <TopicSections topic={topic} />
      {next && (
        <p className="learn-next">
          {t('learn.next')}{' '}
          <Link to="/learn/$topic" params={{ topic: next.id }}>
            {next.title}
          </Link>
        </p>
      )}
      <CrisisNote />
    </article>
  );
}

function TopicSections({ topic }: { topic: LearnTopic }) {
  return (
    <>
      {topic.sections.map((section, i) => (
        <section key={section.heading ?? i} aria-label={section.heading}>
          {section.heading && <h2>{section.heading}</h2>}
          {section.paragraphs?.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {section.list && (
            <ul>
              {section.list.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
