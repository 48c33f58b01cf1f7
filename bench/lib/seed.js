'use strict';

const sqlite3 = require('sqlite3');
const { call } = require('./http');
const { addDays, isoWeekday, toDay } = require('./dates');
const { prng } = require('./stats');

const PASSWORD = 'bench-password-123';
const ADMIN_EMAIL = 'bench-admin@bench.test';
const USER_COUNT = 10;
const HEAVY_HISTORY_DAYS = 365;

/** The heavy user's 20 habits: every schedule kind, boolean and numeric. */
const HABIT_TEMPLATES = [
  { name: 'Meditate', schedule: { type: 'daily' } },
  { name: 'Drink water', schedule: { type: 'daily' }, kind: 'numeric', target: 8, unit: 'glasses' },
  { name: 'Journal', schedule: { type: 'daily' } },
  { name: 'Gym', schedule: { type: 'weekdays', days: [1, 2, 3, 4, 5] } },
  { name: 'Run', schedule: { type: 'per_week', times: 3 } },
  { name: 'Water the plants', schedule: { type: 'every_n_days', n: 2 } },
  { name: 'Read', schedule: { type: 'daily' }, kind: 'numeric', target: 30, unit: 'minutes' },
  { name: 'Piano', schedule: { type: 'weekdays', days: [1, 3, 5] } },
  { name: 'Cook at home', schedule: { type: 'per_week', times: 5 } },
  { name: 'Call family', schedule: { type: 'every_n_days', n: 3 } },
  { name: 'No sugar', schedule: { type: 'daily' } },
  { name: 'Long walk', schedule: { type: 'weekdays', days: [6, 7] } },
  { name: 'Swim', schedule: { type: 'per_week', times: 2 } },
  { name: 'Clean the flat', schedule: { type: 'every_n_days', n: 7 } },
  { name: 'Steps', schedule: { type: 'daily' }, kind: 'numeric', target: 10000, unit: 'steps' },
  { name: 'Spanish', schedule: { type: 'weekdays', days: [2, 4] } },
  { name: 'Stretch', schedule: { type: 'per_week', times: 4 } },
  { name: 'Floss', schedule: { type: 'daily' } },
  { name: 'Review budget', schedule: { type: 'every_n_days', n: 14 } },
  { name: 'Date night', schedule: { type: 'per_week', times: 1 } },
];
const CATEGORY_NAMES = ['Health', 'Mind', 'Home'];

/**
 * 10 users (+ one admin account). User 1 is the heavy one: 20 habits of every schedule kind and
 * 365 days of records. Users 2..10 have 5..8 habits and 75..364 days of history. Accounts,
 * categories and habits go through the HTTP API; records (thousands) are inserted straight into
 * SQLite in one transaction, then the application's cache is flushed through the admin route.
 */
async function seed({ port, databasePath, today }) {
  const admin = await createAccount(port, ADMIN_EMAIL);
  const users = [];
  for (let index = 0; index < USER_COUNT; index += 1) {
    users.push(await createAccount(port, `bench-user-${index + 1}@bench.test`));
  }
  await Promise.all(users.map((user, index) => createHabits(port, user, index, today)));
  const rows = users.flatMap((user) => user.habits.flatMap((habit) => recordsOf(user, habit, today)));
  await insertRecords(databasePath, rows);
  await call(port, 'POST', '/api/admin/cache/flush', { token: admin.token, body: { confirm: true } });
  const heavy = users[0];
  return {
    admin,
    users,
    heavy,
    summary: {
      users: users.length,
      heavyHabits: heavy.habits.length,
      heavyHistoryDays: HEAVY_HISTORY_DAYS,
      heavyRecords: rows.filter((row) => row.userId === heavy.id).length,
      records: rows.length,
      habits: users.reduce((sum, user) => sum + user.habits.length, 0),
    },
  };
}

async function createAccount(port, email) {
  const user = await call(port, 'POST', '/api/auth/register', { body: { email, password: PASSWORD } });
  const login = await call(port, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  return { id: user.id, email, token: login.accessToken, habits: [], categoryIds: [] };
}

async function createHabits(port, user, index, today) {
  const token = user.token;
  for (const name of CATEGORY_NAMES) {
    const category = await call(port, 'POST', '/api/categories', { token, body: { name } });
    user.categoryIds.push(category.id);
  }
  const heavy = index === 0;
  const count = heavy ? HABIT_TEMPLATES.length : 5 + (index % 4);
  const historyDays = heavy ? HEAVY_HISTORY_DAYS : Math.min(HEAVY_HISTORY_DAYS, 75 + 35 * index);
  const startDate = addDays(today, -(historyDays - 1));
  for (let i = 0; i < count; i += 1) {
    const template = HABIT_TEMPLATES[(i + index * 3) % HABIT_TEMPLATES.length];
    const categoryId = i % 4 === 3 ? null : user.categoryIds[i % CATEGORY_NAMES.length];
    const habit = await call(port, 'POST', '/api/habits', { token, body: { ...template, categoryId, startDate } });
    user.habits.push({ id: habit.id, kind: habit.kind, target: habit.target, schedule: habit.schedule, startDate: habit.startDate });
  }
}

/** A plausible history: each habit has its own adherence, with good and bad weeks. */
function recordsOf(user, habit, today) {
  const random = prng(habit.id * 7919 + user.id);
  const adherence = 0.6 + random() * 0.35;
  const rows = [];
  const first = toDay(habit.startDate);
  const last = toDay(today);
  let weekMood = 1;
  for (let day = first; day <= last; day += 1) {
    const date = addDays(habit.startDate, day - first);
    if (isoWeekday(date) === 1 || day === first) weekMood = random() < 0.2 ? 0.5 : 1;
    const chance = habit.schedule.type === 'per_week' ? (habit.schedule.times / 7) * adherence * 1.1 : adherence;
    if (!isDue(habit, day - first, date)) continue;
    const roll = random();
    if (roll < 0.03) rows.push(row(user, habit, date, 'skipped', habit.kind === 'numeric' ? 0 : 1));
    else if (roll < 0.03 + chance * weekMood) rows.push(row(user, habit, date, 'done', valueOf(habit, random)));
  }
  return rows;
}

function isDue(habit, offset, date) {
  const schedule = habit.schedule;
  if (schedule.type === 'weekdays') return schedule.days.includes(isoWeekday(date));
  if (schedule.type === 'every_n_days') return offset % schedule.n === 0;
  return true;
}

function valueOf(habit, random) {
  if (habit.kind !== 'numeric') return 1;
  return Math.max(1, Math.round(habit.target * (0.6 + random() * 0.8)));
}

function row(user, habit, date, status, value) {
  return { userId: user.id, habitId: habit.id, date, status, value };
}

function insertRecords(databasePath, rows) {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(databasePath, (openError) => {
      if (openError) reject(openError);
    });
    db.configure('busyTimeout', 15_000);
    db.serialize(() => {
      db.run('BEGIN IMMEDIATE');
      const insert = db.prepare('INSERT INTO habit_records (habit_id, user_id, date, status, value, note) VALUES (?, ?, ?, ?, ?, NULL)');
      for (const r of rows) insert.run(r.habitId, r.userId, r.date, r.status, r.value);
      insert.finalize();
      db.run('COMMIT', (error) => {
        db.close();
        if (error) reject(error);
        else resolve();
      });
    });
  });
}

module.exports = { seed, ADMIN_EMAIL, HABIT_TEMPLATES, createAccount, recordsOf, insertRecords };
