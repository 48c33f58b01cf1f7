import { newWebhookSecret, verifyWebhookSignature, webhookSecretKey, webhookSignature } from './standard-webhooks';

describe('Standard Webhooks signing', () => {
  it('matches the specification\'s example signature', () => {
    // From the Standard Webhooks specification (and its reference libraries' tests).
    const key = webhookSecretKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')!;
    const body = '{"test": 2432232314}';
    expect(webhookSignature(key, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('reads secrets of 24 to 64 bytes and refuses anything else', () => {
    expect(webhookSecretKey(newWebhookSecret())).toHaveLength(32);
    expect(webhookSecretKey(`whsec_${Buffer.alloc(24, 1).toString('base64')}`)).toHaveLength(24);
    expect(webhookSecretKey(`whsec_${Buffer.alloc(64, 1).toString('base64')}`)).toHaveLength(64);
    expect(webhookSecretKey(`whsec_${Buffer.alloc(23, 1).toString('base64')}`)).toBeNull();
    expect(webhookSecretKey(`whsec_${Buffer.alloc(65, 1).toString('base64')}`)).toBeNull();
    expect(webhookSecretKey(`whsek_${Buffer.alloc(32, 1).toString('base64')}`)).toBeNull();
    expect(webhookSecretKey('whsec_not base64!')).toBeNull();
  });

  it('verifies its own signatures and refuses an altered body', () => {
    const key = webhookSecretKey(newWebhookSecret())!;
    const signature = webhookSignature(key, 'id-1', 1700000000, '{"a":1}');
    expect(verifyWebhookSignature(key, 'id-1', '1700000000', '{"a":1}', signature)).toBe(true);
    expect(verifyWebhookSignature(key, 'id-1', '1700000000', '{"a":2}', signature)).toBe(false);
  });
});
