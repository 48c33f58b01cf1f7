/** At most this many problems are listed in one error answer. */
export const MAX_LISTED_PROBLEMS = 20;
/** Longest single problem text kept (a field name can be as long as the sender likes). */
const MAX_PROBLEM_LENGTH = 200;

/**
 * An error message of bounded size: at most MAX_LISTED_PROBLEMS entries, then one saying how many
 * more there were; each entry cut to MAX_PROBLEM_LENGTH characters.
 */
export function boundedMessage(message: string | string[]): string | string[] {
  if (!Array.isArray(message)) return cut(message);
  const listed = message.slice(0, MAX_LISTED_PROBLEMS).map(cut);
  const more = message.length - listed.length;
  return more > 0 ? [...listed, `and ${more} more`] : listed;
}

function cut(text: string): string {
  return text.length > MAX_PROBLEM_LENGTH ? `${text.slice(0, MAX_PROBLEM_LENGTH)}…` : text;
}
