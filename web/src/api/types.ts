/**
 * Names for the generated types the screens pass around, derived from the OpenAPI document
 * (schema.d.ts): nothing here is written by hand, so the API's document stays the only truth.
 */
import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Responses<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer Rs } ? Rs : never;
/** The JSON body of the 200 or 201 answer of one operation. */
export type Ok<P extends keyof paths, M extends keyof paths[P]> =
  | JsonOf<Responses<P, M>[200 & keyof Responses<P, M>]>
  | JsonOf<Responses<P, M>[201 & keyof Responses<P, M>]>;
/** The JSON request body of one operation. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type User = Ok<'/api/auth/me', 'get'>;
export type Habit = Ok<'/api/habits/{id}', 'get'>;
export type HabitInput = Body<'/api/habits', 'post'>;
export type Schedule = Habit['schedule'];
export type Category = Ok<'/api/categories', 'get'>[number];
export type HabitRecord = Ok<'/api/records', 'get'>[number];
export type Performance = Ok<'/api/analytics/performance', 'get'>;
export type Compliance = Ok<'/api/analytics/compliance', 'get'>;
export type HabitHistory = Ok<'/api/analytics/habits/{id}', 'get'>;
export type Session = Ok<'/api/auth/sessions', 'get'>[number];
export type ImportSummary = Ok<'/api/import', 'post'>;
