import { useMutation } from '@tanstack/react-query';
import type { MiddlePhaseView } from '@ipt/contract';
import { api, type Versioned } from '../api.js';
import { TextField } from '../forms/Field.js';
import { ItemListEditor, itemId } from '../forms/ListEditor.js';
import { t } from '../i18n/t.js';
import { useMiddle, useRefreshMiddle } from './middle-context.js';

type Analysis = MiddlePhaseView['analyses'][number]['data'];
type Alternative = Analysis['alternatives'][number];

/**
 * "What else might you have said?" (DOMAIN §5.4 step 6): each alternative, once saved, can be rehearsed in a role play
 * that carries it over (DOMAIN §5.6).
 */
export function Alternatives({
  analysis,
  alternatives,
  onChange,
  flush,
}: {
  analysis: Versioned<Analysis>;
  alternatives: readonly Alternative[];
  onChange: (alternatives: Alternative[]) => void;
  flush: () => void;
}) {
  const { view, session, detail } = useMiddle();
  const refresh = useRefreshMiddle();
  const rehearsed = new Set(
    view.rolePlays.filter((r) => r.data.analysisId === analysis.id).map((r) => r.data.alternativeId),
  );
  const rehearse = useMutation({
    mutationFn: (alternative: Alternative) =>
      api.createRolePlay({
        params: { courseId: detail.course.id },
        body: {
          sessionId: session.id,
          analysisId: analysis.id,
          alternativeId: alternative.id,
          personId: analysis.personId,
          scenario: t('rolePlay.fromAlternative', { incident: analysis.incident, alternative: alternative.text }),
        },
      }),
    onSuccess: () => refresh(),
  });
  return (
    <div className="alternatives">
      <ItemListEditor
        legend={t('alternatives.legend')}
        hint={t('alternatives.hint')}
        items={alternatives}
        onChange={onChange}
        keyOf={(a) => a.id}
        itemName={(i) => t('alternatives.name', { n: i + 1 })}
        blank={() => ({ id: itemId(), text: '' })}
        addLabel={t('alternatives.add')}
        max={30}
        render={(alternative, update, i) => {
          const saved = analysis.alternatives.some((a) => a.id === alternative.id && a.text === alternative.text);
          return (
            <div className="alternative">
              <TextField
                label={t('alternatives.name', { n: i + 1 })}
                required={false}
                value={alternative.text}
                onChange={(e) => update({ ...alternative, text: e.target.value })}
                onBlur={flush}
              />
              {rehearsed.has(alternative.id) ? (
                <p className="hint">{t('alternatives.rehearsed')}</p>
              ) : (
                <button
                  type="button"
                  className="button button-quiet button-small"
                  disabled={!saved || alternative.text.trim() === '' || rehearse.isPending}
                  aria-label={t('alternatives.rehearseNamed', { n: i + 1 })}
                  onClick={() => rehearse.mutate(alternative)}
                >
                  {t('alternatives.rehearse')}
                </button>
              )}
            </div>
          );
        }}
      />
      {rehearse.isError && (
        <p role="alert" className="field-error">
          {rehearse.error.message}
        </p>
      )}
    </div>
  );
}
