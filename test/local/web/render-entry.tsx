/** Built by render.test.ts with esbuild, which handles the stylesheets Atlaskit imports. */
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ForgeNode } from '../../../local/web/client/render/node';
import { rendererFor } from '../../../local/web/client/render/registry';
import { renderNode, Renderers } from '../../../local/web/client/render/render';

export function html(doc: ForgeNode): string {
  return renderToStaticMarkup(
    <Renderers.Provider value={rendererFor}>{renderNode(doc)}</Renderers.Provider>,
  );
}

/** Whether the page has a way of drawing nodes of this type (else it shows their children). */
export function draws(type: string): boolean {
  return rendererFor(type) !== undefined;
}
