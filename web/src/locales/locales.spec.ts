import { describe, expect, it } from '@jest/globals';
import english from './en.json';
import spanish from './es.json';

/** Every text exists in both languages: en.json and es.json have the same keys, and no value is empty. */
type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

function valuesOf(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : valuesOf(value)));
}

describe('the locale files', () => {
  const en: Tree = english;
  const es: Tree = spanish;

  it('have the same keys', () => {
    expect(keysOf(es).sort()).toEqual(keysOf(en).sort());
  });

  it('have no empty text', () => {
    for (const value of [...valuesOf(en), ...valuesOf(es)]) expect(value.trim()).not.toBe('');
  });

  it('use the same interpolations for each key', () => {
    const placeholders = (text: string) => (text.match(/\{\{\w+\}\}/g) ?? []).sort();
    const flat = (tree: Tree) => new Map(keysOf(tree).map((key) => [key, key.split('.').reduce<Tree | string>((node, part) => (node as Tree)[part], tree) as string]));
    const english = flat(en);
    for (const [key, text] of flat(es)) expect([key, placeholders(text)]).toEqual([key, placeholders(english.get(key) ?? '')]);
  });
});
