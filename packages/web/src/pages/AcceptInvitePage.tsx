import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { api, isApiError, queryKeys } from '../api.js';
import { TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { missing } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { useFocusHeading } from '../use-focus-heading.js';
import { usePageTitle } from '../use-page-title.js';

/**
 * The patient's invitation to an account of their own (issue 12, part 1): they choose a password (twice, so a slip
 * is caught here) and are signed in. A link already used or expired says so kindly and says what to do.
 */
export function AcceptInvitePage() {
  usePageTitle(t('invite.title'));
  useFocusHeading('invite');
  const { token } = useParams({ from: '/invite/$token' });
  const form = useFormState({ password: '', confirm: '' });
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const accept = useMutation({
    mutationFn: () => api.acceptPatientInvitation({ params: { token }, body: { password: form.values.password } }),
    onSuccess: async (me) => {
      queryClient.setQueryData(queryKeys.me, me);
      await navigate({ to: '/home' });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 410) form.setMessage({ kind: 'error', text: t('invite.gone') });
      else form.fail(error);
    },
  });

  const submit = form.onSubmit(() => {
    const { password, confirm } = form.values;
    const found: Record<string, string> = { ...missing(form.values, ['password', 'confirm']) };
    if (password && password.length < 12) found.password = t('invite.tooShort');
    if (confirm && confirm !== password) found.confirm = t('invite.mismatch');
    if (form.check(found, t('form.fixErrors'))) accept.mutate();
  });

  return (
    <div className="public-page">
      <h1 tabIndex={-1}>{t('invite.title')}</h1>
      <p className="lead">{t('invite.intro')}</p>
      <form ref={form.formRef} onSubmit={submit} noValidate className="card form">
        <FormStatus message={form.message} />
        <TextField
          label={t('invite.password')}
          hint={t('invite.passwordHint')}
          type="password"
          autoComplete="new-password"
          {...form.bind('password')}
        />
        <TextField label={t('invite.confirm')} type="password" autoComplete="new-password" {...form.bind('confirm')} />
        <div className="actions">
          <button type="submit" className="button button-large" disabled={accept.isPending}>
            {accept.isPending ? t('invite.submitting') : t('invite.submit')}
          </button>
        </div>
      </form>
      <p className="muted">
        <Link to="/learn">{t('login.learn')}</Link>
      </p>
    </div>
  );
}
