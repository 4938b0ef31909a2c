// Runs a TypeScript bench without ts-node: compiles each .ts file with @swc/core on
// require and maps @app/<lib> to libs/<lib>/src. Usage: node bench/budget/run.js <file.ts>
const path = require('path');
const fs = require('fs');
const Module = require('module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@app\/([a-z0-9-]+)$/.exec(request);
  return resolve.call(this, m ? path.join(root, 'libs', m[1], 'src') : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(path.resolve(process.argv[2]));
