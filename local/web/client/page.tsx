import React, { useEffect, useState } from 'react';
import { localHost } from './host';
import type { ForgeNode } from './render/node';
import { rendererFor } from './render/registry';
import { renderNode, Renderers } from './render/render';

/** The app's latest ForgeDoc, drawn again each time the reconciler sends one. */
export function Page() {
  const host = localHost();
  const [doc, setDoc] = useState<ForgeNode | null>(host.doc);
  useEffect(() => {
    host.listeners.add(setDoc);
    setDoc(host.doc);
    return () => void host.listeners.delete(setDoc);
  }, [host]);
  return (
    <Renderers.Provider value={rendererFor}>
      <main className="forge-local-page">{doc ? renderNode(doc) : null}</main>
    </Renderers.Provider>
  );
}
