import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Habit } from '../api/types';
import { describeSchedule, describeTarget } from '../components/describe';
import { HabitForm } from '../components/habit-form';
import { Empty, Failure, Loading } from '../components/states';
import { Swatch } from '../components/swatch';
import { useCategories, useCreateCategory, useCreateHabit, useDeleteHabit, useHabits, useUpdateHabit } from '../hooks/use-habits';
import { Link } from '../router';

/** Every habit: create, edit, archive, delete (confirmed), reorder; categories to file them under. */
export function HabitsScreen() {
  const [showArchived, setShowArchived] = useState(false);
  const habits = useHabits(showArchived);
  const categories = useCategories();
  const create = useCreateHabit();
  const [creating, setCreating] = useState(false);
  const failed = habits.error ?? categories.error;
  const { t } = useTranslation();

  return (
    <>
      <div className="title-row">
        <h1>{t('habits.title')}</h1>
        <button type="button" onClick={() => setCreating(true)} disabled={creating}>
          {t('habits.new')}
        </button>
      </div>
      {creating && categories.data && (
        <HabitForm
          categories={categories.data}
          busy={create.isPending}
          error={create.error?.message ?? null}
          onCancel={() => setCreating(false)}
          onSave={(input) => create.mutate(input, { onSuccess: () => setCreating(false) })}
        />
      )}
      <label className="check">
        <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
        {t('habits.showArchived')}
      </label>
      {failed ? (
        <Failure error={failed} retry={() => void Promise.all([habits.refetch(), categories.refetch()])} />
      ) : !habits.data || !categories.data ? (
        <Loading what={t('habits.loading')} />
      ) : habits.data.length === 0 ? (
        <Empty>
          <p>{showArchived ? t('habits.noArchived') : t('habits.none')}</p>
          <p>{t('habits.firstHint')}</p>
        </Empty>
      ) : (
        <ol className="cards">
          {habits.data.map((habit, index) => (
            <HabitRow key={habit.id} habit={habit} above={habits.data[index - 1]} below={habits.data[index + 1]} />
          ))}
        </ol>
      )}
      <Categories />
    </>
  );
}

function HabitRow({ habit, above, below }: { habit: Habit; above?: Habit; below?: Habit }) {
  const update = useUpdateHabit();
  const remove = useDeleteHabit();
  const categories = useCategories();
  const [editing, setEditing] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const reorder = useUpdateHabit();
  const { t } = useTranslation();
  /** Swaps places with a neighbour: two PATCHes of `position`. */
  const move = (to: Habit | undefined, step: number) => {
    if (!to) return;
    const mine = to.position === habit.position ? habit.position + step : to.position;
    reorder.mutate({ id: to.id, body: { position: habit.position } });
    update.mutate({ id: habit.id, body: { position: Math.max(0, mine) } });
  };
  const category = categories.data?.find((item) => item.id === habit.categoryId);

  if (editing && categories.data) {
    return (
      <li className="card">
        <HabitForm
          habit={habit}
          categories={categories.data}
          busy={update.isPending}
          error={update.error?.message ?? null}
          onCancel={() => setEditing(false)}
          onSave={(body) => update.mutate({ id: habit.id, body }, { onSuccess: () => setEditing(false) })}
        />
      </li>
    );
  }
  return (
    <li className="card">
      <div className="card-head">
        <Swatch color={habit.color ?? category?.color} />
        <Link href={`/habits/${habit.id}`} className="name">
          {habit.name}
        </Link>
        <span className="meta">
          {describeSchedule(habit.schedule)}
          {describeTarget(habit) && ` · ${describeTarget(habit)}`}
          {category && ` · ${category.name}`}
          {habit.archived && ` · ${t('schedule.archived')}`}
        </span>
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={t('habits.editName', { name: habit.name })}>
          {t('habits.edit')}
        </button>
        <button type="button" className="secondary" onClick={() => update.mutate({ id: habit.id, body: { archived: !habit.archived } })} aria-label={t(habit.archived ? 'habits.unarchiveName' : 'habits.archiveName', { name: habit.name })}>
          {habit.archived ? t('habits.unarchive') : t('habits.archive')}
        </button>
        <button type="button" className="secondary" disabled={!above} onClick={() => move(above, -1)} aria-label={t('habits.moveUp', { name: habit.name })}>
          ↑
        </button>
        <button type="button" className="secondary" disabled={!below} onClick={() => move(below, 1)} aria-label={t('habits.moveDown', { name: habit.name })}>
          ↓
        </button>
        <button type="button" className="danger" onClick={() => dialog.current?.showModal()} aria-label={t('habits.deleteName', { name: habit.name })}>
          {t('habits.delete')}
        </button>
      </div>
      {(update.error ?? remove.error) && (
        <p className="error" role="alert">
          {t('habits.errorRetry', { message: (update.error ?? remove.error)?.message })}
        </p>
      )}
      <dialog ref={dialog} aria-labelledby={`delete-${habit.id}`}>
        <h2 id={`delete-${habit.id}`}>{t('habits.deleteTitle', { name: habit.name })}</h2>
        <p>{t('habits.deleteHint')}</p>
        <div className="actions">
          <button type="button" className="danger" onClick={() => remove.mutate(habit.id, { onSettled: () => dialog.current?.close() })}>
            {t('habits.deleteHabit')}
          </button>
          <button type="button" className="secondary" autoFocus onClick={() => dialog.current?.close()}>
            {t('habits.keep')}
          </button>
        </div>
      </dialog>
    </li>
  );
}

function Categories() {
  const categories = useCategories();
  const create = useCreateCategory();
  const [name, setName] = useState('');
  const { t } = useTranslation();
  return (
    <section aria-labelledby="categories-title">
      <h2 id="categories-title">{t('habits.categories')}</h2>
      {categories.data && categories.data.length === 0 && <p className="meta">{t('habits.noCategories')}</p>}
      <ul className="chips">
        {categories.data?.map((category) => (
          <li key={category.id}>
            <Swatch color={category.color} /> {category.name}
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ name: name.trim() }, { onSuccess: () => setName('') });
        }}
      >
        <label htmlFor="category-name">{t('habits.categoryName')}</label>
        <input id="category-name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={50} />
        <button type="submit" className="secondary" disabled={create.isPending}>
          {t('habits.addCategory')}
        </button>
      </form>
      {create.error && (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      )}
    </section>
  );
}
