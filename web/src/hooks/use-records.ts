import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { expectOk, unwrap } from '../api/result';
import type { HabitRecord } from '../api/types';

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
    mutationFn: ({ habitId, date: day, status, value }: CheckIn) => {
      const path = { habitId, date: day };
      if (status === null) return expectOk(api.DELETE('/api/habits/{habitId}/records/{date}', { params: { path } }));
      return expectOk(api.PUT('/api/habits/{habitId}/records/{date}', { params: { path }, body: value === undefined ? { status } : { status, value } }));
    },
    onMutate: async (checkIn) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<HabitRecord[]>(key);
      queryClient.setQueryData<HabitRecord[]>(key, (records = []) => optimistic(records, checkIn));
      return { before };
    },
    onError: (_error, _checkIn, context) => queryClient.setQueryData(key, context?.before),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['records'] });
      void queryClient.invalidateQueries({ queryKey: ['analytics'] });
    },
  });
}

function optimistic(records: HabitRecord[], { habitId, date, status, value }: CheckIn): HabitRecord[] {
  const others = records.filter((record) => !(record.habitId === habitId && record.date === date));
  if (status === null) return others;
  const now = new Date().toISOString();
  const placeholder = { id: -habitId, habitId, date, status, value: value ?? 1, note: null, createdAt: now, updatedAt: now };
  return [...others, placeholder];
}
