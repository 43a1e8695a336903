import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, isStaleVersion, versioned } from '../api.js';
import { ConfirmButton } from '../forms/ConfirmButton.js';
import { FormStatus } from '../forms/FormStatus.js';
import type { FormMessage } from '../forms/use-form-state.js';
import { categoryLabel, episodeKindLabel, episodeTypeLabel, impactLabel } from '../i18n/initial-labels.js';
import { t } from '../i18n/t.js';
import { TableScroll } from '../layout/TableScroll.js';
import { EpisodeForm } from './EpisodeForm.js';
import { toolName } from './InitialChecklist.js';
import { ToolId, useInitial, useRefreshInitial } from './initial-context.js';
import { LifeEventForm } from './LifeEventForm.js';
import { timelineDateText } from './timeline-date.js';
import { numberEvents } from './timeline-layout.js';
import { TimelineChart } from './TimelineChart.js';

/** How far from the onset, in words: days close to it, months further away (the server measured it, by midpoints). */
export function nearOnsetWords(days: number): string {
  const n = Math.abs(days);
  if (n < 15)
    return n === 0 ? t('timeline.atOnset') : t(days < 0 ? 'timeline.daysBefore' : 'timeline.daysAfter', { n });
  const months = Math.max(1, Math.round(n / 30.44));
  if (months === 1) return t(days < 0 ? 'timeline.monthBefore' : 'timeline.monthAfter');
  return t(days < 0 ? 'timeline.monthsBefore' : 'timeline.monthsAfter', { n: months });
}

type Editing = { readonly kind: 'event' | 'episode'; readonly id: string } | null;

/**
 * The timeline (DOMAIN §2.4): the drawing, the same events as a table (its text alternative, and where they are
 * changed), and the two forms. Proximity to onset comes from the server, which asks core.
 */
