// What the render targets and the browser check share: how a deck becomes
// HTML or PDF, and how Chromium is found and started.

import { existsSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { marpCli } from '@marp-team/marp-cli';

// Debian's chromium first; CHROME_PATH (Marp's own variable) wins over all.
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

export function findChromium() {
  const found = [process.env.CHROME_PATH, ...CHROMIUM_CANDIDATES].find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error('no Chromium found: install Debian\'s chromium (./course start --slides) or set CHROME_PATH');
  }
  return found;
}

// Headless, offline and quiet: the machine may have no network, and a root
// user (a container, CI) cannot use Chromium's sandbox.
export function chromiumArgs() {
  const args = ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

const themes = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'theme');

// format: 'html' (the deck with presenter view) or 'pdf' (notes as PDF annotations).
export async function renderDeck(deck, output, format = 'html') {
  const options = ['--lang', 'en', '--theme-set', themes, '--output', output];
  if (format === 'pdf') {
    // The PDF is printed by Chromium, which needs to read the deck's images from disk.
    options.push('--pdf', '--pdf-notes', '--allow-local-files', '--browser-path', findChromium());
  }
  const status = await marpCli([...options, '--', deck]);
  if (status !== 0) {
    throw new Error(`Marp could not render ${deck} (exit code ${status})`);
  }
}

// The HTML links its pictures as img/..., relative to itself: copy the deck
// folder's img/ beside it (as files, even where img/ is a symbolic link).
export async function copyImages(deckDir, outDir) {
  const images = path.join(deckDir, 'img');
  if (!existsSync(images)) return;
  const copy = path.join(outDir, 'img');
  await rm(copy, { recursive: true, force: true });
  await cp(images, copy, { recursive: true, dereference: true });
}
