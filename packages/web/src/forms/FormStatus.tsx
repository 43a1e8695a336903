import type { FormMessage } from './use-form-state.js';

/**
 * The form's live regions. Both are always in the page so screen readers announce what appears in them: success
 * politely, errors at once.
 */
export function FormStatus({ message }: { message: FormMessage | null }) {
  const success = message?.kind === 'success' ? message.text : '';
  const error = message?.kind === 'error' ? message.text : '';
  return (
    <>
      <div role="status" className="notice notice-success">
        {success}
      </div>
      <div role="alert" className="notice notice-error">
        {error}
      </div>
    </>
  );
}
