import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/result';

export function usePerformance(from: string | null, to: string | null) {
  return useQuery({
    queryKey: ['analytics', 'performance', from, to],
    enabled: from !== null && to !== null,
    queryFn: () => unwrap(api.GET('/api/analytics/performance', { params: { query: { from: from!, to: to! } } })),
  });
}

export function useCompliance(from: string | null, to: string | null) {
  return useQuery({
    queryKey: ['analytics', 'compliance', from, to],
    enabled: from !== null && to !== null,
    queryFn: () => unwrap(api.GET('/api/analytics/compliance', { params: { query: { from: from!, to: to! } } })),
  });
}

/** One habit's history: heat map days, score line, streaks (one call). */
export function useHabitHistory(id: number, from: string | null, to: string | null) {
  return useQuery({
    queryKey: ['analytics', 'habit', id, from, to],
    enabled: from !== null && to !== null,
    queryFn: () => unwrap(api.GET('/api/analytics/habits/{id}', { params: { path: { id }, query: { from: from!, to: to! } } })),
  });
}
