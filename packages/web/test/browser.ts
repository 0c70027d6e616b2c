import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (CI installs it with apt); never a downloaded browser. WebGL through SwiftShader. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Counts the pixels of a PNG (e.g. a screenshot) within `tolerance` of each colour, decoded by the page itself. */
export async function countColours<K extends string>(page: Page, png: Buffer, colours: Record<K, [number, number, number]>, tolerance = 24): Promise<Record<K | 'total', number>> {
  const counts = await page.evaluate(
    async ({ base64, colours, tolerance }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const counts: Record<string, number> = { total: canvas.width * canvas.height };
      for (const name of Object.keys(colours)) counts[name] = 0;
      for (let i = 0; i < data.length; i += 4) {
        for (const [name, [r, g, b]] of Object.entries(colours)) {
          if (Math.abs(data[i]! - r) <= tolerance && Math.abs(data[i + 1]! - g) <= tolerance && Math.abs(data[i + 2]! - b) <= tolerance) counts[name]! += 1;
        }
      }
      return counts;
    },
    { base64: png.toString('base64'), colours: colours as Record<string, [number, number, number]>, tolerance },
  );
  return counts as Record<K | 'total', number>;
}
