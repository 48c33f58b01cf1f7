import { Global, Injectable, Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

type MetadataKey = Parameters<Reflector['get']>[0];

/**
 * Nest's Reflector, remembering each answer: a route's metadata is written by decorators when its
 * class is defined and never changes after, but every `Reflect.getMetadata` walks the target's
 * metadata maps and prototype chain again. The guards and the cache interceptor read several keys
 * on every request (public, roles, rate-limit policy and the throttler's own, cached endpoint).
 */
@Injectable()
export class RouteMetadata extends Reflector {
  private readonly remembered = new WeakMap<object, Map<MetadataKey, unknown>>();

  override get<T = unknown>(key: MetadataKey, target: object): T {
    let known = this.remembered.get(target);
    if (!known) this.remembered.set(target, (known = new Map()));
    if (!known.has(key)) known.set(key, super.get(key as string, target as () => void));
    return known.get(key) as T;
  }
}

/** Global: one RouteMetadata for every guard and interceptor. */
@Global()
@Module({ providers: [RouteMetadata], exports: [RouteMetadata] })
export class RouteMetadataModule {}
