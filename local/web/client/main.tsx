/// <reference lib="dom" />
/**
 * The page script (the bridge script ran before it): Atlassian's light theme, the renderer
 * subscribed to the ForgeDocs, then the app's real frontend, which starts the reconciler.
 */
import './page.css';
import React from 'react';
import { createRoot } from 'react-dom/client';
import { setGlobalTheme } from '@atlaskit/tokens';
import { Page } from './page';
import '../../../src/frontend/index';

void setGlobalTheme({ colorMode: 'light' });

const container = document.getElementById('root');
if (!container) throw new Error('the page has no #root element');
createRoot(container).render(<Page />);
