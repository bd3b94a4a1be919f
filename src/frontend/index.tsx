import React from 'react';
import ForgeReconciler, { Text } from '@forge/react';

// PLACEHOLDER — replaced by the helper building the admin page.
const App = () => <Text>Token Health</Text>;

ForgeReconciler.render(
  <React.StrictMode>
    <App />
  </React.StrictMode>,
);
