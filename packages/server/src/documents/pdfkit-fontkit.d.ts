/**
 * PDFKit 0.20 also takes a font fontkit has parsed already (its font factory embeds any font with a `layout`), which
 * its published types do not say: pdf-kit.ts registers the fonts it parsed once (ADR 0018).
 */
import type { Font } from 'fontkit';

declare global {
  namespace PDFKit.Mixins {
    interface PDFFont {
      registerFont(name: string, src: Font): this;
    }
  }
}
