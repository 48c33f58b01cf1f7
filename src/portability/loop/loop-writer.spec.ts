import { readLoopExport } from './loop-reader';
import { LoopExportHabit, writeLoopExport } from './loop-writer';

const TODAY = '2015-01-25';

function habits(): LoopExportHabit[] {
  return [
    {
      name: 'Meditate', description: 'Every morning', schedule: { type: 'daily' }, kind: 'boolean', target: 1, targetType: null,
      unit: null, startDate: '2015-01-25', archived: false, color: '#FF8F00', records: [], scores: new Map(),
    },
    {
      name: 'Wake up early', description: null, schedule: { type: 'per_period', times: 2, days: 3 }, kind: 'boolean', target: 1,
      targetType: null, unit: null, startDate: '2015-01-22', archived: false, color: '#00897B',
      records: [
        { date: '2015-01-23', status: 'skipped', value: 1, note: '"Vacation"' },
        { date: '2015-01-24', status: 'done', value: 1, note: 'Forgot to do it, really' },
        { date: '2015-01-25', status: 'done', value: 1, note: null },
      ],
      scores: new Map([['2015-01-25', 0.25567], ['2015-01-24', 0.2226], ['2015-01-23', 0.19911], ['2015-01-22', 0.1746]]),
    },
    {
      name: 'Water', description: null, schedule: { type: 'per_week', times: 5 }, kind: 'numeric', target: 8, targetType: 'at_most',
      unit: 'glasses', startDate: '2015-01-24', archived: true, color: null,
      records: [{ date: '2015-01-24', status: 'done', value: 8.5, note: null }],
      scores: new Map([['2015-01-25', 0.5], ['2015-01-24', 0.5]]),
    },
  ];
}

describe('writeLoopExport', () => {
  const files = () => new Map(writeLoopExport(habits(), TODAY).map((file) => [file.path, file.text]));

  it("writes Loop's files in Loop's order, with its folder names", () => {
    expect(writeLoopExport(habits(), TODAY).map((file) => file.path)).toEqual([
      'Habits.csv',
      '001 Meditate/Scores.csv', '001 Meditate/Checkmarks.csv',
      '002 Wake up early/Scores.csv', '002 Wake up early/Checkmarks.csv',
      '003 Water/Scores.csv', '003 Water/Checkmarks.csv',
      'Scores.csv', 'Checkmarks.csv',
    ]);
  });

  it("writes Habits.csv with Loop's header, types, frequencies, targets and archived flags", () => {
    expect(files().get('Habits.csv')).toBe(
      'Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n' +
        '001,Meditate,YES_NO,,Every morning,1,1,#FF8F00,,,,false\n' +
        '002,Wake up early,YES_NO,,,2,3,#00897B,,,,false\n' +
        '003,Water,NUMERICAL,,,5,7,,glasses,AT_MOST,8.0,true\n',
    );
  });

  it('writes each habit’s checkmarks newest first with value names and quoted notes, and its scores with 4 decimals', () => {
    const written = files();
    expect(written.get('002 Wake up early/Checkmarks.csv')).toBe(
      'Date,Value,Notes\n2015-01-25,YES_MANUAL,\n2015-01-24,YES_MANUAL,"Forgot to do it, really"\n2015-01-23,SKIP,"""Vacation"""\n2015-01-22,UNKNOWN,\n',
    );
    expect(written.get('002 Wake up early/Scores.csv')).toBe('Date,Score\n2015-01-25,0.2557\n2015-01-24,0.2226\n2015-01-23,0.1991\n2015-01-22,0.1746\n');
    expect(written.get('003 Water/Checkmarks.csv')).toBe('Date,Value,Notes\n2015-01-24,8500,\n');
    expect(written.get('001 Meditate/Checkmarks.csv')).toBe('Date,Value,Notes\n2015-01-25,UNKNOWN,\n');
    expect(written.get('001 Meditate/Scores.csv')).toBe('Date,Score\n2015-01-25,0.0000\n');
  });

  it('writes the top-level files with one column per habit and a comma after every cell', () => {
    const written = files();
    expect(written.get('Checkmarks.csv')).toBe(
      'Date,Meditate,Wake up early,Water,\n2015-01-25,UNKNOWN,YES_MANUAL,UNKNOWN,\n2015-01-24,UNKNOWN,YES_MANUAL,8500,\n2015-01-23,UNKNOWN,SKIP,UNKNOWN,\n',
    );
    expect(written.get('Scores.csv')).toBe(
      'Date,Meditate,Wake up early,Water,\n2015-01-25,0.0000,0.2557,0.5000,\n2015-01-24,0.0000,0.2226,0.5000,\n2015-01-23,0.0000,0.1991,0.0000,\n',
    );
  });

  it('is read back as the same habits and records', () => {
    const account = readLoopExport(files(), TODAY);
    expect(account.habits).toEqual(habits().map(({ scores: _scores, ...habit }) => ({ ...habit, categoryName: null })));
  });
});
