import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { expectOk, unwrap } from '../api/result';
import type { Body, Ok } from '../api/types';

export type Reminder = Ok<'/api/habits/{id}/reminders', 'get'>[number];
export type ReminderInput = Body<'/api/habits/{id}/reminders', 'post'>;
export type ReminderChange = Body<'/api/reminders/{id}', 'patch'>;

const remindersOf = (habitId: number) => ['reminders', habitId] as const;

export function useReminders(habitId: number) {
  return useQuery({
    queryKey: remindersOf(habitId),
    queryFn: () => unwrap(api.GET('/api/habits/{id}/reminders', { params: { path: { id: habitId } } })),
  });
}

export function useCreateReminder(habitId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReminderInput) => unwrap(api.POST('/api/habits/{id}/reminders', { params: { path: { id: habitId } }, body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: remindersOf(habitId) }),
  });
}

export function useUpdateReminder(habitId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: ReminderChange }) => unwrap(api.PATCH('/api/reminders/{id}', { params: { path: { id } }, body: change })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: remindersOf(habitId) }),
  });
}

export function useDeleteReminder(habitId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => expectOk(api.DELETE('/api/reminders/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: remindersOf(habitId) }),
  });
}
