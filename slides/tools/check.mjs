// The slides' browser check: renders decks with Marp, opens each in headless
// Chromium and looks at every slide as the class would see it.
//
//   node slides/tools/check.mjs [--other-fonts] --out DIR DECK.md...
//
// A slide fails when
//   - an element reaches outside the slide's frame (Marp clips it silently),
//   - a code block had to be shrunk below MIN_CODE_PX to fit (the back row
//     cannot read it),
//   - an image or a font of the theme does not load, or
//   - some text is drawn with a font of the machine's, not the theme's: there
//     the layout, and so the verdict, would depend on the machine.
// Every slide is saved as DIR/png/<deck>/NN.png, so a person can look too.
//
// --other-fonts: the same check with the machine's usual fonts out of reach.
// It writes DIR/fonts.conf, the machine's fontconfig setup less the fonts that
// Chromium draws monospace, sans-serif and serif with here, preferring others
// (Liberation where the machine has DejaVu, DejaVu where it has Liberation),
// and runs Chromium with FONTCONFIG_FILE pointing at it; it fails unless all
// three generic families then resolve to other fonts (install a second set,
// e.g. Debian's fonts-dejavu-core and fonts-liberation). The decks must fit
// all the same: they bring their own fonts.
//
// Exit code: 0 all slides fit, 1 some slide failed or could not be checked, 2 bad usage.

import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, copyFonts, copyImages, findChromium, renderDeck } from './marp.mjs';

// Marp shrinks a code block that is too wide for the slide. Code drawn smaller
// than this, on the 1280 x 720 slide, is lost on the back row.
const MIN_CODE_PX = 18;
// Layout rounding: an element may poke out by a pixel without being seen.
const TOLERANCE_PX = 1;

function usage(message) {
  console.error(`check.mjs: ${message}`);
  console.error('usage: node slides/tools/check.mjs [--other-fonts] --out DIR DECK.md...');
  process.exit(2);
}

function parseArguments(argv) {
  const decks = [];
  let out;
  let otherFonts = false;
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--out') {
      out = argv[++i];
      if (!out) usage('--out needs a directory');
    } else if (argv[i] === '--other-fonts') {
      otherFonts = true;
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
  return { out: path.resolve(out), decks, otherFonts };
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

// Runs in the page: marks each element of the visible slide that holds text of
// its own, for machineFontsOnSlide to ask Chromium what drew it.
function markTextOnSlide() {
  for (const element of document.querySelectorAll('[data-check-text]')) element.removeAttribute('data-check-text');
  const section = document.querySelector('svg.bespoke-marp-active section');
  for (const element of [section, ...section.querySelectorAll('*')]) {
    const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    if (ownText && element.getClientRects().length > 0) element.setAttribute('data-check-text', '');
  }
}

// Runs in the page, on an element: as problemsOnSlide describes one.
function describeThis() {
  const text = this.textContent.trim().replace(/\s+/g, ' ');
  return `<${this.tagName.toLowerCase()}> "${text.slice(0, 60)}${text.length > 60 ? '...' : ''}"`;
}

// The text of the visible slide that Chromium drew with fonts of the machine
// rather than the theme's web fonts: a character that none of them has.
async function machineFontsOnSlide(page, cdp) {
  await page.evaluate(markTextOnSlide);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-check-text]' });
  const families = new Set();
  const where = [];
  for (const nodeId of nodeIds) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const machine = fonts.filter((font) => !font.isCustomFont);
    if (machine.length === 0) continue;
    machine.forEach((font) => families.add(font.familyName));
    if (where.length < 2) {
      const { object } = await cdp.send('DOM.resolveNode', { nodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: describeThis.toString(),
        returnByValue: true,
      });
      where.push(result.value);
    }
  }
  if (families.size === 0) return [];
  return [`text drawn with the machine's ${[...families].map((f) => `"${f}"`).join(', ')}, not the theme's fonts, in ${where.join(', ')}: ` +
    'a character the theme\'s fonts lack, or a style naming another font'];
}

// What does not fit on the visible slide, once the slide has settled: Marp
// scales a wide code block to fit from a ResizeObserver, a frame or two after
// the slide appears. Measured before that, a block that the class sees whole
// would count as reaching outside; measured after, the verdict does not depend
// on how fast the machine is. A slide with problems is measured again a moment
// later, and that counts.
async function settledProblems(page) {
  const nextFrames = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const measure = () => page.evaluate(problemsOnSlide, { tolerance: TOLERANCE_PX, minCodePx: MIN_CODE_PX });
  await nextFrames();
  const first = await measure();
  if (first.length === 0) return first;
  await new Promise((done) => setTimeout(done, 250));
  await nextFrames();
  return measure();
}

function slideTitle(index, titles) {
  return titles[index] ? `"${titles[index]}"` : '(no title)';
}

async function checkDeck(page, cdp, deck, out) {
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
  // Every face of the theme, now: a font loads only once some text needs it.
  const fontsNotLoaded = await page.evaluate(async () => {
    const faces = [...document.fonts];
    const loads = await Promise.allSettled(faces.map((face) => face.load()));
    return faces.filter((face, i) => loads[i].status === 'rejected').map((face) => `${face.family} ${face.weight} ${face.style}`);
  });
  page.off('requestfailed', onFailure);

  const titles = await page.$$eval('svg[data-marpit-svg] section', (sections) =>
    sections.map((s) => s.querySelector('h1, h2')?.textContent.trim() ?? ''));
  const pngDir = path.join(out, 'png', name);
  await rm(pngDir, { recursive: true, force: true });
  await mkdir(pngDir, { recursive: true });

  const failures = [
    ...failedRequests.map((url) => `${name}: could not load ${url}`),
    ...fontsNotLoaded.map((face) => `${name}: could not load the font ${face}`),
  ];
  for (let index = 0; index < titles.length; ++index) {
    const number = index + 1;
    await page.evaluate((n) => { window.location.hash = `#${n}`; }, number);
    await page.waitForFunction((n) => document.querySelector('svg.bespoke-marp-active section')?.id === String(n), {}, number);
    await page.evaluate(() => document.fonts.ready);
    const problems = [
      ...await settledProblems(page),
      ...await machineFontsOnSlide(page, cdp),
    ];
    for (const problem of problems) {
      failures.push(`${name} slide ${number} ${slideTitle(index, titles)}: ${problem}`);
    }
    await page.screenshot({ path: path.join(pngDir, `${String(number).padStart(2, '0')}.png`) });
  }
  return { name, slides: titles.length, failures };
}

