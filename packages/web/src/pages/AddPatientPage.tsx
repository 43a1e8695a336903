import type { CreatePatientRequest } from '@ipt/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, queryKeys } from '../api.js';
import { TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { usePageTitle } from '../use-page-title.js';

const blank = { displayName: '', yearOfBirth: '', pronouns: '', 'contact.email': '', 'contact.phone': '' };
type Values = typeof blank;

/** The request body from the form's strings: empty optional fields are left out. */
function toBody(v: Values): CreatePatientRequest {
  const email = v['contact.email'].trim();
  const phone = v['contact.phone'].trim();
  const contact = email || phone ? { ...(email ? { email } : {}), ...(phone ? { phone } : {}) } : null;
  return {
    displayName: v.displayName.trim(),
    yearOfBirth: Number(v.yearOfBirth),
    pronouns: v.pronouns.trim() || null,
    contact,
  };
}

export function AddPatientPage() {
  usePageTitle(t('addPatient.title'));
  const form = useFormState(blank);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const create = useMutation({
    mutationFn: (body: CreatePatientRequest) => api.createPatient({ body }),
    onSuccess: async (patient) => {
      form.succeed(t('addPatient.done', { name: patient.displayName }));
      await queryClient.invalidateQueries({ queryKey: queryKeys.caseload });
      await navigate({ to: '/patients/$patientId', params: { patientId: patient.id } });
    },
    onError: form.fail,
  });

  const submit = form.onSubmit(async () => {
    const body = toBody(form.values);
    const found = {
      ...(await checkRequest('CreatePatientRequest', body)),
      ...missing(form.values, ['displayName', 'yearOfBirth']),
    };
    if (form.check(found, t('form.fixErrors'))) create.mutate(body);
  });

  return (
    <div className="page page-narrow">
      <p className="breadcrumb">
        <Link to="/">{t('patient.back')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('addPatient.title')}</h1>
      <p>{t('addPatient.intro')}</p>
      <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="card form">
        <FormStatus message={form.message} />
        <TextField label={t('addPatient.displayName')} autoComplete="off" {...form.bind('displayName')} />
        <TextField
          label={t('addPatient.yearOfBirth')}
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={4}
          className="input-short"
          autoComplete="off"
          {...form.bind('yearOfBirth')}
        />
        <TextField
          label={t('addPatient.pronouns')}
          hint={t('addPatient.pronounsHint')}
          optional
          autoComplete="off"
          {...form.bind('pronouns')}
        />
        <fieldset>
          <legend>{t('addPatient.contact')}</legend>
          <TextField
            label={t('addPatient.email')}
            type="email"
            optional
            autoComplete="off"
            {...form.bind('contact.email')}
          />
          <TextField
            label={t('addPatient.phone')}
            type="tel"
            optional
            autoComplete="off"
            {...form.bind('contact.phone')}
          />
        </fieldset>
        <div className="actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t('form.saving') : t('addPatient.submit')}
          </button>
          <Link to="/" className="button button-quiet">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
