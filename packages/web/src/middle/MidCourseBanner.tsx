import { useMutation } from '@tanstack/react-query';
import { api, type BodyOf } from '../api.js';
import { TextAreaField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, prefetchRequestSchemas } from '../forms/problem.js';
import { RadioGroup } from '../forms/RadioGroup.js';
import { useFormState } from '../forms/use-form-state.js';
import { midCourseDecisionLabel, midCourseDecisionOptions } from '../i18n/middle-labels.js';
import { t } from '../i18n/t.js';
import { useInstrumentName } from '../measures/use-instrument-name.js';
import { useMiddle, useRefreshMiddle } from './middle-context.js';
import { judgementText } from './judgement.js';

/**
 * The mid-course review (issue item 6): at the mid-point the page shows progress so far; with no reliable
 * improvement by then it asks, at the top of the page and until answered, for the clinician's decision and why.
 */
export function MidCourseBanner() {
  const { view } = useMiddle();
  const instrumentName = useInstrumentName();
  const mid = view.midCourse;
  const scores =
    mid.baseline !== null && mid.latest !== null
      ? t('midCourse.scores', {
          instrument: instrumentName(mid.instrumentId ?? ''),
          baseline: mid.baseline,
          latest: mid.latest,
        })
      : t('midCourse.noScores');
  if (mid.state === 'not-yet') {
    return <p className="mid-course mid-course-later">{t('midCourse.notYet', { n: mid.reviewAt })}</p>;
  }
  if (mid.state === 'responding') {
    return (
      <section className="mid-course notice notice-success-static" aria-labelledby="mid-course-heading">
        <h2 id="mid-course-heading">{t('midCourse.heading', { n: mid.reviewAt })}</h2>
        <p>
          {t('midCourse.responding')} {scores}
        </p>
        {mid.reliableImprovement && <p className="hint-dark">{judgementText(mid.reliableImprovement)}</p>}
      </section>
    );
  }
  if (mid.state === 'decided' && mid.review) {
    const { decision, rationale } = mid.review.data;
    return (
      <section className="mid-course notice notice-info" aria-labelledby="mid-course-heading">
        <h2 id="mid-course-heading">{t('midCourse.heading', { n: mid.reviewAt })}</h2>
        <p>
          {t('midCourse.decided', { decision: midCourseDecisionLabel(decision) })} {scores}
        </p>
        <p>{t('midCourse.rationaleWas', { rationale })}</p>
      </section>
    );
  }
  return (
    <section className="mid-course notice notice-warn" aria-labelledby="mid-course-heading">
      <h2 id="mid-course-heading">{t('midCourse.neededHeading', { n: mid.reviewAt })}</h2>
      <p>
        {t('midCourse.noResponse')} {scores}
      </p>
      {mid.reliableImprovement && <p>{judgementText(mid.reliableImprovement)}</p>}
      <MidCourseForm />
    </section>
  );
}

type Body = BodyOf<'putMidCourseReview'>;

function MidCourseForm() {
  const { detail, view } = useMiddle();
  const refresh = useRefreshMiddle();
  const form = useFormState({ decision: '', rationale: '' });
  const save = useMutation({
    mutationFn: (body: Body) =>
      api.putMidCourseReview({
        params: { courseId: detail.course.id },
        body,
        ifMatch: view.midCourse.review?.version ?? 0,
      }),
    onSuccess: async () => {
      form.succeed(t('midCourse.saved'));
      await refresh();
    },
    onError: (error) => form.failStale(error, refresh),
  });
  const submit = form.onSubmit(async () => {
    const body = { decision: form.values.decision as Body['decision'], rationale: form.values.rationale.trim() };
    if (form.check(await checkRequest('MidCourseReviewRequest', body), t('form.fixErrors'))) save.mutate(body);
  });
  return (
    <form
      ref={form.formRef}
      onSubmit={submit}
      onFocus={prefetchRequestSchemas}
      noValidate
      className="form mid-course-form"
    >
      <FormStatus message={form.message} />
      <RadioGroup legend={t('midCourse.decision')} options={midCourseDecisionOptions} {...form.bind('decision')} />
      <TextAreaField label={t('midCourse.rationale')} rows={3} {...form.bind('rationale')} />
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('form.saving') : t('midCourse.submit')}
        </button>
      </div>
    </form>
  );
}
