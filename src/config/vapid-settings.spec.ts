import { generateVAPIDKeys } from 'web-push';
import { ConfigError, loadAppConfig } from './load-app-config';

describe('VAPID settings', () => {
  const keys = generateVAPIDKeys();

  it('defaults to a generated pair (none configured) and the subject mailto:admin@localhost', () => {
    expect(loadAppConfig({}).vapid).toEqual({ subject: 'mailto:admin@localhost', keys: null });
  });

  it('takes both keys and a subject', () => {
    const env = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'https://habits.example.org' };
    expect(loadAppConfig(env).vapid).toEqual({ subject: 'https://habits.example.org', keys: { publicKey: keys.publicKey, privateKey: keys.privateKey } });
  });

  it.each([
    [{ VAPID_PUBLIC_KEY: keys.publicKey }, /VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both or neither/],
    [{ VAPID_PRIVATE_KEY: keys.privateKey }, /VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both or neither/],
    [{ VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: keys.privateKey }, /VAPID_PUBLIC_KEY: expected/],
    [{ VAPID_SUBJECT: 'admin@example.org' }, /VAPID_SUBJECT: expected a mailto: or https: URL/],
  ])('stops start-up naming the setting for %p', (env, message) => {
    expect(() => loadAppConfig(env)).toThrow(ConfigError);
    expect(() => loadAppConfig(env)).toThrow(message);
  });
});
