/** Redis Cluster's hash slot of a key: CRC16 (XMODEM) of its hash tag (the part inside the first `{…}`, if not empty) modulo 16384. */
export const SLOT_COUNT = 16384;

const TABLE = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  return crc;
});

function crc16(bytes: Buffer): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff];
  return crc;
}

export function keySlot(key: string): number {
  const open = key.indexOf('{');
  const close = open >= 0 ? key.indexOf('}', open + 1) : -1;
  const hashed = close > open + 1 ? key.slice(open + 1, close) : key;
  return crc16(Buffer.from(hashed)) % SLOT_COUNT;
}

/**
 * For each slot, a short hash tag that lands on it (`e<n>`, the smallest such n): a key of any slot
 * can be named without knowing anything but the slot. Computed once (about 150 000 CRCs).
 */
let slotTags: string[] | null = null;

export function tagOfSlot(slot: number): string {
  if (!slotTags) slotTags = computeSlotTags();
  return slotTags[slot];
}

function computeSlotTags(): string[] {
  const tags = new Array<string>(SLOT_COUNT);
  let missing = SLOT_COUNT;
  for (let n = 0; missing > 0; n += 1) {
    const tag = `e${n}`;
    const slot = keySlot(tag);
    if (tags[slot] === undefined) {
      tags[slot] = tag;
      missing -= 1;
    }
  }
  return tags;
}
