// The slides' browser check: renders decks with Marp, opens each in headless
// Chromium and looks at every slide as the class would see it.
//
//   node slides/tools/check.mjs --out DIR DECK.md...
//
// A slide fails when
//   - an element reaches outside the slide's frame (Marp clips it silently),
//   - a code block had to be shrunk below MIN_CODE_PX to fit (the back row
//     cannot read it), or
//   - an image does not load.
// Every slide is saved as DIR/png/<deck>/NN.png, so a person can look too.
// Exit code: 0 all slides fit, 1 some slide failed or could not be checked, 2 bad usage.

import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, copyImages, findChromium, renderDeck } from './marp.mjs';

// Marp shrinks a code block that is too wide for the slide. Code drawn smaller
// than this, on the 1280 x 720 slide, is lost on the back row.
const MIN_CODE_PX = 18;
// Layout rounding: an element may poke out by a pixel without being seen.
const TOLERANCE_PX = 1;

function usage(message) {
  console.error(`check.mjs: ${message}`);
  console.error('usage: node slides/tools/check.mjs --out DIR DECK.md...');
  process.exit(2);
}

function parseArguments(argv) {
  const decks = [];
  let out;
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--out') {
      out = argv[++i];
      if (!out) usage('--out needs a directory');
    } else if (argv[i].startsWith('-')) {
      usage(`unknown option '${argv[i]}'`);
    } else {
      decks.push(argv[i]);
    }
  }
  if (!out) usage('missing --out DIR');
  if (decks.length === 0) usage('no decks given');
  const missing = decks.find((deck) => !existsSync(deck));
  if (missing) usage(`no deck '${missing}'`);
  return { out: path.resolve(out), decks };
}

// Runs in the page, on the visible slide: everything that does not fit.
function problemsOnSlide({ tolerance, minCodePx }) {
  const section = document.querySelector('svg.bespoke-marp-active section');
  const frame = section.getBoundingClientRect();
  const scale = frame.width / section.offsetWidth;  // the slide is drawn scaled to the window
  const describe = (element) => {
    const text = (element.textContent || element.getAttribute('src') || '').trim().replace(/\s+/g, ' ');
    return `<${element.tagName.toLowerCase()}> "${text.slice(0, 60)}${text.length > 60 ? '...' : ''}"`;
  };
  const problems = [];
  for (const element of section.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const sides = [];
    if (box.bottom > frame.bottom + tolerance) sides.push(`${Math.round((box.bottom - frame.bottom) / scale)} px below`);
    if (box.right > frame.right + tolerance) sides.push(`${Math.round((box.right - frame.right) / scale)} px right of`);
    if (box.top < frame.top - tolerance) sides.push(`${Math.round((frame.top - box.top) / scale)} px above`);
    if (box.left < frame.left - tolerance) sides.push(`${Math.round((frame.left - box.left) / scale)} px left of`);
    // Report the outermost element only: its children overflow with it.
    if (sides.length > 0 && !problems.some((p) => p.element.contains(element))) {
      problems.push({ element, message: `overflows: ${describe(element)} ends ${sides.join(', ')} the frame` });
    }
  }
  for (const image of section.querySelectorAll('img')) {
    if (!image.complete || image.naturalWidth === 0) {
      problems.push({ element: image, message: `broken image: ${image.getAttribute('src')}` });
    }
  }
  // Marp shrinks a code block that is too wide: its <marp-pre> draws the code
  // inside an SVG whose viewBox is the code's natural size.
  for (const code of section.querySelectorAll('marp-pre')) {
    const svg = code.shadowRoot?.querySelector('marp-auto-scaling')?.shadowRoot?.querySelector('svg');
    const natural = svg?.viewBox?.baseVal;
    if (!natural || natural.width === 0) continue;
    const shrink = Math.min(1, svg.getBoundingClientRect().width / scale / natural.width);
    const fontPx = parseFloat(getComputedStyle(code.querySelector('code') ?? code).fontSize) * shrink;
    if (fontPx < minCodePx) {
      problems.push({
        element: code,
        message: `code shrunk to ${Math.round(shrink * 100)}% (${fontPx.toFixed(1)} px text) to fit: ${describe(code)}; shorten its lines`,
      });
    }
  }
  return problems.map((p) => p.message);
}

function slideTitle(index, titles) {
  return titles[index] ? `"${titles[index]}"` : '(no title)';
}

async function checkDeck(page, deck, out) {
  const name = path.basename(deck, '.md');
  const html = path.join(out, 'html', `${name}.html`);
  await renderDeck(deck, html);
  await copyImages(path.dirname(deck), path.dirname(html));

  const failedRequests = [];
  const onFailure = (request) => failedRequests.push(request.url());
  page.on('requestfailed', onFailure);
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  // The presenter's on-screen buttons are not part of the slide.
  await page.addStyleTag({ content: '.bespoke-marp-osc { display: none !important; }' });
  page.off('requestfailed', onFailure);

  const titles = await page.$$eval('svg[data-marpit-svg] section', (sections) =>
    sections.map((s) => s.querySelector('h1, h2')?.textContent.trim() ?? ''));
  const pngDir = path.join(out, 'png', name);
  await rm(pngDir, { recursive: true, force: true });
  await mkdir(pngDir, { recursive: true });

  const failures = failedRequests.map((url) => `${name}: could not load ${url}`);
  for (let index = 0; index < titles.length; ++index) {
    const number = index + 1;
    await page.evaluate((n) => { window.location.hash = `#${n}`; }, number);
    await page.waitForFunction((n) => document.querySelector('svg.bespoke-marp-active section')?.id === String(n), {}, number);
    await page.evaluate(() => document.fonts.ready);
    for (const problem of await page.evaluate(problemsOnSlide, { tolerance: TOLERANCE_PX, minCodePx: MIN_CODE_PX })) {
      failures.push(`${name} slide ${number} ${slideTitle(index, titles)}: ${problem}`);
    }
    await page.screenshot({ path: path.join(pngDir, `${String(number).padStart(2, '0')}.png`) });
  }
  return { name, slides: titles.length, failures };
}

async function main() {
  const { out, decks } = parseArguments(process.argv.slice(2));
  const browser = await puppeteer.launch({ executablePath: findChromium(), args: chromiumArgs(), headless: true });
  let slides = 0;
  const failures = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    for (const deck of decks) {
      const result = await checkDeck(page, deck, out);
      slides += result.slides;
      failures.push(...result.failures);
      console.log(`${result.name}: ${result.slides} slides, ${result.failures.length ? `${result.failures.length} FAILED` : 'all fit'}`);
    }
  } finally {
    await browser.close();
  }
  for (const failure of failures) console.log(`FAIL ${failure}`);
  console.log(`${decks.length} decks, ${slides} slides: ${failures.length} problems. PNGs of every slide: ${path.join(out, 'png')}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

try {
  await main();
} catch (error) {
  // No Chromium, a deck Marp cannot read: one line, not a stack trace.
  console.error(`check.mjs: ${error.message}`);
  process.exit(1);
}
