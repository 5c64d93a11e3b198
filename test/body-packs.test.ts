// The build cache's body packs: bodies (HTML, text) read back as written, damage detected, packs merged and swept.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BodyPacks, type BodyLocation } from '../src/cache/body-packs.js';

const folder = () => join(mkdtempSync(join(tmpdir(), 'bantin-packs-')), 'bodies');
const packsIn = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.pack')).sort();

/** `count` bodies, `perPack` to a pack (a pack ends when its writer is closed). */
function fill(packs: BodyPacks, count: number, perPack: number, size = 40): { location: BodyLocation; html: string; text: string }[] {
  const bodies = [];
  for (let i = 0; i < count; i++) {
    const html = `<p>Bản tin số ${i}: Đắk Lắk ${'đ'.repeat(size)}</p>`;
    const text = `Bản tin số ${i}`;
    bodies.push({ location: packs.add(html, text), html, text });
    if ((i + 1) % perPack === 0) packs.close();
  }
  packs.close();
  return bodies;
}

describe('body packs', () => {
  it('read each body back as written, from a fresh reader too', () => {
    const dir = folder();
    const bodies = fill(new BodyPacks(dir), 5, 5);
    const reader = new BodyPacks(dir);
    for (const { location, html, text } of bodies) {
      expect(reader.read(location, 'html')).toBe(html);
      expect(reader.read(location, 'text')).toBe(text);
    }
    expect(packsIn(dir)).toHaveLength(1);
  });

  it('read a body of the pack being written before it is flushed', () => {
    const packs = new BodyPacks(folder());
    const location = packs.add('<p>một</p>', 'một');
    expect(packs.read(location, 'html')).toBe('<p>một</p>');
    expect(packs.read(location, 'text')).toBe('một');
  });

  it('answer null for a damaged, truncated or missing pack, never the wrong text', () => {
    const dir = folder();
    const [first, second] = fill(new BodyPacks(dir), 2, 2);
    const file = join(dir, first!.location[0]);
    const bytes = readFileSync(file);
    bytes[first!.location[1] + 5] ^= 1;
    writeFileSync(file, bytes);
    expect(new BodyPacks(dir).read(first!.location, 'html')).toBeNull();
    expect(new BodyPacks(dir).read(first!.location, 'text')).toBe(first!.text);
    truncateSync(file, statSync(file).size - 1);
    expect(new BodyPacks(dir).read(second!.location, 'text')).toBeNull();
    expect(new BodyPacks(dir).read(second!.location, 'html')).toBe(second!.html);
    const missing: BodyLocation = ['1-00000000.pack', 0, 1, 0, 1, 0];
    expect(new BodyPacks(dir).has(missing[0])).toBe(false);
    expect(new BodyPacks(dir).read(missing, 'html')).toBeNull();
    expect(new BodyPacks(dir).read(['../bodies/x.pack', 0, 1, 0, 1, 0], 'html')).toBeNull();
  });

  it('merge all but the largest pack once there are more than eight, and sweep the merged ones', () => {
    const dir = folder();
    const packs = new BodyPacks(dir);
    const big = fill(packs, 4, 4, 400);
    const small = fill(packs, 9, 1);
    expect(packsIn(dir)).toHaveLength(10);
    const live = [...big, ...small].map((b) => b.location);
    const moved = packs.compact(live);
    expect(moved.size).toBe(9);
    expect([...moved.keys()]).not.toContain(big[0]!.location);
    const after = live.map((l) => moved.get(l) ?? l);
    packs.sweep(after);
    expect(packsIn(dir)).toEqual([big[0]!.location[0], moved.get(small[0]!.location)![0]].sort());
    const reader = new BodyPacks(dir);
    [...big, ...small].forEach(({ html, text }, i) => {
      expect(reader.read(after[i]!, 'html')).toBe(html);
      expect(reader.read(after[i]!, 'text')).toBe(text);
    });
    expect(new BodyPacks(dir).compact(after).size).toBe(0);
  });

  it('rewrite a large pack less than half of which is still referred to', () => {
    const dir = folder();
    const packs = new BodyPacks(dir);
    const bodies = fill(packs, 40, 40, 20_000);
    const kept = bodies.filter((_, i) => i % 3 === 0);
    const moved = packs.compact(kept.map((b) => b.location));
    expect(moved.size).toBe(kept.length);
    const after = kept.map((b) => moved.get(b.location)!);
    packs.sweep(after);
    expect(packsIn(dir)).toEqual([after[0]![0]]);
    expect(statSync(join(dir, after[0]![0])).size).toBe(kept.reduce((n, b) => n + b.location[2] + b.location[4], 0));
    kept.forEach(({ html }, i) => expect(new BodyPacks(dir).read(after[i]!, 'html')).toBe(html));
    // Half or more still referred to: left as it is.
    expect(new BodyPacks(dir).compact(after).size).toBe(0);
  });

  it('sweep what nothing refers to, but not a pack a running build may still be writing', () => {
    const dir = folder();
    const [kept] = fill(new BodyPacks(dir), 1, 1);
    const [dead] = fill(new BodyPacks(dir), 1, 1);
    // Another process, alive (this one's parent), writing its pack; and bodies as an older bantin kept them.
    const running = `${process.ppid}-0badc0de.pack`;
    writeFileSync(join(dir, running), 'x');
    mkdirSync(join(dir, 'ab'));
    writeFileSync(join(dir, 'ab/abcdef.json'), '{}');
    new BodyPacks(dir).sweep([kept!.location]);
    expect(readdirSync(dir).sort()).toEqual([kept!.location[0], running].sort());
    expect(dead!.location[0]).not.toBe(kept!.location[0]);
  });
});
