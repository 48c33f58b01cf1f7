import {
  addDays,
  diffDays,
  epochDayIsoWeekday,
  fromEpochDay,
  isCalendarDate,
  isoWeekday,
  isoWeekStart,
  isTimeZone,
  maxDate,
  minDate,
  toEpochDay,
  todayIn,
} from './calendar-date';

const INSTANT = new Date('2025-06-15T11:30:00Z');

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Runs `fn` with the process time zone set to `zone` (Node re-reads TZ on assignment). */
function inProcessTimeZone<T>(zone: string, fn: () => T): T {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    return fn();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

describe('isCalendarDate', () => {
  it.each(['2025-06-15', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2025-04-30', '2025-12-31'])(
    'accepts the real date %s',
    (value) => {
      expect(isCalendarDate(value)).toBe(true);
    },
  );

  it.each([
    ['2025-02-30', 'February 30th'],
    ['2025-02-29', 'February 29th of a common year'],
    ['1900-02-29', 'February 29th of a century year not divisible by 400'],
    ['2025-04-31', 'April 31st'],
    ['2025-13-01', 'month 13'],
    ['2025-00-10', 'month 0'],
    ['2025-01-00', 'day 0'],
    ['2025-01-32', 'day 32'],
    ['0000-01-01', 'year 0'],
    ['2025-6-15', 'a one-digit month'],
    ['25-06-15', 'a two-digit year'],
    ['2025-06-15 ', 'a trailing space'],
    [' 2025-06-15', 'a leading space'],
    ['2025-06-15\n', 'a trailing newline'],
    ['2025-06-15T00:00:00Z', 'a timestamp'],
    ['20250615', 'no dashes'],
    ['2025/06/15', 'slashes'],
    ['2025-06-1a', 'a letter'],
    ['+025-06-15', 'a sign'],
    ['', 'the empty string'],
  ])('rejects %j (%s)', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it('rejects non-string values without throwing', () => {
    expect(isCalendarDate(20250615 as unknown as string)).toBe(false);
    expect(isCalendarDate(null as unknown as string)).toBe(false);
  });
});

describe('toEpochDay and fromEpochDay', () => {
  it('counts days from 1970-01-01', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2025-06-15')).toBe(20_254);
  });

  it('agrees with Date.UTC for every day of 1999 to 2030', () => {
    for (let ms = Date.UTC(1999, 0, 1); ms <= Date.UTC(2030, 11, 31); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      expect(toEpochDay(date)).toBe(ms / 86_400_000);
      expect(fromEpochDay(ms / 86_400_000)).toBe(date);
    }
  });

  it('agrees with Date.UTC on the first and last days of February of every year 0001..9999', () => {
    const reference = new Date(0);
    for (let year = 1; year <= 9999; year++) {
      for (const [month, day] of [[2, 1], [2, isLeap(year) ? 29 : 28]] as const) {
        reference.setTime(0);
        reference.setUTCFullYear(year, month - 1, day);
        const date = `${String(year).padStart(4, '0')}-0${month}-${String(day).padStart(2, '0')}`;
        expect(toEpochDay(date)).toBe(reference.getTime() / 86_400_000);
      }
    }
  });

  it('handles years below 100 without the Date.UTC 19xx mapping', () => {
    expect(fromEpochDay(toEpochDay('0001-01-01'))).toBe('0001-01-01');
    expect(fromEpochDay(toEpochDay('0099-12-31') + 1)).toBe('0100-01-01');
    expect(toEpochDay('0100-01-01') - toEpochDay('0001-01-01')).toBe(36_159);
  });

  it('throws a RangeError for an impossible date', () => {
    expect(() => toEpochDay('2025-02-30')).toThrow(RangeError);
    expect(() => toEpochDay('nonsense')).toThrow(RangeError);
  });

  it('throws a RangeError for a non-integer or out-of-range epoch day', () => {
    expect(() => fromEpochDay(1.5)).toThrow(RangeError);
    expect(() => fromEpochDay(Number.NaN)).toThrow(RangeError);
    expect(() => fromEpochDay(toEpochDay('9999-12-31') + 1)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('moves across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('2025-06-15', 0)).toBe('2025-06-15');
  });

  it('gives the same answers whatever the machine time zone, across DST changes', () => {
    for (const zone of ['Europe/Paris', 'America/Sao_Paulo', 'Pacific/Kiritimati', 'Etc/GMT+12']) {
      inProcessTimeZone(zone, () => {
        expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
        expect(addDays('2025-10-26', 1)).toBe('2025-10-27');
        expect(addDays('2025-11-02', -1)).toBe('2025-11-01');
        expect(diffDays('2025-03-01', '2025-11-01')).toBe(245);
      });
    }
  });

  it('rejects a fractional number of days and an invalid date', () => {
    expect(() => addDays('2025-06-15', 0.5)).toThrow(RangeError);
    expect(() => addDays('2025-13-01', 1)).toThrow(RangeError);
  });
});

describe('diffDays', () => {
  it('returns to - from in days, negative when to is earlier', () => {
    expect(diffDays('2025-01-01', '2025-12-31')).toBe(364);
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
    expect(diffDays('2025-06-15', '2025-06-15')).toBe(0);
    expect(diffDays('2025-06-15', '2025-06-01')).toBe(-14);
  });
});

describe('isoWeekday and isoWeekStart', () => {
  it('numbers days 1 = Monday to 7 = Sunday', () => {
    expect(isoWeekday('2025-06-16')).toBe(1);
    expect(isoWeekday('2025-06-18')).toBe(3);
    expect(isoWeekday('2025-06-15')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-28')).toBe(7);
    expect(isoWeekday('0001-01-01')).toBe(1);
  });

  it('computes the weekday of negative epoch days', () => {
    expect(epochDayIsoWeekday(-1)).toBe(3);
    expect(epochDayIsoWeekday(-3)).toBe(1);
    expect(epochDayIsoWeekday(-4)).toBe(7);
  });

  it('finds the Monday of the ISO week, across a year boundary', () => {
    expect(isoWeekStart('2025-06-15')).toBe('2025-06-09');
    expect(isoWeekStart('2025-06-16')).toBe('2025-06-16');
    expect(isoWeekStart('2025-06-18')).toBe('2025-06-16');
    expect(isoWeekStart('2025-01-01')).toBe('2024-12-30');
  });
});

describe('minDate and maxDate', () => {
  it('pick the earlier and the later date', () => {
    expect(minDate('2025-06-15', '2024-12-31')).toBe('2024-12-31');
    expect(maxDate('2025-06-15', '2024-12-31')).toBe('2025-06-15');
    expect(minDate('2025-06-15', '2025-06-15')).toBe('2025-06-15');
    expect(maxDate('2025-01-09', '2025-01-10')).toBe('2025-01-10');
  });
});

describe('todayIn', () => {
  it('is already tomorrow in Pacific/Kiritimati (UTC+14)', () => {
    expect(todayIn('Pacific/Kiritimati', INSTANT)).toBe('2025-06-16');
  });

  it('is still yesterday in Etc/GMT+12 (UTC-12)', () => {
    expect(todayIn('Etc/GMT+12', INSTANT)).toBe('2025-06-14');
  });

  it('follows UTC and DST zones', () => {
    expect(todayIn('UTC', INSTANT)).toBe('2025-06-15');
    expect(todayIn('Europe/Paris', new Date('2025-06-15T21:59:59Z'))).toBe('2025-06-15');
    expect(todayIn('Europe/Paris', new Date('2025-06-15T22:00:00Z'))).toBe('2025-06-16');
    expect(todayIn('America/New_York', new Date('2025-01-01T04:59:59Z'))).toBe('2024-12-31');
  });

  it('does not depend on the machine time zone', () => {
    inProcessTimeZone('Pacific/Kiritimati', () => {
      expect(todayIn('Etc/GMT+12', INSTANT)).toBe('2025-06-14');
    });
  });

  it('defaults to the current instant', () => {
    const before = todayIn('UTC', new Date());
    const today = todayIn('UTC');
    const after = todayIn('UTC', new Date());
    expect([before, after]).toContain(today);
    expect(isCalendarDate(today)).toBe(true);
  });

  it('builds one Intl.DateTimeFormat per zone and reuses it', () => {
    const spy = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      todayIn('Asia/Kathmandu', INSTANT);
      todayIn('Asia/Kathmandu', INSTANT);
      expect(todayIn('Asia/Kathmandu', INSTANT)).toBe('2025-06-15');
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('throws a RangeError for an unknown zone', () => {
    expect(() => todayIn('Mars/Olympus_Mons', INSTANT)).toThrow(RangeError);
  });
});

describe('isTimeZone', () => {
  it.each(['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT+12', 'Pacific/Kiritimati'])(
    'accepts the IANA zone %s',
    (zone) => {
      expect(isTimeZone(zone)).toBe(true);
    },
  );

  it.each(['', 'Mars/Olympus_Mons', '+01:00', 'Europe/Paris ', 'UTC;DROP'])('rejects %j without throwing', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });

  it('rejects an over-long name without asking Intl', () => {
    expect(isTimeZone(`Europe/${'x'.repeat(200)}`)).toBe(false);
  });

  it('rejects non-string values without throwing', () => {
    expect(isTimeZone(undefined as unknown as string)).toBe(false);
    expect(isTimeZone(42 as unknown as string)).toBe(false);
  });
});
