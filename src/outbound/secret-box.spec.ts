import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  it('opens what it sealed, never stores the plain text, and refuses another key or an altered box', () => {
    const box = new SecretBox('a-server-secret-a-server-secret-0123456');
    const sealed = box.seal('whsec_c2VjcmV0');
    expect(sealed).not.toContain('c2VjcmV0');
    expect(box.seal('whsec_c2VjcmV0')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('whsec_c2VjcmV0');
    expect(() => new SecretBox('another-server-secret-another-0123456').open(sealed)).toThrow();
    expect(() => box.open(`${sealed.slice(0, -2)}AA`)).toThrow();
  });
});
