// Renders decks for presenting: node slides/tools/render.mjs html|pdf OUT_DIR DECK.md...
// Each deck becomes OUT_DIR/<deck>.html or .pdf. The CMake targets `slides`
// and `slides_pdf` call this, once per deck, several at a time; they copy the
// images beside the HTML themselves, once.

import path from 'node:path';
import { renderDeck } from './marp.mjs';

const [format, outDir, ...decks] = process.argv.slice(2);
if (!['html', 'pdf'].includes(format) || !outDir || decks.length === 0) {
  console.error('usage: node slides/tools/render.mjs html|pdf OUT_DIR DECK.md...');
  process.exit(2);
}
for (const deck of decks) {
  await renderDeck(deck, path.join(outDir, `${path.basename(deck, '.md')}.${format}`), format);
}
