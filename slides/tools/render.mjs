// Renders decks for presenting: node slides/tools/render.mjs html|pdf OUT_DIR DECK.md...
// Each deck becomes OUT_DIR/<deck>.html or .pdf. The CMake targets `slides`
// and `slides_pdf` call this, once per deck, several at a time; they copy the
// images and the fonts beside the HTML themselves, once:
//   node slides/tools/render.mjs fonts OUT_DIR    the theme's fonts into OUT_DIR/fonts

import path from 'node:path';
import { copyFonts, renderDeck } from './marp.mjs';

const [format, outDir, ...decks] = process.argv.slice(2);
const usage = () => {
  console.error('usage: node slides/tools/render.mjs html|pdf OUT_DIR DECK.md...');
  console.error('       node slides/tools/render.mjs fonts OUT_DIR');
  process.exit(2);
};
try {
  if (format === 'fonts') {
    if (!outDir || decks.length > 0) usage();
    await copyFonts(outDir);
  } else {
    if (!['html', 'pdf'].includes(format) || !outDir || decks.length === 0) usage();
    for (const deck of decks) {
      await renderDeck(deck, path.join(outDir, `${path.basename(deck, '.md')}.${format}`), format);
    }
  }
} catch (error) {
  console.error(`render.mjs: ${error.message}`);
  process.exit(1);
}
