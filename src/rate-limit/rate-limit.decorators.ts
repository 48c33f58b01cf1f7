import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { LoginAttemptsInterceptor } from './login-attempts.interceptor';
import { RATE_LIMIT_POLICY } from './rate-limit-policy';

const TOO_MANY = 'Too many attempts; `Retry-After` gives the seconds to wait';

/** Failed logins are limited per (client address, email) and per client address. */
export const LoginRateLimit = () =>
  applyDecorators(SetMetadata(RATE_LIMIT_POLICY, 'login'), UseInterceptors(LoginAttemptsInterceptor), ApiTooManyRequestsResponse({ description: TOO_MANY }));

/** Registrations are limited per client address. */
export const RegisterRateLimit = () => applyDecorators(SetMetadata(RATE_LIMIT_POLICY, 'register'), ApiTooManyRequestsResponse({ description: TOO_MANY }));

/** Never rate limited (health probes, metrics scrapes). */
export const SkipRateLimit = () => SetMetadata(RATE_LIMIT_POLICY, 'exempt');
