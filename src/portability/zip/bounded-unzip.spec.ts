import { strToU8, zipSync } from 'fflate';
import { ImportFileError } from '../portable-account';
import { unzipText, ZipTooLargeError } from './bounded-unzip';

const LIMITS = { maxEntries: 10, maxEntryBytes: 1_000_000, maxTotalBytes: 1_500_000 };
const all = () => true;

describe('unzipText', () => {
  it('returns the text of the wanted entries only', () => {
    const archive = zipSync({ 'Habits.csv': strToU8('a,b\n'), '001 Run/Checkmarks.csv': strToU8('x\n'), 'Scores.csv': strToU8('s') });
    const texts = unzipText(archive, 'import.zip', LIMITS, (path) => path.endsWith('Checkmarks.csv') || path === 'Habits.csv');
    expect([...texts]).toEqual([['Habits.csv', 'a,b\n'], ['001 Run/Checkmarks.csv', 'x\n']]);
  });

  it('refuses an entry that inflates past its limit, without inflating it all (a zip bomb)', () => {
    const bomb = zipSync({ 'Habits.csv': new Uint8Array(30_000_000) }, { level: 6 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => unzipText(bomb, 'import.zip', LIMITS, all)).toThrow(ZipTooLargeError);
  });

  it('refuses entries that together inflate past the total limit', () => {
    const archive = zipSync({ 'a.csv': new Uint8Array(900_000), 'b.csv': new Uint8Array(900_000) });
    expect(() => unzipText(archive, 'import.zip', LIMITS, all)).toThrow('the archive inflates past 1500000 bytes');
  });

  it('refuses an archive with too many entries, even unwanted ones', () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, strToU8('x')]));
    expect(() => unzipText(zipSync(files), 'import.zip', LIMITS, () => false)).toThrow('more than 10 files');
  });

  it('refuses what is not a zip, a truncated zip and text that is not UTF-8', () => {
    expect(() => unzipText(strToU8('hello'), 'import.zip', LIMITS, all)).toThrow('import.zip: not a zip archive');
    const archive = zipSync({ 'Habits.csv': strToU8('x'.repeat(50_000) + 'y') }, { level: 0 });
    expect(() => unzipText(archive.subarray(0, 20_000), 'import.zip', LIMITS, all)).toThrow(ImportFileError);
    const latin1 = zipSync({ 'Habits.csv': new Uint8Array([0x63, 0x61, 0x66, 0xe9]) });
    expect(() => unzipText(latin1, 'import.zip', LIMITS, all)).toThrow('Habits.csv: is not UTF-8 text');
  });
});
