import { findDuplicatePerson, type RelationshipType } from '@ipt/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { api, type BodyOf, isApiError, isStaleVersion, versioned } from '../api.js';
import { SelectField, TextField } from '../forms/Field.js';
import { FormStatus } from '../forms/FormStatus.js';
import { checkRequest, missing, prefetchRequestSchemas } from '../forms/problem.js';
import { useFormState } from '../forms/use-form-state.js';
import { relationshipOptions } from '../i18n/initial-labels.js';
import { t } from '../i18n/t.js';
import { useInitial, useRefreshInitial } from './initial-context.js';

type Body = BodyOf<'createInventoryEntry'>;

export function ringOptions(rings: number) {
  return [
    { value: '', label: t('inventory.ringNone') },
    ...Array.from({ length: rings }, (_, i) => ({
      value: String(i + 1),
      label:
        i === 0
          ? t('inventory.ringClosest')
          : i === rings - 1
            ? t('inventory.ringFurthest', { n: i + 1 })
            : t('inventory.ringN', { n: i + 1 }),
    })),
  ];
}

/**
 * Adds a person with the least that makes an entry: a name and a relationship (closeness if it is clear already).
 * Focus returns to the name so the next person follows at once. A person already there is not added twice: the
 * server refuses (409/422) and the form offers to merge with the existing entry.
 */
export function AddPersonForm() {
  const { detail, view, patient, rings } = useInitial();
  const courseId = detail.course.id;
  const headingId = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const refresh = useRefreshInitial(courseId, patient.id);
  const blank = { personName: '', relationship: '', relationshipDetail: '', closenessRing: '' };
  const form = useFormState(blank);
  const [duplicate, setDuplicate] = useState<{ id: string; name: string; body: Body } | null>(null);

  const add = useMutation({
    mutationFn: (body: Body) => api.createInventoryEntry({ params: { courseId }, body }),
    onSuccess: async (_, body) => {
      const existing = view.inventory.find((p) => p.id === body.mergeInto)?.data.personName;
      setDuplicate(null);
      form.succeed(
        existing ? t('inventory.merged', { existing }) : t('inventory.added', { name: body.personName }),
        blank,
      );
      await refresh();
      nameRef.current?.focus();
    },
    onError: (error, body) => {
      const refused = (isApiError(error, 409) && !isStaleVersion(error)) || isApiError(error, 422);
      const current = isApiError(error) ? (error.problem.current as { id?: unknown } | undefined) : undefined;
      const people = view.inventory.map(versioned);
      const byServer = people.find((p) => p.id === current?.id);
      const match = byServer ?? findDuplicatePerson(people, body.personName)?.entry;
      if (refused && match && body.mergeInto === undefined) {
        setDuplicate({ id: match.id, name: match.personName, body });
        form.setMessage({
          kind: 'error',
          text: t('inventory.duplicate', { name: body.personName, existing: match.personName }),
        });
      } else form.fail(error);
    },
  });

  const submit = form.onSubmit(async () => {
    const v = form.values;
    const body: Body = {
      personName: v.personName.trim(),
      relationship: v.relationship as RelationshipType,
      ...(v.relationshipDetail.trim() ? { relationshipDetail: v.relationshipDetail.trim() } : {}),
      closenessRing: v.closenessRing === '' ? null : Number(v.closenessRing),
    };
    setDuplicate(null);
    const found = {
      ...(await checkRequest('CreateInventoryEntryRequest', body)),
      ...missing(v, ['personName', 'relationship']),
    };
    if (form.check(found, t('form.fixErrors'))) add.mutate(body);
  });

  return (
    <section className="card add-person" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('inventory.addHeading')}</h3>
      <form ref={form.formRef} onSubmit={submit} onFocus={prefetchRequestSchemas} noValidate className="form">
        <FormStatus message={form.message} />
        {duplicate && (
          <div className="actions duplicate-actions">
            <button
              type="button"
              className="button"
              onClick={() => add.mutate({ ...duplicate.body, mergeInto: duplicate.id })}
            >
              {t('inventory.merge')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setDuplicate(null);
                form.setMessage(null);
                nameRef.current?.focus();
              }}
            >
              {t('form.cancel')}
            </button>
          </div>
        )}
        <div className="field-row align-end">
          <TextField label={t('inventory.name')} ref={nameRef} autoComplete="off" {...form.bind('personName')} />
          <SelectField
            label={t('inventory.relationship')}
            options={[{ value: '', label: t('event.choose') }, ...relationshipOptions]}
            {...form.bind('relationship')}
          />
        </div>
        <div className="field-row align-end">
          <TextField
            label={t('inventory.relationshipDetail')}
            hint={t('inventory.relationshipDetailHint')}
            optional
            autoComplete="off"
            {...form.bind('relationshipDetail')}
          />
          <SelectField label={t('inventory.ring')} options={ringOptions(rings)} {...form.bind('closenessRing')} />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={add.isPending}>
            {add.isPending ? t('form.saving') : t('inventory.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
