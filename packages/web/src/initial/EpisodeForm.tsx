import type { InitialPhaseView } from '@ipt/contract';
import { type Episode, EpisodeKind, EpisodeType } from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { api, type BodyOf, type Versioned } from '../api.js';
import { SelectField, TextAreaField, TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { useFormState } from '../forms/use-form-state.js';
import { episodeKindOptions, episodeTypeOptions } from '../i18n/initial-labels.js';
import { t } from '../i18n/t.js';
import { useInitial, useRefreshInitial } from './initial-context.js';
import { checkTimelineText, timelineDateInput } from './timeline-date.js';
import { dateError, TimelineDateField } from './TimelineDateField.js';

type Body = BodyOf<'createEpisode'>;
type Saved = Versioned<InitialPhaseView['episodes'][number]['data']>;

/**
 * Add or change an episode (DOMAIN §2.4): which one (the current episode is the one whose onset the hints and the
 * gate read), its type, when it began and ended, how bad it got, and what treatments it had.
 */
export function EpisodeForm({ episode, onDone }: { episode?: Saved; onDone?: () => void }) {
  const { detail, view, patient, today } = useInitial();
  const courseId = detail.course.id;
  const headingId = useId();
  const refresh = useRefreshInitial(courseId, patient.id);
  const hasCurrent = view.episodes.some((e) => e.data.kind === EpisodeKind.current && e.id !== episode?.id);
  const initial = () => ({
    kind: episode?.kind ?? (hasCurrent ? EpisodeKind.past : EpisodeKind.current),
    type: episode?.type ?? EpisodeType.depressive,
    start: timelineDateInput(episode?.start),
    end: timelineDateInput(episode?.end),
    peak: episode?.peakSeverity?.description ?? '',
    treatments: (episode?.treatments ?? []).map((x) => x.kind).join('\n'),
  });
  const form = useFormState<Record<string, string>>(initial());

  const save = useMutation({
    mutationFn: (body: Body) =>
      episode
        ? api.updateEpisode({ params: { recordId: episode.id }, body, ifMatch: episode.version })
        : api.createEpisode({ params: { courseId }, body }),
    onSuccess: async (_, body) => {
      // The next episode added is a past one once the current episode is recorded.
      const next = { ...initial(), kind: body.kind === EpisodeKind.current ? EpisodeKind.past : initial().kind };
      form.succeed(episode ? t('episode.changed') : t('episode.added'), episode ? undefined : next);
      await refresh();
      onDone?.();
    },
    onError: (error) => form.failStale(error, refresh),
  });

  const submit = form.onSubmit(() => {
    const v = form.values;
    const start = checkTimelineText(v.start ?? '', today, patient.yearOfBirth);
    const end = checkTimelineText(v.end ?? '', today, patient.yearOfBirth);
    const found: Record<string, string> = {};
    const startError = dateError(start, true);
    const endError = dateError(end, false);
    if (startError) found.start = startError;
    if (endError) found.end = endError;
    if (!form.check(found, t('form.fixErrors')) || !start.ok) return;
    const treatments = (v.treatments ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      // What the form does not show (a treatment's dates and response, the peak's score) is kept as it was.
      .map((kind) => episode?.treatments?.find((x) => x.kind === kind) ?? { kind });
    const peak = (v.peak ?? '').trim();
    save.mutate({
      kind: v.kind as Episode['kind'],
      type: v.type as Episode['type'],
      start: start.date,
      end: end.ok ? end.date : null,
      peakSeverity: peak === '' ? null : { ...episode?.peakSeverity, description: peak },
      treatments,
    });
  });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{episode ? t('episode.editHeading') : t('episode.addHeading')}</h3>
      <form ref={form.formRef} onSubmit={submit} noValidate className="form">
        <FormStatus message={form.message} />
        <div className="field-row align-end">
          <SelectField label={t('episode.kind')} options={episodeKindOptions} {...form.bind('kind')} />
          <SelectField label={t('episode.type')} options={episodeTypeOptions} {...form.bind('type')} />
        </div>
        <div className="field-row align-end">
          <TimelineDateField label={t('episode.start')} {...form.bind('start')} value={form.values.start ?? ''} />
          <TimelineDateField
            label={t('episode.end')}
            extraHint={t('episode.endHint')}
            optional
            {...form.bind('end')}
            value={form.values.end ?? ''}
          />
        </div>
        <TextField label={t('episode.peak')} hint={t('episode.peakHint')} optional {...form.bind('peak')} />
        <TextAreaField
          label={t('episode.treatments')}
          hint={t('episode.treatmentsHint')}
          optional
          rows={2}
          {...form.bind('treatments')}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('form.saving') : episode ? t('episode.save') : t('episode.submit')}
          </button>
          {onDone && (
            <button type="button" className="button button-quiet" onClick={onDone}>
              {t('form.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
