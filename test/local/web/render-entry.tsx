/** Built by render.test.ts with esbuild, which handles the stylesheets Atlaskit imports. */
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ForgeNode } from '../../../local/web/client/render/node';
import { renderNode } from '../../../local/web/client/render/render';

export function html(doc: ForgeNode): string {
  return renderToStaticMarkup(<>{renderNode(doc)}</>);
}