// The CSS generic families, and which fonts of the machine Chromium draws them with.
const GENERICS = ['monospace', 'sans-serif', 'serif'];

async function genericFonts(browser) {
  const page = await browser.newPage();
  try {
    await page.setContent(GENERICS.map((family) => `<p style="font-family: ${family}">The quick brown fox, 0123</p>`).join(''));
    const cdp = await page.createCDPSession();
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'p' });
    const resolved = {};
    for (const [i, nodeId] of nodeIds.entries()) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      resolved[GENERICS[i]] = fonts.sort((a, b) => b.glyphCount - a.glyphCount)[0]?.familyName ?? '(none)';
    }
    return resolved;
  } finally {
    await page.close();
  }
}

const describeFonts = (resolved) => GENERICS.map((family) => `${family} → ${resolved[family]}`).join(', ');

// Fonts that Debian and most Linux machines have, by generic family: the other
// fonts that --other-fonts asks fontconfig for, the first one installed.
const OTHER_FONTS = {
  monospace: ['Liberation Mono', 'DejaVu Sans Mono', 'Noto Sans Mono', 'FreeMono'],
  'sans-serif': ['Liberation Sans', 'DejaVu Sans', 'Noto Sans', 'FreeSans'],
  serif: ['Liberation Serif', 'DejaVu Serif', 'Noto Serif', 'FreeSerif'],
};

const xml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// The machine's fontconfig setup, less the fonts that the generic families
// resolve to now (usual), and preferring others for each.
function otherFontsConfig(base, usual) {
  const taken = new Set(Object.values(usual));
  const family = (name) => `<string>${xml(name)}</string>`;
  const prefer = GENERICS.map((generic) => [
    '  <match target="pattern">',
    `    <test name="family">${family(generic)}</test>`,
    `    <edit name="family" mode="prepend_first" binding="strong">${OTHER_FONTS[generic].filter((f) => !taken.has(f)).map(family).join('')}</edit>`,
    '  </match>',
  ]).flat();
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    // (No two hyphens in a row inside an XML comment.)
    '<!-- Written by the slides\' browser check (slides/tools/check.mjs, other fonts): this machine\'s',
    '     setup, less the fonts that Chromium draws monospace, sans-serif and serif with here,',
    '     preferring others for each. -->',
    '<fontconfig>',
    `  <include ignore_missing="no">${xml(base)}</include>`,
    ...prefer,
    '  <selectfont>',
    '    <rejectfont>',
    ...[...taken].map((name) => `      <pattern><patelt name="family">${family(name)}</patelt></pattern>`),
    '    </rejectfont>',
    '  </selectfont>',
    '</fontconfig>',
    '',
  ].join('\n');
}

const launch = (env) => puppeteer.launch({ executablePath: findChromium(), args: chromiumArgs(), headless: true, env });

// Chromium as the check runs it: the machine as it is, or, with --other-fonts,
// under a fontconfig setup in which the generic families resolve to other fonts.
async function launchForCheck(out, otherFonts) {
  const closedOnError = async (browser, use) => {
    try {
      return await use(browser);
    } catch (error) {
      await browser.close();
      throw error;
    }
  };
  if (!otherFonts) {
    const browser = await launch(process.env);
    const usual = await closedOnError(browser, genericFonts);
    console.log(`Fonts of this machine: ${describeFonts(usual)}`);
    return browser;
  }
  const base = process.env.FONTCONFIG_FILE ?? '/etc/fonts/fonts.conf';
  if (!existsSync(base)) throw new Error(`--other-fonts: no fontconfig setup at ${base} to start from`);
  const probe = await launch(process.env);
  let usual;
  try {
    usual = await genericFonts(probe);
  } finally {
    await probe.close();
  }
  const config = path.join(out, 'fonts.conf');
  await mkdir(out, { recursive: true });
  await writeFile(config, otherFontsConfig(base, usual));
  const browser = await launch({ ...process.env, FONTCONFIG_FILE: config });
  await closedOnError(browser, async () => {
    const other = await genericFonts(browser);
    console.log(`Fonts of this machine: ${describeFonts(usual)}`);
    console.log(`This run, FONTCONFIG_FILE=${config}: ${describeFonts(other)}`);
    const same = GENERICS.filter((family) => other[family] === usual[family]);
    if (same.length > 0) {
      throw new Error(`--other-fonts: ${same.join(' and ')} found no other font on this machine. ` +
        'Install a second set (Debian: fonts-dejavu-core and fonts-liberation; ./course start --slides does)');
    }
  });
  return browser;
}

async function main() {
  const { out, decks, otherFonts } = parseArguments(process.argv.slice(2));
  await copyFonts(path.join(out, 'html'));
  const browser = await launchForCheck(out, otherFonts);
  let slides = 0;
  const failures = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    const cdp = await page.createCDPSession();
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    for (const deck of decks) {
      const result = await checkDeck(page, cdp, deck, out);
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
