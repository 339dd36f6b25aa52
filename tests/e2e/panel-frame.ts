// The badge panel's iframe in a marketplace page, once the content script has framed it.
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

export async function panelFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect
    .poll(
      () => {
        frame = page.frames().find((f) => f.url().includes('/panel.html'));
        return frame !== undefined;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return frame as Frame;
}
