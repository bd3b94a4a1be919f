/// <reference lib="dom" />
import type { PageConfig } from './host';

/** The id of the JSON script element the server writes the page's settings into. */
export const CONFIG_ELEMENT_ID = 'forge-local-config';

export function readConfig(): PageConfig {
  const text = document.getElementById(CONFIG_ELEMENT_ID)?.textContent;
  if (!text) throw new Error(`the page has no #${CONFIG_ELEMENT_ID} settings`);
  return JSON.parse(text) as PageConfig;
}
