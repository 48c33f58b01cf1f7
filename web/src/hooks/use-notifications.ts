import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { expectOk, unwrap } from '../api/result';
import type { Body, Ok } from '../api/types';

export type Channels = Ok<'/api/notifications/channels', 'get'>;
export type PushChannel = Channels['push'][number];
export type WebhookChannel = Channels['webhooks'][number];
export type Delivery = Ok<'/api/notifications/deliveries', 'get'>[number];
export type PushSubscriptionBody = Body<'/api/notifications/push', 'post'>;

const CHANNELS = ['notifications', 'channels'] as const;
const DELIVERIES = ['notifications', 'deliveries'] as const;

export function useChannels() {
  return useQuery({ queryKey: CHANNELS, queryFn: () => unwrap(api.GET('/api/notifications/channels')) });
}

export function useDeliveries() {
  return useQuery({
    queryKey: DELIVERIES,
    queryFn: () => unwrap(api.GET('/api/notifications/deliveries', { params: { query: { limit: 20 } } })),
    refetchInterval: 30_000,
  });
}

/** The server's VAPID public key, for PushManager.subscribe. */
export function fetchVapidKey(): Promise<string> {
  return unwrap(api.GET('/api/notifications/vapid-key')).then((answer) => answer.publicKey);
}

/** Registers this browser's push subscription (the same endpoint twice is one channel). */
export function useRegisterPush() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PushSubscriptionBody) => unwrap(api.POST('/api/notifications/push', { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CHANNELS }),
  });
}

/** Adds a webhook channel; its answer carries the signing secret, shown once. */
export function useCreateWebhookChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/notifications/webhooks', 'post'>) => unwrap(api.POST('/api/notifications/webhooks', { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CHANNELS }),
  });
}

export function useRemoveChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, id }: { kind: 'push' | 'webhook'; id: number }) =>
      kind === 'push'
        ? expectOk(api.DELETE('/api/notifications/push/{id}', { params: { path: { id } } }))
        : expectOk(api.DELETE('/api/notifications/webhooks/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CHANNELS }),
  });
}

export function useSendTest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => expectOk(api.POST('/api/notifications/test')),
    onSettled: () => setTimeout(() => void queryClient.invalidateQueries({ queryKey: DELIVERIES }), 2000),
  });
}
