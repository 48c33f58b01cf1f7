import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { todayFor } from '../api/dates';
import { expectOk, unwrap } from '../api/result';
import type { Body } from '../api/types';

export function useProfile() {
  return useQuery({ queryKey: ['profile', 'me'], queryFn: () => unwrap(api.GET('/api/auth/me')) });
}

/** The user's "today" (their zone and day start hour), or null while the profile loads. */
export function useToday(): string | null {
  const { data } = useProfile();
  // A v1 server leaves dayStartHour out: 0, its meaning there.
  return data ? todayFor(data.timezone, data.dayStartHour ?? 0) : null;
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/auth/me', 'patch'>) => unwrap(api.PATCH('/api/auth/me', { body })),
    onSuccess: (user) => {
      queryClient.setQueryData(['profile', 'me'], user);
      // Today may have moved (time zone, day start hour): every date-based answer is refetched.
      void queryClient.invalidateQueries({ queryKey: ['records'] });
      void queryClient.invalidateQueries({ queryKey: ['analytics'] });
    },
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (body: Body<'/api/auth/password', 'post'>) => expectOk(api.POST('/api/auth/password', { body })) });
}

export function useSessions() {
  return useQuery({ queryKey: ['profile', 'sessions'], queryFn: () => unwrap(api.GET('/api/auth/sessions')) });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => expectOk(api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['profile', 'sessions'] }),
  });
}

/** Ends every other session: each one that is not `current`. */
export function useSignOutOthers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) => {
      for (const id of ids) await expectOk(api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['profile', 'sessions'] }),
  });
}

export function useDeleteAccount() {
  return useMutation({ mutationFn: (password: string) => expectOk(api.DELETE('/api/auth/me', { body: { password } })) });
}
