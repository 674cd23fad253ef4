// What the render targets and the browser check share: how a deck becomes
// HTML or PDF, and how Chromium is found and started.

import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

const slides = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const themes = path.join(slides, 'theme');

// The theme names each font file as url('node_modules/@fontsource/...'),
// relative to slides/: the files of the font packages that npm ci installs.
const FONT_URL = /url\((['"]?)(node_modules\/[^'")]+)\1\)/g;

async function themeFiles() {
  const names = (await readdir(themes)).filter((name) => name.endsWith('.css')).sort();
  return Promise.all(names.map(async (name) => ({ name, css: await readFile(path.join(themes, name), 'utf8') })));
}

// Every font file the theme uses: { url as written, file on disk, name in fonts/ }.
export async function themeFonts() {
  const fonts = new Map();
  for (const { css } of await themeFiles()) {
    const rules = css.replace(/\/\*[\s\S]*?\*\//g, '');  // not the comments
    for (const [, , url] of rules.matchAll(FONT_URL)) {
      fonts.set(url, { url, file: path.join(slides, url), name: path.basename(url) });
    }
  }
  const missing = [...fonts.values()].find((font) => !existsSync(font.file));
  if (missing) {
    throw new Error(`the theme's font ${missing.url} is not in slides/: run npm ci there (./course start --slides)`);
  }
  return [...fonts.values()];
}

// The HTML loads its fonts as fonts/..., relative to itself: copy them there.
// One file at a time, through a temporary name, so that renders running side
// by side never see half a file.
export async function copyFonts(outDir) {
  const dir = path.join(outDir, 'fonts');
  await mkdir(dir, { recursive: true });
  for (const font of await themeFonts()) {
    const partial = path.join(dir, `.${font.name}.${process.pid}`);
    await copyFile(font.file, partial);
    await rename(partial, path.join(dir, font.name));
  }
}

// The theme set as one format needs it, in a temporary folder: the HTML loads
// fonts/NAME beside itself (copyFonts); Chromium printing a PDF reads the
// files where npm put them, and the PDF embeds them.
async function themeSetFor(format) {
  const fonts = new Map((await themeFonts()).map((font) => [font.url, font]));
  const dir = await mkdtemp(path.join(tmpdir(), 'course-theme-'));
  for (const { name, css } of await themeFiles()) {
    const located = css.replace(FONT_URL, (whole, quote, url) => {
      const font = fonts.get(url);
      if (!font) return whole;  // in a comment
      return `url('${format === 'html' ? `fonts/${font.name}` : pathToFileURL(font.file).href}')`;
    });
    await writeFile(path.join(dir, name), located);
  }
  return dir;
}

// format: 'html' (the deck with presenter view) or 'pdf' (notes as PDF annotations).
// The HTML needs copyImages and copyFonts beside it.
export async function renderDeck(deck, output, format = 'html') {
  const themeSet = await themeSetFor(format);
  try {
    const options = ['--lang', 'en', '--theme-set', themeSet, '--output', output];
    if (format === 'pdf') {
      // The PDF is printed by Chromium, which needs to read the deck's images and the fonts from disk.
      options.push('--pdf', '--pdf-notes', '--allow-local-files', '--browser-path', findChromium());
    }
    const status = await marpCli([...options, '--', deck]);
    if (status !== 0) {
      throw new Error(`Marp could not render ${deck} (exit code ${status})`);
    }
  } finally {
    await rm(themeSet, { recursive: true, force: true });
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
