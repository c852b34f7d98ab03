import type { RefObject } from 'preact';

/**
 * Copies `text` to the clipboard. Without the clipboard API (an address
 * without https) it selects the text of `input` instead, so Ctrl+C copies it.
 */
export async function copyText(text: string, input: RefObject<HTMLInputElement | null>): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    input.current?.select();
    document.execCommand?.('copy');
  }
}
