'use strict';

/**
 * The bench's database: a fresh SQLite file (default) or, with `--db postgres` and for the
 * PostgreSQL pass of the default run, a PostgreSQL database of its own on 127.0.0.1:5432 (started
 * the way .ci/run starts it when it is not running), dropped at the end. Both can bulk-insert
 * records straight into `habit_records`, since going through the API would take minutes.
 */

const { execFileSync, spawnSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const path = require('node:path');
const sqlite3 = require('sqlite3');
const { Client } = require('pg');

const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const INSERT_CHUNK = 1000;

function sqliteDatabase(workDir) {
  const file = path.join(workDir, 'bench.sqlite');
  return {
    kind: 'sqlite',
    url: `sqlite:${file}`,
    insertRecords: (rows) => insertIntoSqlite(file, rows),
    drop: async () => undefined,
  };
}

async function postgresDatabase() {
  ensurePostgresRunning();
  const name = `habits_bench_${Date.now().toString(36)}_${process.pid}`;
  await withClient(POSTGRES_ADMIN_URL, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    insertRecords: (rows) => withClient(url.toString(), (client) => insertIntoPostgres(client, rows)),
    drop: () => withClient(POSTGRES_ADMIN_URL, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

function ensurePostgresRunning() {
  if (spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432']).status === 0) return;
  const version = readdirSync('/etc/postgresql')[0];
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if (spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432']).status === 0) return;
    execFileSync('sleep', ['0.5']);
  }
  throw new Error('PostgreSQL did not come up on 127.0.0.1:5432');
}

async function withClient(url, work) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function insertIntoPostgres(client, rows) {
  await client.query('BEGIN');
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const values = chunk.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5}, NULL)`);
    const params = chunk.flatMap((r) => [r.habitId, r.userId, r.date, r.status, r.value]);
    await client.query(`INSERT INTO habit_records (habit_id, user_id, date, status, value, note) VALUES ${values.join(', ')}`, params);
  }
  await client.query('COMMIT');
}

function insertIntoSqlite(file, rows) {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (openError) => {
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

module.exports = { sqliteDatabase, postgresDatabase };
