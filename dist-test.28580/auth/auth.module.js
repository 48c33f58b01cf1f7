"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const jwt_1 = require("@nestjs/jwt");
const typeorm_1 = require("@nestjs/typeorm");
const app_config_1 = require("../config/app-config");
const users_module_1 = require("../users/users.module");
const access_token_service_1 = require("./access-token.service");
const auth_controller_1 = require("./auth.controller");
const auth_service_1 = require("./auth.service");
const jwt_auth_guard_1 = require("./jwt-auth.guard");
const password_hasher_1 = require("./password-hasher");
const revoked_token_entity_1 = require("./revoked-token.entity");
const revoked_tokens_repository_1 = require("./revoked-tokens.repository");
const roles_guard_1 = require("./roles.guard");
const session_resolver_1 = require("./session-resolver");
let AuthModule = class AuthModule {
};
exports.AuthModule = AuthModule;
exports.AuthModule = AuthModule = __decorate([
    (0, common_1.Module)({
        imports: [
            users_module_1.UsersModule,
            typeorm_1.TypeOrmModule.forFeature([revoked_token_entity_1.RevokedToken]),
            jwt_1.JwtModule.registerAsync({
                inject: [app_config_1.AppConfig],
                useFactory: (config) => ({
                    secret: config.jwt.secret,
                    signOptions: { algorithm: 'HS256' },
                    verifyOptions: { algorithms: ['HS256'] },
                }),
            }),
        ],
        controllers: [auth_controller_1.AuthController],
        providers: [
            auth_service_1.AuthService,
            access_token_service_1.AccessTokenService,
            password_hasher_1.PasswordHasher,
            revoked_tokens_repository_1.RevokedTokensRepository,
            session_resolver_1.SessionResolver,
            { provide: core_1.APP_GUARD, useClass: jwt_auth_guard_1.JwtAuthGuard },
            { provide: core_1.APP_GUARD, useClass: roles_guard_1.RolesGuard },
        ],
        exports: [session_resolver_1.SessionResolver],
    })
], AuthModule);
