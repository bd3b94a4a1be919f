/** Built by render.test.ts with esbuild, which handles the stylesheets Atlaskit imports. */
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ForgeNode } from '../../../local/web/client/render/node';
import { renderNode } from '../../../local/web/client/render/render';
import { rendererFor } from '../../../local/web/client/render/registry';

export function html(doc: ForgeNode): string {
  return renderToStaticMarkup(<>{renderNode(doc)}</>);
}

/** Whether the page has a way of drawing nodes of this type (else it shows their children). */
export function draws(type: string): boolean {
  return rendererFor(type) !== undefined;
}
