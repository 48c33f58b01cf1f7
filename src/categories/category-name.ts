const NAME_KEY_LENGTH = 50;

/** Case-insensitive identity of a name; lower-casing may lengthen some letters, so it is cut to the column size. */
export function nameKeyOf(name: string): string {
  return [...name.toLowerCase()].slice(0, NAME_KEY_LENGTH).join('');
}
