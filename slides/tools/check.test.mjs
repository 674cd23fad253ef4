// The browser check's own test: it must pass a deck that fits and fail, naming
// the slide, on each kind of problem it claims to find.
//
//   node --test slides/tools/check.test.mjs

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = mkdtempSync(path.join(tmpdir(), 'slides-check-test-'));
after(() => rmSync(out, { recursive: true, force: true }));

function check(...args) {
  const run = spawnSync(process.execPath, [path.join(here, 'check.mjs'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('a deck that fits passes, with a PNG of each slide', () => {
  const { status, output } = check('--out', out, path.join(here, 'fixtures', 'fits.md'));
  assert.equal(status, 0, output);
  assert.match(output, /fits: 2 slides, all fit/);
  assert.deepEqual(readdirSync(path.join(out, 'png', 'fits')), ['01.png', '02.png']);
});

test('a deck with problems fails, naming each slide', () => {
  const { status, output } = check('--out', out, path.join(here, 'fixtures', 'broken.md'));
  assert.equal(status, 1, output);
  assert.match(output, /broken slide 1 "Too many points": overflows: <ul> .* px below the frame/);
  assert.match(output, /broken slide 2 "A code line far too long": code shrunk to \d+% .* shorten its lines/);
  assert.match(output, /broken slide 3 "A picture that is not there": broken image: img\/missing\.svg/);
  assert.match(output, /could not load .*missing\.svg/);
  assert.match(output, /broken slide 4 "Text in the machine's font": text drawn with the machine's ".+", not the theme's fonts, in <p> "A paragraph/);
  assert.equal(readdirSync(path.join(out, 'png', 'broken')).length, 4);
});

test('with --other-fonts, the generic families resolve to other fonts, and a deck that fits still passes', () => {
  const otherOut = path.join(out, 'other-fonts');
  const { status, output } = check('--other-fonts', '--out', otherOut, path.join(here, 'fixtures', 'fits.md'));
  assert.equal(status, 0, output);
  const usual = output.match(/^Fonts of this machine: (.*)$/m)?.[1];
  const other = output.match(/^This run, FONTCONFIG_FILE=.*fonts\.conf: (.*)$/m)?.[1];
  assert.ok(usual && other, output);
  for (const generic of ['monospace', 'sans-serif', 'serif']) {
    const font = (line) => line.match(new RegExp(`${generic} → ([^,]+)`))?.[1];
    assert.notEqual(font(other), font(usual), `${generic}: ${output}`);
  }
  assert.match(output, /fits: 2 slides, all fit/);
});

test('bad usage exits 2 with a usage line', () => {
  for (const args of [[], ['--out'], ['--out', out], ['--other-fonts', '--out', out], ['--frobnicate', 'x.md'], ['--out', out, 'no-such-deck.md']]) {
    const { status, output } = check(...args);
    assert.equal(status, 2, `${args.join(' ')}: ${output}`);
    assert.match(output, /usage: node slides\/tools\/check\.mjs \[--other-fonts\]/);
  }
});
