#!/usr/bin/env python3
"""Sums `twiggy top -f csv <linked wasm>` by crate and by module of the app (BENCHMARKS.md, issue #16).
Usage: twiggy top -f csv target/wasm32-unknown-unknown/release/ti-assess.wasm > top.csv; python3 scripts/anatomy.py top.csv"""
import csv, re, sys, collections
rows = list(csv.DictReader(open(sys.argv[1])))
crates = collections.Counter(); views = collections.Counter(); total = 0
for r in rows:
    n = r['Name']; s = int(r['ShallowSize'])
    if 'function names' in n or n.startswith('custom section'): continue
    total += s
    if 'describe' in n and 'bindgen' in n: crates['wasm-bindgen describe (dropped by wasm-bindgen)'] += s; continue
    if n.startswith('data segment') or n.startswith('data['): crates['data segments'] += s; continue
    m = re.search(r'([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::', n)
    g = m.group(1) if m else 'other'
    if g in ('T', 'alloc') and m:  # <T as crate::…>
        m2 = re.search(r' as ([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::', n)
        if m2: g = m2.group(1)
    crates[g] += s
    v = re.search(r'ti_assess(?:\[[0-9a-f]+\])?::(ui|web)::([a-z_]+)', n)
    if v: views[f'{v.group(1)}::{v.group(2)}'] += s
print(f'total code+data {total}')
for g, s in crates.most_common(22): print(f'{g:50s} {s:9d} {100*s/total:5.1f} %')
print('-- by module of the app')
for g, s in views.most_common(20): print(f'{g:50s} {s:9d} {100*s/total:5.1f} %')