export function TimelineSection() {
  const { detail, view, patient } = useInitial();
  const refresh = useRefreshInitial(detail.course.id, patient.id);
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<FormMessage | null>(null);
  const eventsCaption = useId();
  const episodesCaption = useId();
  const events = numberEvents(view.events.map(versioned));
  const episodes = view.episodes.map(versioned);
  const hasOnset = episodes.some((e) => e.kind === 'current');
  const nameOf = (id: string | null | undefined) => view.inventory.find((p) => p.id === id)?.data.personName ?? '';

  const remove = useMutation({
    mutationFn: (r: { id: string; version: number; name: string }) =>
      api.deleteInitialRecord({ params: { recordId: r.id }, ifMatch: r.version }),
    onSuccess: async (_, r) => {
      setMessage({ kind: 'success', text: t('initial.removed', { name: r.name }) });
      await refresh();
    },
    onError: async (error) => {
      const stale = isStaleVersion(error);
      setMessage({ kind: 'error', text: stale ? t('initial.conflict') : error.message });
      await refresh();
    },
  });

  const editEvent = editing?.kind === 'event' ? events.find((e) => e.id === editing.id) : undefined;
  const editEpisode = editing?.kind === 'episode' ? episodes.find((e) => e.id === editing.id) : undefined;

  return (
    <section id={ToolId.timeline} className="tool" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{toolName(ToolId.timeline)}</h2>
      <p className="tool-intro">{t('timeline.intro')}</p>
      {episodes.length === 0 && events.length === 0 ? (
        <p className="empty">{t('timeline.empty')}</p>
      ) : (
        <TimelineChart />
      )}
      <FormStatus message={message} />
      {events.length > 0 && (
        <TableScroll labelledBy={eventsCaption}>
          <table className="table timeline-table">
            <caption id={eventsCaption}>{t('timeline.eventsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('timeline.col.n')}</th>
                <th scope="col">{t('timeline.col.when')}</th>
                <th scope="col">{t('timeline.col.what')}</th>
                <th scope="col">{t('timeline.col.person')}</th>
                <th scope="col">{t('timeline.col.impact')}</th>
                <th scope="col">{t('timeline.col.near')}</th>
                <th scope="col">{t('timeline.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => {
                const p = view.proximal.find((x) => x.eventId === e.id);
                const planned = e.planned === true;
                // A planned event has not happened, so it is not near the onset (core, proximalEvents).
                const near = planned
                  ? t('timeline.nearPlanned')
                  : !hasOnset || !p
                    ? t('timeline.nearUnknown')
                    : p.proximal
                      ? t('timeline.nearYes', { when: nearOnsetWords(p.daysFromOnset ?? 0) })
                      : t('timeline.nearNo');
                const name = t('timeline.eventName', { n: e.n });
                const rowClass = planned ? 'row-planned' : p?.proximal ? 'row-proximal' : undefined;
                return (
                  <tr key={e.id} data-event={e.n} data-planned={planned ? 'true' : undefined} className={rowClass}>
                    <td className="num">{e.n}</td>
                    <td className="nowrap">
                      {planned ? (
                        <>
                          {timelineDateText(e.date)} <span className="planned-word">{t('timeline.plannedWord')}</span>
                        </>
                      ) : (
                        timelineDateText(e.date)
                      )}
                    </td>
                    <th scope="row">
                      <span className="category">{categoryLabel(e.category)}:</span> {e.description}
                    </th>
                    <td>{nameOf(e.personId)}</td>
                    <td className="nowrap">{impactLabel(e.perceivedImpact)}</td>
                    <td>{near}</td>
                    <RowActions
                      name={name}
                      onEdit={() => setEditing({ kind: 'event', id: e.id })}
                      onRemove={() => remove.mutate({ id: e.id, version: e.version, name })}
                    />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {episodes.length > 0 && (
        <TableScroll labelledBy={episodesCaption}>
          <table className="table timeline-table">
            <caption id={episodesCaption}>{t('timeline.episodesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('timeline.col.kind')}</th>
                <th scope="col">{t('timeline.col.from')}</th>
                <th scope="col">{t('timeline.col.to')}</th>
                <th scope="col">{t('timeline.col.peak')}</th>
                <th scope="col">{t('timeline.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {episodes.map((e) => {
                const name = t('timeline.episodeName', {
                  kind: episodeKindLabel(e.kind),
                  type: episodeTypeLabel(e.type),
                });
                const inLink = name.charAt(0).toLowerCase() + name.slice(1);
                return (
                  <tr key={e.id}>
                    <th scope="row">{name}</th>
                    <td className="nowrap">{timelineDateText(e.start)}</td>
                    <td className="nowrap">{e.end ? timelineDateText(e.end) : t('timeline.ongoing')}</td>
                    <td>{e.peakSeverity?.description ?? ''}</td>
                    <RowActions
                      name={inLink}
                      onEdit={() => setEditing({ kind: 'episode', id: e.id })}
                      onRemove={() => remove.mutate({ id: e.id, version: e.version, name })}
                    />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="forms no-print">
        {editEpisode ? (
          <EpisodeForm key={editEpisode.id} episode={editEpisode} onDone={() => setEditing(null)} />
        ) : (
          <EpisodeForm />
        )}
        {editEvent ? (
          <LifeEventForm key={editEvent.id} event={editEvent} n={editEvent.n} onDone={() => setEditing(null)} />
        ) : (
          <LifeEventForm />
        )}
      </div>
    </section>
  );
}

/** Change or remove one row's record; `name` says which, for screen readers and the confirmation. */
function RowActions({ name, onEdit, onRemove }: { name: string; onEdit: () => void; onRemove: () => void }) {
  return (
    <td className="row-actions">
      <button type="button" className="link-button" onClick={onEdit}>
        {t('initial.editNamed', { name })}
      </button>
      <ConfirmButton
        className="link-button"
        label={t('initial.removeNamed', { name })}
        question={t('initial.removeQuestion', { name })}
        confirmLabel={t('initial.removeYes')}
        onConfirm={onRemove}
      />
    </td>
  );
}
