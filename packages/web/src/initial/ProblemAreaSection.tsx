import {
  assertProblemAreaChoice,
  type ComplicatingFactor,
  defaultTaxonomyFor,
  type DisputeStage,
  differsFromHints,
  disputeStageGuide,
  isDisputeArea,
  type ProblemArea,
  RuleViolation,
  type TaxonomyPreset,
  taxonomyPresetDefinitions,
} from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type BodyOf } from '../api.js';
import { CheckboxGroup } from '../forms/Checkbox.js';
import { type Option, SelectField, TextAreaField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, prefetchRequestSchemas } from '../forms/problem.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import { useFormState } from '../forms/use-form-state.js';
import { problemAreaLabel, stageLabel, taxonomyOptions } from '../i18n/initial-labels.js';
import { hasMessage, t } from '../i18n/t.js';
import { HintList } from './HintList.js';
import { toolName } from './InitialChecklist.js';
import { ToolId, useInitial, useRefreshInitial } from './initial-context.js';

type Body = BodyOf<'putProblemArea'>;

/** The stages with core's guide: how to recognise each, and what the therapist aims for (DOMAIN §3.4). */
const stageChoices: Option[] = Object.entries(disputeStageGuide).map(([stage, guide]) => ({
  value: stage,
  label: stageLabel(stage),
  description: `${t('area.recognise')} ${guide.recognise} ${t('area.aim')} ${guide.aim}`,
}));

const isDispute = (area: string) => area !== '' && isDisputeArea(area as ProblemArea);

/**
 * The problem area (DOMAIN §3): the hints with their reasons, then the clinician's choice: a taxonomy (defaulting to
 * the course's school), one primary area and at most one secondary, the stage of a dispute, and the rationale.
 * Choosing against the hints is one click, like any other choice.
 */
