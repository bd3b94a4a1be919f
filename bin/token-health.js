#!/usr/bin/env node
'use strict';
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch {
  process.stderr.write(
    'token-health: not built yet; run "npm install" (or "npm run build") first\n',
  );
  process.exit(3);
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
