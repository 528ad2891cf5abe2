/**
 * The second run of the DynamoDB suites (`npm run test:dynamodb-local`, on AWS's DynamoDB Local). The
 * suites are chosen with `--findRelatedTests local/engines/local-dynamodb.ts`: every suite that imports
 * the engine module, directly or through any chain of imports, so a new DynamoDB suite joins by itself.
 * Jest can follow those chains only through files under its roots, hence the source folders here.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test', '<rootDir>/lambdas', '<rootDir>/local', '<rootDir>/bench'],
};