export function ProblemAreaSection() {
  const { detail, view, patient } = useInitial();
  const courseId = detail.course.id;
  const refresh = useRefreshInitial(courseId, patient.id);
  const saved = view.problemArea?.data;
  const initialPreset: string = saved?.preset ?? defaultTaxonomyFor(detail.course.schoolPreset);
  const form = useFormState({
    preset: initialPreset,
    'primary.area': saved?.primary.area ?? '',
    'primary.disputeStage': saved?.primary.disputeStage ?? '',
    'primary.personId': saved?.primary.personId ?? '',
    'secondary.area': saved?.secondary?.area ?? '',
    'secondary.disputeStage': saved?.secondary?.disputeStage ?? '',
    'secondary.personId': saved?.secondary?.personId ?? '',
    rationale: saved?.rationale ?? '',
  });
  const [factors, setFactors] = useState<string[]>([...(saved?.complicatingFactors ?? [])]);
  const v = form.values;
  const preset = taxonomyPresetDefinitions[v.preset as TaxonomyPreset];
  const hinted = new Set(view.hints.map((h) => h.area));
  const areaOptions = preset.areas.map((a) => ({
    value: a.id,
    label: hinted.has(a.canonical) ? `${problemAreaLabel(a.id)} ${t('area.hinted')}` : problemAreaLabel(a.id),
  }));
  const people = [
    { value: '', label: t('area.personNone') },
    ...view.inventory.map((p) => ({ value: p.id, label: p.data.personName })),
  ];
  const differs =
    v['primary.area'] !== '' &&
    preset.areas.some((a) => a.id === v['primary.area']) &&
    differsFromHints(preset.id, v['primary.area'] as ProblemArea, view.hints);

  const save = useMutation({
    mutationFn: (body: Body) =>
      api.putProblemArea({ params: { courseId }, body, ifMatch: view.problemArea?.version ?? 0 }),
    onSuccess: async () => {
      form.succeed(t('area.done'));
      await refresh();
    },
    onError: (error) => form.failStale(error, refresh),
  });

  // Every field shown is sent, a person left empty as null; the server merges this with the choice it keeps, so
  // nothing the form does not show is dropped (core mergeProblemAreaChoice).
  const selection = (prefix: 'primary' | 'secondary') => {
    const area = v[`${prefix}.area`];
    const stage = v[`${prefix}.disputeStage`];
    const person = v[`${prefix}.personId`];
    return {
      area: area as ProblemArea,
      ...(isDispute(area) && stage ? { disputeStage: stage as DisputeStage } : {}),
      personId: person === '' ? null : person,
    };
  };

  const submit = form.onSubmit(async () => {
    const body: Body = {
      preset: preset.id,
      primary: selection('primary'),
      secondary: v['secondary.area'] ? selection('secondary') : null,
      rationale: v.rationale.trim(),
      ...(preset.complicatingFactors.length > 0 ? { complicatingFactors: factors as ComplicatingFactor[] } : {}),
    };
    const found: Record<string, string> = { ...(await checkRequest('ProblemAreaChoiceRequest', body)) };
    if (v['primary.area'] === '') found['primary.area'] = t('form.required');
    if (Object.keys(found).length === 0) {
      // Core's rule, before the server applies it: a dispute needs its stage, the secondary differs, a rationale.
      try {
        assertProblemAreaChoice(body);
      } catch (error) {
        if (!(error instanceof RuleViolation)) throw error;
        found[error.field ?? 'rationale'] = error.message;
      }
    }
    if (form.check(found, t('form.fixErrors'))) save.mutate(body);
  });

  const changePreset = form.bind('preset').onChange;
  const chosen = saved ? problemAreaLabel(saved.primary.area) : null;

  return (
    <section id={ToolId.problemArea} className="tool" aria-labelledby="area-heading">
      <h2 id="area-heading">{toolName(ToolId.problemArea)}</h2>
      <p className="tool-intro">{t('area.intro')}</p>
      <div className="area-layout">
        <section className="area-hints" aria-labelledby="hints-heading">
          <h3 id="hints-heading">{t('area.hintsHeading')}</h3>
          <HintList hints={view.hints} />
        </section>
        <section className="card" aria-labelledby="choice-heading">
          <h3 id="choice-heading">{t('area.chooseHeading')}</h3>
          {saved && chosen && (
            <p className="chosen">
              {t('area.chosen', {
                area: saved.primary.disputeStage
                  ? t('area.withStage', { area: chosen, stage: stageLabel(saved.primary.disputeStage) })
                  : chosen,
              })}
            </p>
          )}
          <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="form">
            <FormStatus message={form.message} />
            <SelectField
              label={t('area.preset')}
              hint={t('area.presetHint')}
              options={taxonomyOptions}
              {...form.bind('preset')}
              onChange={(e) => {
                changePreset(e);
                const areas = taxonomyPresetDefinitions[e.target.value as TaxonomyPreset].areas.map(
                  (a) => a.id as string,
                );
                // An area the new taxonomy does not offer is cleared rather than kept invisibly.
                form.setValues((x) => ({
                  ...x,
                  preset: e.target.value,
                  'primary.area': areas.includes(x['primary.area']) ? x['primary.area'] : '',
                  'secondary.area': areas.includes(x['secondary.area']) ? x['secondary.area'] : '',
                }));
              }}
            />
            <RadioGroup legend={t('area.primary')} options={areaOptions} {...form.bind('primary.area')} />
            {differs && <p className="notice notice-info">{t('area.differs')}</p>}
            {isDispute(v['primary.area']) && (
              <RadioGroup legend={t('area.stage')} options={stageChoices} {...form.bind('primary.disputeStage')} />
            )}
            <SelectField
              label={t('area.person')}
              hint={t('area.personHint')}
              options={people}
              {...form.bind('primary.personId')}
            />
            <SelectField
              label={t('area.secondary')}
              options={[
                { value: '', label: t('area.secondaryNone') },
                ...areaOptions.filter((o) => o.value !== v['primary.area']),
              ]}
              {...form.bind('secondary.area')}
            />
            {isDispute(v['secondary.area']) && (
              <RadioGroup
                legend={t('area.secondaryStage')}
                options={stageChoices}
                {...form.bind('secondary.disputeStage')}
              />
            )}
            {v['secondary.area'] !== '' && (
              <SelectField
                label={t('area.secondaryPerson')}
                hint={t('area.secondaryPersonHint')}
                options={people}
                {...form.bind('secondary.personId')}
              />
            )}
            {preset.complicatingFactors.length > 0 && (
              <CheckboxGroup
                legend={t('area.factors')}
                options={preset.complicatingFactors.map((f) => {
                  const key = `factor.${f}`;
                  return { value: f, label: hasMessage(key) ? t(key) : f };
                })}
                values={factors}
                onChange={setFactors}
              />
            )}
            <TextAreaField label={t('area.rationale')} hint={t('area.rationaleHint')} {...form.bind('rationale')} />
            <div className="actions">
              <button type="submit" className="button" disabled={save.isPending}>
                {save.isPending ? t('form.saving') : t('area.submit')}
              </button>
            </div>
          </form>
        </section>
      </div>
    </section>
  );
}
