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
var _a, _b, _c;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AnalyticsService = void 0;
const common_1 = require("@nestjs/common");
const categories_repository_1 = require("../categories/categories.repository");
const calendar_date_1 = require("../common/dates/calendar-date");
const date_range_1 = require("../common/validation/date-range");
const habits_repository_1 = require("../habits/habits.repository");
const habit_records_repository_1 = require("../records/habit-records.repository");
const compliance_1 = require("./compliance");
const performance_1 = require("./performance");
const MAX_RANGE_DAYS = 366;
/** Fetches (one query for the habits, one for their records) and hands over to the pure functions. */
let AnalyticsService = class AnalyticsService {
    habits;
    records;
    categories;
    constructor(habits, records, categories) {
        this.habits = habits;
        this.records = records;
        this.categories = categories;
    }
    async performance(user, query) {
        const range = rangeOf(query, (0, calendar_date_1.todayIn)(user.timezone));
        const habits = await this.activeHabits(user.id, query.categoryId);
        const records = await this.records.findInRange(user.id, range.from, range.to, habits.map((habit) => habit.id));
        return (0, performance_1.computePerformance)(habits.map(toAnalyticsHabit), records.map(toAnalyticsRecord), range);
    }
    /** Streaks look at the whole history: records are read from the earliest startDate up to `to`. */
    async compliance(user, query) {
        const today = (0, calendar_date_1.todayIn)(user.timezone);
        const range = rangeOf(query, today);
        const habits = await this.activeHabits(user.id, query.categoryId);
        const records = habits.length === 0 ? [] : await this.historyOf(user.id, habits, range.to);
        return (0, compliance_1.computeCompliance)(habits.map(toAnalyticsHabit), records.map(toAnalyticsRecord), range, today);
    }
    /** Non-archived habits, of one category when asked (404 when that category is not the user's). */
    async activeHabits(userId, categoryId) {
        if (categoryId !== undefined && !(await this.categories.findOwned(userId, categoryId))) {
            throw new common_1.NotFoundException('Category not found');
        }
        return this.habits.listForUser(userId, { archived: false, categoryId });
    }
    historyOf(userId, habits, to) {
        const since = habits.map((habit) => habit.startDate).reduce(calendar_date_1.minDate);
        return this.records.findInRange(userId, (0, calendar_date_1.minDate)(since, to), to, habits.map((habit) => habit.id));
    }
};
exports.AnalyticsService = AnalyticsService;
exports.AnalyticsService = AnalyticsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeof (_a = typeof habits_repository_1.HabitsRepository !== "undefined" && habits_repository_1.HabitsRepository) === "function" ? _a : Object, typeof (_b = typeof habit_records_repository_1.HabitRecordsRepository !== "undefined" && habit_records_repository_1.HabitRecordsRepository) === "function" ? _b : Object, typeof (_c = typeof categories_repository_1.CategoriesRepository !== "undefined" && categories_repository_1.CategoriesRepository) === "function" ? _c : Object])
], AnalyticsService);
function rangeOf(query, today) {
    return (0, date_range_1.resolveDateRange)(query, today, { defaultDays: date_range_1.DEFAULT_RANGE_DAYS, maxDays: MAX_RANGE_DAYS });
}
function toAnalyticsHabit(habit) {
    const { id, name, schedule, kind, target, startDate, position } = habit;
    return { id, name, schedule, kind, target, startDate, position };
}
function toAnalyticsRecord(record) {
    const { habitId, date, status, value } = record;
    return { habitId, date, status, value };
}
