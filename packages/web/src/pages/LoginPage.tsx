import { LoginRequest } from '@ipt/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { api, isApiError, queryKeys } from '../api.js';
import { TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { missing, validate } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { t } from '../i18n/t.js';
import { usePageTitle } from '../use-page-title.js';

/**
 * Sign-in. A failure says one generic thing: which of email or password was wrong, or whether the account is
 * throttled, is not the page's to tell (account enumeration).
 */
export function LoginPage() {
  usePageTitle(t('login.title'));
  const form = useFormState({ email: '', password: '' });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { next } = useSearch({ from: '/login' });

  const login = useMutation({
    mutationFn: () => api.login({ body: { email: form.values.email, password: form.values.password } }),
    onSuccess: async (me) => {
      queryClient.setQueryData(queryKeys.me, me);
      await navigate({ to: next ?? '/' });
    },
    onError: (error) => {
      if (isApiError(error) && error.status < 500) form.setMessage({ kind: 'error', text: t('login.failed') });
      else form.fail(error);
    },
  });

  const submit = form.onSubmit(() => {
    const found = { ...validate(LoginRequest, form.values), ...missing(form.values, ['email', 'password']) };
    if (form.check(found, t('form.fixErrors'))) login.mutate();
  });

  return (
    <div className="page page-narrow">
      <h1 tabIndex={-1}>{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      <form ref={form.formRef} onSubmit={submit} noValidate className="card form">
        <FormStatus message={form.message} />
        <TextField label={t('login.email')} type="email" autoComplete="username" {...form.bind('email')} />
        <TextField
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          {...form.bind('password')}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
