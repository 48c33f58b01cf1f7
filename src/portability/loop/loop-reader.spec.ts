import { ImportFileError } from '../portable-account';
import { readLoopExport } from './loop-reader';

const TODAY = '2024-03-10';

/** A small export in Loop's current layout (headers, value names, notes), written for these tests. */
function currentLayout(): Map<string, string> {
  return new Map([
    [
      'Habits.csv',
      'Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n' +
        '001,Stretch,YES_NO,Did you stretch?,,1,1,#ff8f00,,,,false\n' +
        '002,Swim,YES_NO,,"Pool, 1 km",3,7,#00897B,,,,true\n' +
        '003,Water,NUMERICAL,How many glasses?,,1,1,#00897B,glasses,AT_LEAST,8.0,false\n' +
        '004,Sugar,NUMERICAL,,,2,5,,grams,AT_MOST,30.0,false\n',
    ],
    ['001 Stretch/Checkmarks.csv', 'Date,Value,Notes\n2024-03-09,YES_MANUAL,\n2024-03-08,NO,Sick\n2024-03-07,SKIP,"Travel, all day"\n2024-03-06,YES_AUTO,\n'],
    ['001 Stretch/Scores.csv', 'Date,Score\n2024-03-10,0.1000\n'],
    ['002 Swim/Checkmarks.csv', 'Date,Value,Notes\n2024-03-01,YES_MANUAL,\n2024-02-28,UNKNOWN,\n'],
    ['003 Water/Checkmarks.csv', 'Date,Value,Notes\n2024-03-10,8500,\n2024-03-09,SKIP,\n2024-03-08,0,\n2024-03-07,UNKNOWN,\n'],
    ['Checkmarks.csv', 'Date,Stretch,Swim,Water,Sugar,\n2024-03-10,UNKNOWN,UNKNOWN,8500,UNKNOWN,\n'],
  ]);
}

