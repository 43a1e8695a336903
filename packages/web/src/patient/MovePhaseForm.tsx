import type { CourseDetail } from '@ipt/contract';
import { allowedNextPhases, Phase } from '@ipt/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useId, useState } from 'react';
import { api, initialPhaseQuery, isApiError, patientQuery, queryKeys, isStaleVersion } from '../api.js';
import { SelectField, TextAreaField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { gateItemLabel } from '../i18n/initial-labels.js';
import { phaseLabel } from '../i18n/labels.js';
import { t } from '../i18n/t.js';
import { useRefreshPatient } from './use-refresh-patient.js';

interface Body {
  readonly to: Phase;
  readonly reason: string;
  readonly overrideGate?: boolean;
  readonly riskOverrideReason?: string;
}

/**
 * Move the course to another phase, saying why. The move carries the course version it was made against; if someone
 * else changed the course meanwhile the server refuses (409) and the page reloads their changes.
 *
 * Leaving the initial phase passes its gate (DOMAIN §1.2): when items are missing the server refuses (422, field
 * `gate`); the form lists them in words and offers to move anyway, the reason written being the audited override.
 */
export function MovePhaseForm({
  detail,
  patientId,
  initialOnly = false,
}: {
  detail: CourseDetail;
  patientId: string;
  /** On the initial-phase page: once the course has left the initial phase, say so instead of offering more moves. */
  initialOnly?: boolean;
}) {
  const { course } = detail;
  const left = initialOnly && course.phase !== Phase.initial;
  const headingId = useId();
  const gateId = useId();
  const allowed = allowedNextPhases(course.phase);
  const options = allowed.map((p) => ({ value: p, label: phaseLabel(p) }));
  const form = useFormState({ to: allowed[0] ?? '', reason: '', riskOverrideReason: '' });
  // An open risk flag holds the course in the initial phase until a safety review, or a written risk override
  // (DOMAIN §10.2): the field shows only then.
  const openFlags = useQuery(patientQuery(patientId)).data?.openRiskFlags.length ?? 0;
  const riskHeld = openFlags > 0 && course.phase === Phase.initial && form.values.to === Phase.middle;
  const withRisk = (body: Body): Body => {
    const riskOverrideReason = form.values.riskOverrideReason.trim();
    return riskHeld && riskOverrideReason !== '' ? { ...body, riskOverrideReason } : body;
  };
  const [gate, setGate] = useState<{ missing: string[]; body: Body } | null>(null);
  const refreshPatient = useRefreshPatient(patientId);
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([refreshPatient(), queryClient.invalidateQueries({ queryKey: queryKeys.initialPhase(course.id) })]);
  const { setValues } = form;

  useEffect(() => {
    setValues((v) => ({ ...v, to: allowedNextPhases(course.phase)[0] ?? '' }));
  }, [course.phase, setValues]);

  const move = useMutation({
    mutationFn: (body: Body) =>
      api.createPhaseTransition({ params: { courseId: course.id }, body, ifMatch: course.version }),
    onSuccess: async (next, body) => {
      setGate(null);
      const phase = phaseLabel(next.course.phase);
      form.succeed(body.overrideGate ? t('move.overridden', { phase }) : t('move.done', { phase }), {
        to: allowedNextPhases(next.course.phase)[0] ?? '',
        reason: '',
        riskOverrideReason: '',
      });
      await refresh();
    },
    onError: async (error, body) => {
      if (isStaleVersion(error)) {
        form.setMessage({ kind: 'error', text: t('move.conflict') });
        await refresh();
      } else if (isApiError(error, 422) && (error.problem.errors ?? []).some((e) => e.field === 'gate')) {
        // The checklist says in words what is missing; the server's message is the fallback.
        const view = await queryClient.fetchQuery(initialPhaseQuery(course.id)).catch(() => null);
        const missingItems = view?.checklist.filter((i) => !i.done).map((i) => gateItemLabel(i.id)) ?? [];
        setGate({ missing: missingItems, body });
        form.setMessage({ kind: 'error', text: error.problem.detail ?? t('move.gateTitle') });
      } else form.fail(error);
    },
  });

  const submit = form.onSubmit(async () => {
    setGate(null);
    const body = withRisk({ to: form.values.to as Phase, reason: form.values.reason.trim() });
    const found = {
      ...(await checkRequest('CreatePhaseTransitionRequest', body)),
      ...missing(form.values, ['to', 'reason']),
    };
    if (form.check(found, t('form.fixErrors'))) move.mutate(body);
  });

  const overrideGate = () => {
    const body = withRisk({ to: form.values.to as Phase, reason: form.values.reason.trim(), overrideGate: true });
    const found = missing(form.values, ['reason']);
    if (form.check(found, t('form.fixErrors'))) move.mutate(body);
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('move.heading')}</h3>
      {allowed.length === 0 ? (
        <p>{t('course.ended')}</p>
      ) : (
        <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="form">
          <FormStatus message={form.message} />
          {left ? (
            <p>
              {t('initial.laterMoves')}{' '}
              <Link to="/patients/$patientId" params={{ patientId }} activeOptions={{ exact: true }}>
                {t('initial.patientPage')}
              </Link>
            </p>
          ) : (
            <>
              {gate && (
                <div className="gate" aria-labelledby={gateId}>
                  <p id={gateId} className="gate-title">
                    {t('move.gateTitle')} {gate.missing.length > 0 && t('move.gateMissing')}
                  </p>
                  {gate.missing.length > 0 && (
                    <ul className="gate-missing">
                      {gate.missing.map((m) => (
                        <li key={m}>
                          <span aria-hidden="true">○ </span>
                          {m}
                        </li>
                      ))}
                    </ul>
                  )}
                  <p>
                    <Link to="/patients/$patientId/initial" params={{ patientId }}>
                      {t('initial.open')}
                    </Link>
                  </p>
                </div>
              )}
              <SelectField label={t('move.to')} options={options} {...form.bind('to')} />
              <TextAreaField label={t('move.reason')} hint={t('move.reasonHint')} {...form.bind('reason')} />
              {riskHeld && (
                <TextAreaField
                  label={t('risk.overrideReason')}
                  hint={t('risk.overrideHint')}
                  optional
                  {...form.bind('riskOverrideReason')}
                />
              )}
              <div className="actions">
                <button type="submit" className="button" disabled={move.isPending}>
                  {move.isPending ? t('form.saving') : t('move.submit')}
                </button>
                {gate && (
                  <button type="button" className="button button-warn" onClick={overrideGate} disabled={move.isPending}>
                    {t('move.override')}
                  </button>
                )}
              </div>
              {gate && <p className="hint">{t('move.overrideHint')}</p>}
            </>
          )}
        </form>
      )}
    </section>
  );
}
