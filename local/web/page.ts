import type { PageConfig } from './client/host';
import { CONFIG_ELEMENT_ID } from './client/config';

/** JSON that cannot end the <script> element it sits in. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The page: settings for the bridge, the bridge script, then the page script at the end of
 * <body>, where #root exists. Scripts without async/defer run in document order.
 */
export function pageHtml(
  config: PageConfig,
  title: string,
  stylesheets: string[],
  extraScripts: string[] = [],
): string {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n');
  const scripts = ['/assets/app.js', ...extraScripts]
    .map((src) => `<script src="${src}"></script>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${links}
<script id="${CONFIG_ELEMENT_ID}" type="application/json">${scriptSafeJson(config)}</script>
<script src="/assets/bridge.js"></script>
</head>
<body>
<div id="root"></div>
${scripts}
</body>
</html>
`;
}
