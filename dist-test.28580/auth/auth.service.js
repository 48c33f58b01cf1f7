"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b, _c, _d, _e, _f;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthService = void 0;
const common_1 = require("@nestjs/common");
const change_group_1 = require("../changes/change-group");
const change_notifier_1 = require("../changes/change-notifier");
const database_errors_1 = require("../common/database/database-errors");
const user_response_1 = require("../users/user-response");
const users_repository_1 = require("../users/users.repository");
const access_token_service_1 = require("./access-token.service");
const password_hasher_1 = require("./password-hasher");
const revoked_tokens_repository_1 = require("./revoked-tokens.repository");
const session_resolver_1 = require("./session-resolver");
let AuthService = class AuthService {
    users;
    revokedTokens;
    hasher;
    tokens;
    sessions;
    changes;
    constructor(users, revokedTokens, hasher, tokens, sessions, changes) {
        this.users = users;
        this.revokedTokens = revokedTokens;
        this.hasher = hasher;
        this.tokens = tokens;
        this.sessions = sessions;
        this.changes = changes;
    }
    async register(dto) {
        if (await this.users.findByEmail(dto.email))
            throw emailTaken();
        const passwordHash = await this.hasher.hash(dto.password);
        try {
            const user = await this.users.insert({
                email: dto.email,
                passwordHash,
                displayName: dto.displayName ?? null,
                timezone: dto.timezone ?? 'UTC',
            });
            return (0, user_response_1.toUserResponse)(user, this.sessions.roleOf(user.email));
        }
        catch (error) {
            if ((0, database_errors_1.isUniqueViolation)(error))
                throw emailTaken();
            throw error;
        }
    }
    /** The same 401 for an unknown email and a wrong password, after the same amount of work. */
    async login(dto) {
        const user = await this.users.findByEmail(dto.email.trim());
        const valid = await this.hasher.verify(dto.password, user?.passwordHash);
        if (!user || !valid)
            throw new common_1.UnauthorizedException('Invalid email or password');
        const accessToken = await this.tokens.issue(user.id, user.sessionVersion);
        return { accessToken, tokenType: 'Bearer', expiresIn: this.tokens.lifetimeSeconds };
    }
    /** Revokes this token (the database keeps it until it would have expired anyway). */
    async logout(principal) {
        await this.revokedTokens.purgeExpired(Math.floor(Date.now() / 1000));
        await this.revokedTokens.revoke({ jti: principal.jti, userId: principal.id, expiresAt: principal.tokenExpiresAt });
        await this.changes.sessionsEnded(principal.id);
    }
    async logoutAll(principal) {
        await this.users.bumpSessionVersion(principal.id);
        await this.changes.sessionsEnded(principal.id);
    }
    async me(principal) {
        const user = await this.users.findById(principal.id);
        if (!user)
            throw new common_1.UnauthorizedException();
        return (0, user_response_1.toUserResponse)(user, principal.role);
    }
    async updateProfile(principal, dto) {
        const user = await this.users.updateProfile(principal.id, dto);
        if (!user)
            throw new common_1.UnauthorizedException();
        await this.changes.committed(principal.id, change_group_1.CHANGES.profile);
        return (0, user_response_1.toUserResponse)(user, principal.role);
    }
};
exports.AuthService = AuthService;
exports.AuthService = AuthService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeof (_a = typeof users_repository_1.UsersRepository !== "undefined" && users_repository_1.UsersRepository) === "function" ? _a : Object, typeof (_b = typeof revoked_tokens_repository_1.RevokedTokensRepository !== "undefined" && revoked_tokens_repository_1.RevokedTokensRepository) === "function" ? _b : Object, typeof (_c = typeof password_hasher_1.PasswordHasher !== "undefined" && password_hasher_1.PasswordHasher) === "function" ? _c : Object, typeof (_d = typeof access_token_service_1.AccessTokenService !== "undefined" && access_token_service_1.AccessTokenService) === "function" ? _d : Object, typeof (_e = typeof session_resolver_1.SessionResolver !== "undefined" && session_resolver_1.SessionResolver) === "function" ? _e : Object, typeof (_f = typeof change_notifier_1.ChangeNotifier !== "undefined" && change_notifier_1.ChangeNotifier) === "function" ? _f : Object])
], AuthService);
function emailTaken() {
    return new common_1.ConflictException('An account with this email already exists');
}
