import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { expectOk, unwrap } from '../api/result';
import type { Body, HabitInput } from '../api/types';

export function useHabits(archived = false) {
  return useQuery({ queryKey: ['habits', 'list', archived], queryFn: () => unwrap(api.GET('/api/habits', { params: { query: { archived } } })) });
}

export function useHabit(id: number) {
  return useQuery({ queryKey: ['habits', 'one', id], queryFn: () => unwrap(api.GET('/api/habits/{id}', { params: { path: { id } } })) });
}

export function useCategories() {
  return useQuery({ queryKey: ['categories'], queryFn: () => unwrap(api.GET('/api/categories')) });
}

/** After a habit write: habits and every answer computed from them. */
function useRefetchHabits() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['habits'] });
    void queryClient.invalidateQueries({ queryKey: ['analytics'] });
    void queryClient.invalidateQueries({ queryKey: ['records'] });
  };
}

export function useCreateHabit() {
  const refetch = useRefetchHabits();
  return useMutation({ mutationFn: (body: HabitInput) => unwrap(api.POST('/api/habits', { body })), onSuccess: refetch });
}

export function useUpdateHabit() {
  const refetch = useRefetchHabits();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<'/api/habits/{id}', 'patch'> }) =>
      unwrap(api.PATCH('/api/habits/{id}', { params: { path: { id } }, body })),
    onSuccess: refetch,
  });
}

export function useDeleteHabit() {
  const refetch = useRefetchHabits();
  return useMutation({ mutationFn: (id: number) => expectOk(api.DELETE('/api/habits/{id}', { params: { path: { id } } })), onSuccess: refetch });
}

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/categories', 'post'>) => unwrap(api.POST('/api/categories', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['categories'] }),
  });
}
