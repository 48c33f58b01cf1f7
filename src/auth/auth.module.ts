import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AccessTokenService } from './access-token.service';
import { AccountService } from './account.service';
import { AdminEmailsWarning } from './admin-emails-warning';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { PasswordHasher } from './password-hasher';
import { RefreshCookiePolicy } from './refresh-cookie-policy';
import { PersonalToken } from './personal-tokens/personal-token.entity';
import { PersonalTokenResolver } from './personal-tokens/personal-token-resolver';
import { PersonalTokensController } from './personal-tokens/personal-tokens.controller';
import { PersonalTokensRepository } from './personal-tokens/personal-tokens.repository';
import { PersonalTokensService } from './personal-tokens/personal-tokens.service';
import { TokenUsage } from './personal-tokens/token-usage';
import { RolesGuard } from './roles.guard';
import { SessionResolver } from './session-resolver';
import { StreamCredentials } from './stream-credential';

@Module({
  imports: [
    UsersModule,
    SessionsModule,
    TypeOrmModule.forFeature([PersonalToken]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, PersonalTokensController],
  providers: [
    AuthService,
    AccountService,
    AdminEmailsWarning,
    AccessTokenService,
    PasswordHasher,
    RefreshCookiePolicy,
    SessionResolver,
    PersonalTokensRepository,
    PersonalTokensService,
    PersonalTokenResolver,
    TokenUsage,
    StreamCredentials,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [SessionResolver, AccessTokenService, PersonalTokenResolver, StreamCredentials],
})
export class AuthModule {}
