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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var _a;
Object.defineProperty(exports, "__esModule", { value: true });
exports.RevokedTokensRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const revoked_token_entity_1 = require("./revoked-token.entity");
let RevokedTokensRepository = class RevokedTokensRepository {
    tokens;
    constructor(tokens) {
        this.tokens = tokens;
    }
    async isRevoked(jti) {
        return (await this.tokens.countBy({ jti })) > 0;
    }
    /** Idempotent: revoking a token twice is not an error. */
    async revoke(token) {
        await this.tokens.createQueryBuilder().insert().values(token).orIgnore().execute();
    }
    async purgeExpired(nowSeconds) {
        await this.tokens.delete({ expiresAt: (0, typeorm_2.LessThan)(nowSeconds) });
    }
};
exports.RevokedTokensRepository = RevokedTokensRepository;
exports.RevokedTokensRepository = RevokedTokensRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectRepository)(revoked_token_entity_1.RevokedToken)),
    __metadata("design:paramtypes", [typeof (_a = typeof typeorm_2.Repository !== "undefined" && typeorm_2.Repository) === "function" ? _a : Object])
], RevokedTokensRepository);
