// Classic worker script for the PDF module (crates/pdf/src/bin/pdf_worker.rs). Trunk's own loader
// shim is not used: an init failure (404, offline without cache) must reach the page as a message,
// not stay an unhandled rejection inside the worker.
//
// Each request is served in turn: the module names the font files its text needs and has not
// loaded (fonts_needed); they are fetched from this build's fonts/ folder (the service worker
// answers offline) and handed over (add_font); then the module answers (handle). A font that
// cannot be fetched is skipped: the PDF is made without it and its warning says so.
'use strict';
importScripts('./pdf-worker.js');

async function serve(data) {
  let files = [];
  try {
    files = Array.from(wasm_bindgen.fonts_needed(data));
  } catch (error) {
    files = [];
  }
  for (const file of files) {
    try {
      const response = await fetch(`./fonts/${file}`);
      if (response.ok) wasm_bindgen.add_font(file, new Uint8Array(await response.arrayBuffer()));
    } catch (error) {
      // Offline and not stored, or not this version's file: the PDF's warning names what is missing.
    }
  }
  wasm_bindgen.handle(data);
}

wasm_bindgen({ module_or_path: './pdf-worker_bg.wasm' })
  .then(() => {
    let queue = Promise.resolve();
    self.onmessage = (event) => {
      queue = queue.then(() => serve(event.data)).catch((error) => {
        self.postMessage({ type: 'error', message: `the PDF module failed (${error})` });
      });
    };
    self.postMessage({ type: 'ready' });
  })
  .catch((error) => {
    self.postMessage({ type: 'init-error', message: String(error) });
  });
