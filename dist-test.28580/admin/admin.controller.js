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
var _a, _b, _c, _d, _e;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AdminController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const cache_admin_service_1 = require("../cache/cache-admin.service");
const roles_decorator_1 = require("../common/decorators/roles.decorator");
const parse_id_pipe_1 = require("../common/pipes/parse-id.pipe");
const flush_cache_dto_1 = require("./dto/flush-cache.dto");
let AdminController = class AdminController {
    cacheAdmin;
    constructor(cacheAdmin) {
        this.cacheAdmin = cacheAdmin;
    }
    stats() {
        return this.cacheAdmin.report();
    }
    dropUser(userId) {
        return this.cacheAdmin.dropUser(userId);
    }
    flush(_dto) {
        return this.cacheAdmin.flush();
    }
};
exports.AdminController = AdminController;
__decorate([
    (0, common_1.Get)('stats'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", typeof (_b = typeof Promise !== "undefined" && Promise) === "function" ? _b : Object)
], AdminController.prototype, "stats", null);
__decorate([
    (0, common_1.Delete)('users/:userId'),
    (0, common_1.HttpCode)(200),
    __param(0, (0, common_1.Param)('userId', parse_id_pipe_1.ParseIdPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Number]),
    __metadata("design:returntype", typeof (_c = typeof Promise !== "undefined" && Promise) === "function" ? _c : Object)
], AdminController.prototype, "dropUser", null);
__decorate([
    (0, common_1.Post)('flush'),
    (0, common_1.HttpCode)(200),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [typeof (_d = typeof flush_cache_dto_1.FlushCacheDto !== "undefined" && flush_cache_dto_1.FlushCacheDto) === "function" ? _d : Object]),
    __metadata("design:returntype", typeof (_e = typeof Promise !== "undefined" && Promise) === "function" ? _e : Object)
], AdminController.prototype, "flush", null);
exports.AdminController = AdminController = __decorate([
    (0, swagger_1.ApiTags)('admin'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, roles_decorator_1.Roles)('admin'),
    (0, common_1.Controller)('admin/cache'),
    __metadata("design:paramtypes", [typeof (_a = typeof cache_admin_service_1.CacheAdminService !== "undefined" && cache_admin_service_1.CacheAdminService) === "function" ? _a : Object])
], AdminController);
