/// <reference lib="dom" />
/**
 * The page's renderer: Atlassian's light theme and the ForgeDoc renderer subscribed to the bridge.
 * The app's frontend comes after it: esbuild's build of src/frontend (main.tsx), or the resource
 * bundle Forge's own bundler built (`npm start -- --bundle`).
 */
import './page.css';
import React from 'react';
import { createRoot } from 'react-dom/client';
import { setGlobalTheme } from '@atlaskit/tokens';
import { Page } from './page';

void setGlobalTheme({ colorMode: 'light' });

const container = document.getElementById('root');
if (!container) throw new Error('the page has no #root element');
createRoot(container).render(<Page />);