describe('readLoopExport', () => {
  it('reads the current layout: habits, kinds, frequencies, targets, colors and records', () => {
    const account = readLoopExport(currentLayout(), TODAY);
    expect(account.categories).toEqual([]);
    expect(account.habits.map(({ records, ...habit }) => ({ ...habit, records: records.length }))).toEqual([
      { name: 'Stretch', description: 'Did you stretch?', categoryName: null, schedule: { type: 'daily' }, kind: 'boolean', target: 1, targetType: null, unit: null, startDate: '2024-03-06', archived: false, color: '#FF8F00', records: 2 },
      { name: 'Swim', description: 'Pool, 1 km', categoryName: null, schedule: { type: 'per_week', times: 3 }, kind: 'boolean', target: 1, targetType: null, unit: null, startDate: '2024-02-28', archived: true, color: '#00897B', records: 1 },
      { name: 'Water', description: 'How many glasses?', categoryName: null, schedule: { type: 'daily' }, kind: 'numeric', target: 8, targetType: 'at_least', unit: 'glasses', startDate: '2024-03-07', archived: false, color: '#00897B', records: 3 },
      { name: 'Sugar', description: null, categoryName: null, schedule: { type: 'per_period', times: 2, days: 5 }, kind: 'numeric', target: 30, targetType: 'at_most', unit: 'grams', startDate: TODAY, archived: false, color: null, records: 0 },
    ]);
    const [stretch, , water] = account.habits;
    expect(stretch.records).toEqual([
      { date: '2024-03-07', status: 'skipped', value: 1, note: 'Travel, all day' },
      { date: '2024-03-09', status: 'done', value: 1, note: null },
    ]);
    expect(water.records).toEqual([
      { date: '2024-03-08', status: 'done', value: 0, note: null },
      { date: '2024-03-09', status: 'skipped', value: 0, note: null },
      { date: '2024-03-10', status: 'done', value: 8.5, note: null },
    ]);
  });

  it('reads the older layout: old Habits.csv header, no header and numeric codes in Checkmarks.csv', () => {
    const files = new Map([
      ['Habits.csv', 'Position,Name,Question,Description,NumRepetitions,Interval,Color\n001,Meditate,Did you meditate?,,1,1,#FF8F00\n002,Wake up early,,,2,3,#00897B\n003,Push-ups,,,1,1,#00897B\n'],
      ['001 Meditate/Checkmarks.csv', '2020-01-03,2\n2020-01-02,0\n2020-01-01,3\n'],
      ['002 Wake up early/Checkmarks.csv', '2020-01-05,1\n2020-01-04,2\n2020-01-03,-1\n'],
      ['003 Push-ups/Checkmarks.csv', '2020-01-02,20000\n2020-01-01,3\n'],
    ]);
    const [meditate, wake, pushUps] = readLoopExport(files, TODAY).habits;
    expect(meditate).toMatchObject({ kind: 'boolean', schedule: { type: 'daily' }, startDate: '2020-01-01', description: 'Did you meditate?' });
    expect(meditate.records.map((r) => [r.date, r.status])).toEqual([['2020-01-01', 'skipped'], ['2020-01-03', 'done']]);
    expect(wake).toMatchObject({ schedule: { type: 'per_period', times: 2, days: 3 }, startDate: '2020-01-03' });
    expect(wake.records.map((r) => [r.date, r.status])).toEqual([['2020-01-04', 'done']]);
    expect(pushUps).toMatchObject({ kind: 'numeric', target: 1, targetType: 'at_least' });
    expect(pushUps.records).toEqual([
      { date: '2020-01-01', status: 'skipped', value: 0, note: null },
      { date: '2020-01-02', status: 'done', value: 20, note: null },
    ]);
  });

  it('finds an export re-zipped inside one folder', () => {
    const files = new Map([...currentLayout()].map(([path, text]) => [`Loop Habits CSV 2024-03-10/${path}`, text]));
    expect(readLoopExport(files, TODAY).habits).toHaveLength(4);
  });

  const withFile = (path: string, text: string) => new Map([...currentLayout(), [path, text]]);
  it.each([
    ['no Habits.csv', new Map([['notes.txt', 'hello']]), 'Habits.csv: missing'],
    ['an impossible date', withFile('001 Stretch/Checkmarks.csv', 'Date,Value,Notes\n2024-03-09,YES_MANUAL,\n2023-02-30,YES_MANUAL,\n'), '001 Stretch/Checkmarks.csv, line 3: "2023-02-30" is not a date that exists'],
    ['a value that is not a number', withFile('003 Water/Checkmarks.csv', 'Date,Value,Notes\n2024-03-10,lots,\n'), '003 Water/Checkmarks.csv, line 2: "lots" is not a number'],
    ['a bad CSV line', withFile('003 Water/Checkmarks.csv', 'Date,Value,Notes\n2024-03-10,1"0,\n'), '003 Water/Checkmarks.csv, line 2: a quote inside an unquoted field'],
    ['a date listed twice', withFile('003 Water/Checkmarks.csv', 'Date,Value,Notes\n2024-03-10,1,\n2024-03-10,2,\n'), 'line 3: 2024-03-10 is listed twice'],
    ['a date after today', withFile('003 Water/Checkmarks.csv', 'Date,Value,Notes\n2024-03-11,1,\n'), 'line 2: 2024-03-11 is after today'],
    ['a code a yes/no habit cannot have', withFile('001 Stretch/Checkmarks.csv', 'Date,Value,Notes\n2024-03-09,7,\n'), 'line 2: 7 is not a Loop value of a yes/no habit'],
    ['a folder without its habit', withFile('009 Ghost/Checkmarks.csv', 'Date,Value,Notes\n'), '009 Ghost/Checkmarks.csv: Habits.csv has no habit at position 009'],
    ['a duplicate habit name', withFile('Habits.csv', 'Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n001,Read,YES_NO,,,1,1,,,,,false\n002,read,YES_NO,,,1,1,,,,,false\n'), 'Habits.csv, line 3: duplicate habit name "read"'],
    ['a frequency we cannot hold', withFile('Habits.csv', 'Position,Name,FrequencyNumerator,FrequencyDenominator\n001,Read,2,400\n'), 'Habits.csv, line 2: the frequency'],
    ['an unknown habit type', withFile('Habits.csv', 'Position,Name,Type,FrequencyNumerator,FrequencyDenominator\n001,Read,TIMER,1,1\n'), 'Habits.csv, line 2: unknown habit type "TIMER"'],
  ])('refuses %s, naming the file and line', (_what, files, message) => {
    expect(() => readLoopExport(files, TODAY)).toThrow(ImportFileError);
    expect(() => readLoopExport(files, TODAY)).toThrow(message);
  });
});
