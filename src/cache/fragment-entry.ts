import { createHash } from 'node:crypto';
import { CacheKeyUser } from './endpoint-key';

/** Which report a fragment belongs to and what of the request it depends on. */
export interface FragmentQuery {
  /** The report, e.g. `compliance`. */
  report: string;
  /** Everything of the request the part depends on besides the habit and the user (e.g. the range). */
  params: readonly string[];
  /** "Today" for the user, as the report computed it. */
  today: string;
}

/** One habit whose part is asked for, with what of its row the part depends on (a new version is a new fragment). */
export interface FragmentSubject {
  habitId: number;
  version: string;
}

/** sha1 of everything the part depends on: the report, the habit and its version, the request, the user's zone, day start and today. */
export function fragmentHash(user: CacheKeyUser, query: FragmentQuery, subject: FragmentSubject): string {
  const canonical = [query.report, subject.habitId, subject.version, ...query.params, user.timezone, user.dayStartHour, query.today].join('\n');
  return createHash('sha1').update(canonical).digest('hex');
}

/** Stored as `<validity token>\n<part>`: the token read before the part's database reads. */
export function encodeFragment(token: string, part: string): string {
  return `${token}\n${part}`;
}

/** The part, when it was stored under `token`; null otherwise (an invalidation replaced the habit's generation since). */
export function decodeFragment(raw: string, token: string): string | null {
  const end = raw.indexOf('\n');
  return end >= 0 && raw.slice(0, end) === token ? raw.slice(end + 1) : null;
}
