// Where the bytes of the .wasm go: the code size of every function, grouped by the crate (and for
// Segmentti, the module) it comes from, read from the function names rustc leaves in the `name`
// section of the linker's output (target/wasm32-unknown-unknown/release/segmentti.wasm, before
// wasm-bindgen and wasm-opt strip the names). The shares carry over to the shipped file, which is
// the same code made smaller by wasm-opt.
//
//   import { codeByOrigin } from './wasm-size.mjs';
//   const { total, groups } = codeByOrigin(bytes);   // groups: [{ origin, bytes }], largest first
//
// Run by hand: node bench/wasm-size.mjs [path]

import { readFileSync } from 'node:fs';

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function name(bytes, at) {
  const [length, start] = leb(bytes, at);
  return [new TextDecoder().decode(bytes.subarray(start, start + length)), start + length];
}

/** The size of each function's code and its name, in function index order. */
function functions(bytes) {
  let imported = 0;
  let code = null;
  const names = new Map();
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    const end = start + size;
    if (id === 2) {
      // Imports: only imported functions take function indices before the module's own.
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        [, p] = name(bytes, p);
        [, p] = name(bytes, p);
        const kind = bytes[p++];
        if (kind === 0) {
          [, p] = leb(bytes, p);
          imported++;
        } else if (kind === 1) {
          p++;
          const [flags, q] = leb(bytes, p);
          [, p] = leb(bytes, q);
          if (flags & 1) [, p] = leb(bytes, p);
        } else if (kind === 2) {
          const [flags, q] = leb(bytes, p);
          [, p] = leb(bytes, q);
          if (flags & 1) [, p] = leb(bytes, p);
        } else {
          p += 2;
        }
      }
    } else if (id === 10) {
      code = [start, end];
    } else if (id === 0) {
      const [section, p0] = name(bytes, start);
      if (section === 'name') {
        for (let p = p0; p < end; ) {
          const kind = bytes[p];
          const [length, body] = leb(bytes, p + 1);
          if (kind === 1) {
            let [count, q] = leb(bytes, body);
            for (let i = 0; i < count; i++) {
              let index;
              let text;
              [index, q] = leb(bytes, q);
              [text, q] = name(bytes, q);
              names.set(index, text);
            }
          }
          p = body + length;
        }
      }
    }
    at = end;
  }
  if (!code) throw new Error('no code section');
  const out = [];
  let [count, p] = leb(bytes, code[0]);
  for (let i = 0; i < count; i++) {
    const [size, body] = leb(bytes, p);
    out.push({ bytes: body + size - p, name: names.get(imported + i) ?? '?' });
    p = body + size;
  }
  return out;
}

/** Rust's legacy symbol mangling (`_ZN…E`) made readable enough to group by. */
function demangle(symbol) {
  if (!symbol.startsWith('_ZN')) return symbol;
  const parts = [];
  for (let at = 3; /\d/.test(symbol[at] ?? ''); ) {
    const digits = /^\d+/.exec(symbol.slice(at))[0];
    at += digits.length;
    parts.push(symbol.slice(at, at + Number(digits)));
    at += Number(digits);
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
  return parts
    .join('::')
    .replaceAll('$LT$', '<')
    .replaceAll('$GT$', '>')
    .replaceAll('$u20$', ' ')
    .replaceAll('$C$', ',')
    .replaceAll('$RF$', '&')
    .replaceAll('..', '::');
}

/** The crate a function comes from; Segmentti's own split by module. */
function origin(symbol) {
  // A blanket implementation (`<T as tachys::view::Render>`) belongs to the trait's crate.
  const text = demangle(symbol)
    .replace(/^[_<&* ]+/, '')
    .replace(/^impl /, '')
    .replace(/^[A-Z]\w* as /, '');
  const own = /^segmentti::(\w+)(?:::(\w+))?/.exec(text);
  if (own) return ['ui', 'core'].includes(own[1]) && own[2] ? `segmentti::${own[1]}::${own[2]}` : `segmentti::${own[1]}`;
  const crate = /^(\w+)/.exec(text)?.[1] ?? '?';
  // Generic code of the standard library is compiled for the types that use it; name those.
  if (['core', 'alloc', 'std'].includes(crate)) {
    for (const user of ['segmentti::ui', 'segmentti::core', 'tachys', 'reactive_graph', 'serde']) {
      if (text.includes(user)) return `${crate} (for ${user})`;
    }
  }
  return crate;
}

/** The part of the app a group belongs to, for a short summary. */
export function layer(group) {
  if (/^segmentti::(ui|store)|^(tachys|reactive_graph|leptos\w*|web_sys|js_sys|wasm_bindgen\w*|gloo\w*|idb|send_wrapper|or_poisoned|any_spawner|throw_error)$|for (segmentti::ui|tachys|reactive_graph)/.test(group)) {
    return 'user interface (Leptos, pages, browser bindings)';
  }
  if (/^segmentti::(core|storage|sample|bench)|for segmentti::core/.test(group)) return 'product logic and storage format (core, storage)';
  if (/^(zip|zlib_rs|flate2|crc32fast|quick_xml|csv\w*|serde\w*|postcard|chrono|memchr|hashbrown|encoding_rs|itoa|ryu)$|for serde/.test(group)) {
    return 'libraries of the logic (zip, deflate, XML, CSV, serde, chrono)';
  }
  return 'standard library and other generic code';
}

export function codeByOrigin(bytes) {
  const all = functions(bytes);
  const sums = new Map();
  for (const f of all) {
    const key = origin(f.name);
    sums.set(key, (sums.get(key) ?? 0) + f.bytes);
  }
  const groups = [...sums].map(([key, size]) => ({ origin: key, bytes: size })).sort((a, b) => b.bytes - a.bytes);
  return { total: all.reduce((s, f) => s + f.bytes, 0), functions: all.length, groups };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2] ?? new URL('../target/wasm32-unknown-unknown/release/segmentti.wasm', import.meta.url).pathname;
  const { total, functions: count, groups } = codeByOrigin(readFileSync(path));
  console.log(`${count} functions, ${total.toLocaleString('en')} bytes of code`);
  for (const g of groups.slice(0, 30)) {
    console.log(`${g.bytes.toLocaleString('en').padStart(10)}  ${((100 * g.bytes) / total).toFixed(1).padStart(5)}%  ${g.origin}`);
  }
  const layers = new Map();
  for (const g of groups) layers.set(layer(g.origin), (layers.get(layer(g.origin)) ?? 0) + g.bytes);
  console.log('');
  for (const [name, size] of [...layers].sort((a, b) => b[1] - a[1])) {
    console.log(`${size.toLocaleString('en').padStart(10)}  ${((100 * size) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}
