import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { weekdayNames } from '../i18n';
import type { Category, Habit, HabitInput, Schedule } from '../api/types';
import { field } from './form-field';

type ScheduleType = Schedule['type'];
const SCHEDULES: { type: ScheduleType; label: string }[] = [
  { type: 'daily', label: 'form.daily' },
  { type: 'weekdays', label: 'form.weekdays' },
  { type: 'every_n_days', label: 'form.everyNDays' },
  { type: 'per_week', label: 'form.perWeek' },
  { type: 'per_period', label: 'form.perPeriod' },
];

interface Props {
  habit?: Habit;
  categories: Category[];
  busy: boolean;
  error: string | null;
  onSave: (input: HabitInput) => void;
  onCancel: () => void;
}

/** Create or edit a habit: every schedule kind, boolean or numeric (at least / at most), category, colour. */
export function HabitForm({ habit, categories, busy, error, onSave, onCancel }: Props) {
  const [type, setType] = useState<ScheduleType>(habit?.schedule.type ?? 'daily');
  const [kind, setKind] = useState(habit?.kind ?? 'boolean');
  const [hasColor, setHasColor] = useState(Boolean(habit?.color));
  const initial = habit?.schedule;
  const id = habit ? `habit-${habit.id}` : 'new-habit';
  const { t } = useTranslation();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSave(readForm(new FormData(event.currentTarget), type, kind, hasColor));
  };

  return (
    <form className="habit-form" onSubmit={submit} aria-label={habit ? t('habits.editName', { name: habit.name }) : t('habits.new')}>
      <label htmlFor={`${id}-name`}>{t('form.name')}</label>
      <input id={`${id}-name`} name="name" required maxLength={100} defaultValue={habit?.name} />
      <label htmlFor={`${id}-description`}>{t('form.description')}</label>
      <input id={`${id}-description`} name="description" maxLength={500} defaultValue={habit?.description ?? ''} />
      <label htmlFor={`${id}-schedule`}>{t('form.schedule')}</label>
      <select id={`${id}-schedule`} name="schedule" value={type} onChange={(event) => setType(event.target.value as ScheduleType)}>
        {SCHEDULES.map((option) => (
          <option key={option.type} value={option.type}>
            {t(option.label)}
          </option>
        ))}
      </select>
      {type === 'weekdays' && (
        <fieldset>
          <legend>{t('form.weekdaysLegend')}</legend>
          {weekdayNames().map((day, index) => (
            <label key={day} className="check">
              <input type="checkbox" name="days" value={index + 1} defaultChecked={initial?.type === 'weekdays' ? initial.days.includes(index + 1) : index < 5} />
              {day}
            </label>
          ))}
        </fieldset>
      )}
      {type === 'every_n_days' && <NumberField id={`${id}-n`} name="n" label={t('form.everyHowMany')} min={2} max={365} value={initial?.type === 'every_n_days' ? initial.n : 2} />}
      {(type === 'per_week' || type === 'per_period') && (
        <NumberField id={`${id}-times`} name="times" label={t('form.times')} min={1} max={type === 'per_week' ? 7 : 365} value={initial?.type === type ? initial.times : 3} />
      )}
      {type === 'per_period' && <NumberField id={`${id}-days`} name="periodDays" label={t('form.periodDays')} min={2} max={365} value={initial?.type === 'per_period' ? initial.days : 10} />}
      <label htmlFor={`${id}-kind`}>{t('form.kind')}</label>
      <select id={`${id}-kind`} name="kind" value={kind} onChange={(event) => setKind(event.target.value as Habit['kind'])}>
        <option value="boolean">{t('form.boolean')}</option>
        <option value="numeric">{t('form.numeric')}</option>
      </select>
      {kind === 'numeric' && (
        <>
          <label htmlFor={`${id}-target-type`}>{t('form.targetType')}</label>
          <select id={`${id}-target-type`} name="targetType" defaultValue={habit?.targetType ?? 'at_least'}>
            <option value="at_least">{t('form.atLeast')}</option>
            <option value="at_most">{t('form.atMost')}</option>
          </select>
          <NumberField id={`${id}-target`} name="target" label={t('form.target')} min={0.001} step="any" value={habit?.target ?? 1} />
          <label htmlFor={`${id}-unit`}>{t('form.unit')}</label>
          <input id={`${id}-unit`} name="unit" maxLength={50} defaultValue={habit?.unit ?? ''} />
        </>
      )}
      <label htmlFor={`${id}-category`}>{t('form.category')}</label>
      <select id={`${id}-category`} name="categoryId" defaultValue={habit?.categoryId ?? ''}>
        <option value="">{t('form.noCategory')}</option>
        {categories.map((category) => (
          <option key={category.id} value={category.id}>
            {category.name}
          </option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" checked={hasColor} onChange={(event) => setHasColor(event.target.checked)} />
        {t('form.ownColour')}
      </label>
      {hasColor && (
        <>
          <label htmlFor={`${id}-color`}>{t('form.colour')}</label>
          <input id={`${id}-color`} name="color" type="color" defaultValue={habit?.color ?? '#1b6b3a'} />
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('form.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

function NumberField({ id, name, label, min, max, step, value }: { id: string; name: string; label: string; min: number; max?: number; step?: string; value: number }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="number" min={min} max={max} step={step ?? '1'} required defaultValue={value} />
    </>
  );
}

function readForm(form: FormData, type: ScheduleType, kind: Habit['kind'], hasColor: boolean): HabitInput {
  const number = (name: string) => Number(form.get(name));
  const text = (name: string) => field(form, name).trim();
  const schedule: Schedule =
    type === 'weekdays'
      ? { type, days: form.getAll('days').map(Number) }
      : type === 'every_n_days'
        ? { type, n: number('n') }
        : type === 'per_week'
          ? { type, times: number('times') }
          : type === 'per_period'
            ? { type, times: number('times'), days: number('periodDays') }
            : { type: 'daily' };
  const categoryId = text('categoryId');
  const numeric = kind === 'numeric' ? { target: number('target'), targetType: text('targetType') as 'at_least' | 'at_most', unit: text('unit') || null } : {};
  return {
    name: text('name'),
    description: text('description') || null,
    schedule,
    kind,
    ...numeric,
    categoryId: categoryId ? Number(categoryId) : null,
    color: hasColor ? text('color') : null,
  };
}
