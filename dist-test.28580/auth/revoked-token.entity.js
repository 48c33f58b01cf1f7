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
Object.defineProperty(exports, "__esModule", { value: true });
exports.RevokedToken = void 0;
const typeorm_1 = require("typeorm");
/** A logged-out token (by its `jti`), refused until it would have expired anyway. */
let RevokedToken = class RevokedToken {
    jti;
    userId;
    /** Unix seconds: the token's own `exp`; the row may be purged after it. */
    expiresAt;
};
exports.RevokedToken = RevokedToken;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], RevokedToken.prototype, "jti", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'user_id', type: 'integer' }),
    __metadata("design:type", Number)
], RevokedToken.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.Index)(),
    (0, typeorm_1.Column)({ name: 'expires_at', type: 'integer' }),
    __metadata("design:type", Number)
], RevokedToken.prototype, "expiresAt", void 0);
exports.RevokedToken = RevokedToken = __decorate([
    (0, typeorm_1.Entity)('revoked_tokens')
], RevokedToken);
