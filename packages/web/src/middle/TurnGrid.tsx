import type { MiddlePhaseView } from '@ipt/contract';
import type { MentalizingLapse } from '@ipt/core';
import { Speaker } from '@ipt/core';
import { CheckboxGroup } from '../forms/Checkbox.js';
import { SelectField, TextAreaField } from '../forms/Field.js';
import { ItemListEditor, itemId } from '../forms/ListEditor.js';
import { dimensionLabel, lapseOptions, speakerOptions } from '../i18n/middle-labels.js';
import { t } from '../i18n/t.js';
import { useMiddle } from './middle-context.js';

type Turn = MiddlePhaseView['analyses'][number]['data']['turns'][number];

type TurnText = 'words' | 'toneNonverbal' | 'patientFeeling' | 'patientMeant' | 'otherFeltGuess';
const columns: readonly TurnText[] = ['words', 'toneNonverbal', 'patientFeeling', 'patientMeant', 'otherFeltGuess'];

const blankTurn = (previous: Turn | undefined): Turn => ({
  id: itemId(),
  // Turns usually alternate: the next speaker is the other one.
  speaker: previous?.speaker === Speaker.patient ? Speaker.other : Speaker.patient,
  words: '',
  toneNonverbal: '',
  patientFeeling: '',
  patientMeant: '',
  otherFeltGuess: '',
  prompts: [],
  lapses: [],
});

/**
 * The incident turn by turn (DOMAIN §5.4 "micro-slicing"): who spoke, the words, tone and non-verbal cues, what the
 * patient felt and meant, and what they think the other felt. Each turn can open the optional mentalizing prompts
 * and markers (DOMAIN §5.8).
 */
export function TurnGrid({
  turns,
  onChange,
  flush,
}: {
  turns: readonly Turn[];
  onChange: (t: Turn[]) => void;
  flush: () => void;
}) {
  return (
    <ItemListEditor
      className="turn-grid"
      legend={t('turns.legend')}
      hint={t('turns.hint')}
      items={turns}
      onChange={onChange}
      keyOf={(turn) => turn.id}
      itemName={(i) => t('turns.name', { n: i + 1 })}
      blank={() => blankTurn(turns.at(-1))}
      addLabel={t('turns.add')}
      max={100}
      render={(turn, update, i) => <TurnRow turn={turn} n={i + 1} update={update} flush={flush} />}
    />
  );
}

function TurnRow({ turn, n, update, flush }: { turn: Turn; n: number; update: (t: Turn) => void; flush: () => void }) {
  const { view } = useMiddle();
  const answered = turn.prompts.filter((p) => p.answer.trim() !== '').length + turn.lapses.length;
  const answer = (promptId: string) => turn.prompts.find((p) => p.promptId === promptId)?.answer ?? '';
  const setAnswer = (promptId: string, value: string) =>
    update({
      ...turn,
      prompts: [
        ...turn.prompts.filter((p) => p.promptId !== promptId),
        ...(value === '' ? [] : [{ promptId, answer: value }]),
      ],
    });
  return (
    <div className={`turn turn-${turn.speaker}`} data-turn={n}>
      <div className="turn-cells">
        <div className="turn-who">
          <span className="turn-number">{n}</span>
          <SelectField
            label={t('turns.speaker', { n })}
            options={speakerOptions}
            value={turn.speaker}
            onChange={(e) => update({ ...turn, speaker: e.target.value as Turn['speaker'] })}
          />
        </div>
        {columns.map((key) => (
          <TextAreaField
            key={key}
            label={t(`turns.${key}`, { n })}
            required={false}
            rows={2}
            value={turn[key]}
            onChange={(e) => update({ ...turn, [key]: e.target.value })}
            onBlur={flush}
          />
        ))}
      </div>
      <details className="turn-mentalizing">
        <summary>{t('turns.mentalizing', { n, count: answered })}</summary>
        <div className="stack">
          {view.mentalizingPrompts.map((p) => (
            <TextAreaField
              key={p.id}
              label={p.text}
              hint={dimensionLabel(p.dimension)}
              required={false}
              rows={2}
              value={answer(p.id)}
              onChange={(e) => setAnswer(p.id, e.target.value)}
              onBlur={flush}
            />
          ))}
          <CheckboxGroup
            legend={t('turns.lapses', { n })}
            options={lapseOptions}
            values={turn.lapses}
            onChange={(lapses) => update({ ...turn, lapses: lapses as MentalizingLapse[] })}
          />
        </div>
      </details>
    </div>
  );
}
