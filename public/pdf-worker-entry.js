// Classic worker script for the PDF module (src/bin/pdf_worker.rs). Trunk's own loader shim is
// not used: an init failure (404, offline without cache) must reach the page as a message, not
// stay an unhandled rejection inside the worker.
'use strict';
importScripts('./pdf-worker.js');
wasm_bindgen({ module_or_path: './pdf-worker_bg.wasm' })
  .then(() => {
    wasm_bindgen.start();
    self.postMessage({ type: 'ready' });
  })
  .catch((error) => {
    self.postMessage({ type: 'init-error', message: String(error) });
  });
