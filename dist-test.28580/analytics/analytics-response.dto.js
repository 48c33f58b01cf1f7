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
exports.ComplianceReportResponse = exports.HabitComplianceResponse = exports.PerformanceReportResponse = exports.DayPerformanceResponse = exports.PerformanceTotalsResponse = void 0;
const swagger_1 = require("@nestjs/swagger");
/** OpenAPI shapes of the analytics reports (the values are built by the pure functions). */
class PerformanceTotalsResponse {
    due;
    done;
    skipped;
    rate;
}
exports.PerformanceTotalsResponse = PerformanceTotalsResponse;
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Number)
], PerformanceTotalsResponse.prototype, "due", void 0);
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Number)
], PerformanceTotalsResponse.prototype, "done", void 0);
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Number)
], PerformanceTotalsResponse.prototype, "skipped", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: Number, nullable: true, description: 'done / due, 4 decimals; null when due is 0' }),
    __metadata("design:type", Number)
], PerformanceTotalsResponse.prototype, "rate", void 0);
class DayPerformanceResponse extends PerformanceTotalsResponse {
    date;
}
exports.DayPerformanceResponse = DayPerformanceResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date' }),
    __metadata("design:type", String)
], DayPerformanceResponse.prototype, "date", void 0);
class PerformanceReportResponse {
    from;
    to;
    days;
    totals;
}
exports.PerformanceReportResponse = PerformanceReportResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date' }),
    __metadata("design:type", String)
], PerformanceReportResponse.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date' }),
    __metadata("design:type", String)
], PerformanceReportResponse.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: DayPerformanceResponse, isArray: true, description: 'One per date of the range, oldest first' }),
    __metadata("design:type", Array)
], PerformanceReportResponse.prototype, "days", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: PerformanceTotalsResponse }),
    __metadata("design:type", PerformanceTotalsResponse)
], PerformanceReportResponse.prototype, "totals", void 0);
class HabitComplianceResponse extends PerformanceTotalsResponse {
    habitId;
    name;
    currentStreak;
    bestStreak;
}
exports.HabitComplianceResponse = HabitComplianceResponse;
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Number)
], HabitComplianceResponse.prototype, "habitId", void 0);
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", String)
], HabitComplianceResponse.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Number)
], HabitComplianceResponse.prototype, "currentStreak", void 0);
__decorate([
    (0, swagger_1.ApiProperty)(),
    __metadata("design:type", Number)
], HabitComplianceResponse.prototype, "bestStreak", void 0);
class ComplianceReportResponse {
    from;
    to;
    habits;
}
exports.ComplianceReportResponse = ComplianceReportResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date' }),
    __metadata("design:type", String)
], ComplianceReportResponse.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date' }),
    __metadata("design:type", String)
], ComplianceReportResponse.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: HabitComplianceResponse, isArray: true, description: 'One per non-archived habit, by position' }),
    __metadata("design:type", Array)
], ComplianceReportResponse.prototype, "habits", void 0);
