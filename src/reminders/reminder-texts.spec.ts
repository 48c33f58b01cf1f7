import { reminderTexts } from './reminder-texts';

describe('reminderTexts', () => {
  const meditate = { name: 'Meditate', kind: 'boolean' as const, target: 1, unit: null };
  const water = { name: 'Drink water', kind: 'numeric' as const, target: 8, unit: 'glasses' };

  it('titles with the habit name and says it is not done yet, in English and Spanish', () => {
    expect(reminderTexts(meditate, 'en')).toEqual({ title: 'Meditate', body: 'Time for it: not done yet today', actionTitle: 'Done' });
    expect(reminderTexts(meditate, 'es')).toEqual({ title: 'Meditate', body: 'Es el momento: aún no lo has hecho hoy', actionTitle: 'Hecho' });
  });

  it('gives a numeric habit its progress against the target, with the unit when there is one', () => {
    expect(reminderTexts(water, 'en').body).toBe('Time for it: 0 of 8 glasses today');
    expect(reminderTexts({ ...water, value: 2.5 }, 'es').body).toBe('Es el momento: 2,5 de 8 glasses hoy');
    expect(reminderTexts({ ...water, unit: null, value: 3 }, 'en').body).toBe('Time for it: 3 of 8 today');
  });
});
