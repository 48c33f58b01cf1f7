import { localeFromAcceptLanguage } from './locale';

describe('localeFromAcceptLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['es', 'es'],
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['fr-FR,fr;q=0.9,es;q=0.5,en;q=0.4', 'es'],
    ['en-GB,es;q=0.9', 'en'],
    ['de, es;q=0.1', 'es'],
    ['es;q=0, en;q=0.5', 'en'],
    ['fr, de', 'en'],
    ['*', 'en'],
    ['ES-es', 'es'],
    ['es;q=abc', 'en'],
  ])('picks the best supported language of %p', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
