import { onlineManager, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { expectOk, unwrap } from '../api/result';
import type { HabitRecord } from '../api/types';
import { enqueue, outbox, replayOutbox } from '../offline/outbox';

export function useRecords(from: string | null, to: string | null) {
  return useQuery({
    queryKey: ['records', from, to],
    enabled: from !== null && to !== null,
    queryFn: () => unwrap(api.GET('/api/records', { params: { query: { from: from!, to: to! } } })),
  });
}

export interface CheckIn {
  habitId: number;
  date: string;
  /** null removes the day's record (un-marking it). */
  status: 'done' | 'skipped' | null;
  value?: number;
}

/**
 * Marks, skips or clears one habit on one date. The records list of that date changes at once
 * (optimistic) and is put back if the API refuses; analytics are refetched once it has answered.
 */
export function useCheckIn(date: string | null) {
  const queryClient = useQueryClient();
  const key = ['records', date, date];
  return useMutation({
    // Offline the function still runs: it puts the check-in in the outbox instead of sending it.
    networkMode: 'always',
    mutationFn: async (checkIn: CheckIn): Promise<'sent' | 'queued'> => {
      const clientUpdatedAt = new Date().toISOString();
      // Queued changes go first: while any waits, a new one waits behind it (order is kept).
      if (!onlineManager.isOnline() || outbox.waiting().size > 0) return queue(checkIn, clientUpdatedAt);
      try {
        await send(checkIn);
        return 'sent';
      } catch (error) {
        // fetch rejects with a TypeError when the network fails; an API refusal is an Error.
        if (error instanceof TypeError) return queue(checkIn, clientUpdatedAt);
        throw error;
      }
    },
    onMutate: async (checkIn) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<HabitRecord[]>(key);
      queryClient.setQueryData<HabitRecord[]>(key, (records = []) => optimistic(records, checkIn));
      return { before };
    },
    onError: (_error, _checkIn, context) => queryClient.setQueryData(key, context?.before),
    onSettled: (result) => {
      if (result === 'queued') {
        if (onlineManager.isOnline()) void replayOutbox(queryClient);
        return;
      }
      void queryClient.invalidateQueries({ queryKey: ['records'] });
      void queryClient.invalidateQueries({ queryKey: ['analytics'] });
    },
  });
}

function send({ habitId, date, status, value }: CheckIn): Promise<void> {
  const path = { habitId, date };
  if (status === null) return expectOk(api.DELETE('/api/habits/{habitId}/records/{date}', { params: { path } }));
  return expectOk(api.PUT('/api/habits/{habitId}/records/{date}', { params: { path }, body: value === undefined ? { status } : { status, value } }));
}

async function queue({ habitId, date, status, value }: CheckIn, clientUpdatedAt: string): Promise<'queued'> {
  await enqueue({ habitId, date, status, ...(value === undefined ? {} : { value }), clientUpdatedAt });
  return 'queued';
}

function optimistic(records: HabitRecord[], { habitId, date, status, value }: CheckIn): HabitRecord[] {
  const others = records.filter((record) => !(record.habitId === habitId && record.date === date));
  if (status === null) return others;
  const now = new Date().toISOString();
  const placeholder = { id: -habitId, habitId, date, status, value: value ?? 1, note: null, createdAt: now, updatedAt: now };
  return [...others, placeholder];
}
