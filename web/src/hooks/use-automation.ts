import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { expectOk, unwrap } from '../api/result';
import type { Body, Ok } from '../api/types';

export type AccessToken = Ok<'/api/auth/tokens', 'get'>[number];
export type WebhookSubscription = Ok<'/api/webhooks', 'get'>[number];
export type WebhookEvent = WebhookSubscription['events'][number];

export function useAccessTokens() {
  return useQuery({ queryKey: ['automation', 'tokens'], queryFn: () => unwrap(api.GET('/api/auth/tokens')) });
}

/** Creates a token; its answer carries the secret, shown once. */
export function useCreateAccessToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/auth/tokens', 'post'>) => unwrap(api.POST('/api/auth/tokens', { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['automation', 'tokens'] }),
  });
}

export function useRevokeAccessToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => expectOk(api.DELETE('/api/auth/tokens/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['automation', 'tokens'] }),
  });
}

export function useWebhooks() {
  return useQuery({ queryKey: ['automation', 'webhooks'], queryFn: () => unwrap(api.GET('/api/webhooks')), refetchInterval: 30_000 });
}

/** Subscribes a URL; its answer carries the signing secret, shown once. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/webhooks', 'post'>) => unwrap(api.POST('/api/webhooks', { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['automation', 'webhooks'] }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => expectOk(api.DELETE('/api/webhooks/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['automation', 'webhooks'] }),
  });
}
