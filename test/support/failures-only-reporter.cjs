// `npm test` prints the files that fail (with their messages and console output) and the
// summary: a passing file is one line less to scroll past when something is wrong.
'use strict';

const { DefaultReporter } = require('@jest/reporters');

const failed = (result) =>
  result.numFailingTests > 0 || Boolean(result.testExecError) || Boolean(result.failureMessage);

class FailuresOnlyReporter extends DefaultReporter {
  printTestFileHeader(testPath, config, result) {
    if (failed(result)) super.printTestFileHeader(testPath, config, result);
  }
}

module.exports = FailuresOnlyReporter;
