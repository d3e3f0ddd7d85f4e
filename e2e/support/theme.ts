import type { Page } from '@playwright/test';

/** Lightness (0–1) of the body background, whatever colour syntax the browser reports (rgb, lab, oklch). */
export async function bodyLightness(page: Page): Promise<number> {
  const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const oklch = /oklch\(\s*([\d.]+)(%?)/.exec(color);
  if (oklch?.[1]) return Number(oklch[1]) / (oklch[2] === '%' || Number(oklch[1]) > 1 ? 100 : 1);
  const lab = /^lab\(\s*([\d.]+)/.exec(color);
  if (lab?.[1]) return Number(lab[1]) / 100;
  const rgb = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(color);
  if (rgb) return (0.2126 * Number(rgb[1]) + 0.7152 * Number(rgb[2]) + 0.0722 * Number(rgb[3])) / 255;
  throw new Error(`Cannot read the background colour "${color}"`);
}
