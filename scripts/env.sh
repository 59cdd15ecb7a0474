# Sourced by the scripts: puts the project's tools first on PATH (wasm-opt from npm's binaryen,
# never Debian's; cargo-installed trunk and wasm-bindgen).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
