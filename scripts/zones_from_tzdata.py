#!/usr/bin/env python3
"""Derives the [[zone]] table of questions/challenge.toml from the installed IANA tzdata.

For each zone: the POSIX TZ rule of its TZif footer (the rule in force for future years) and
`since`, the first year from which that rule alone reproduces every transition zdump lists up to
2037. Also prints test vectors (UTC second, offset) around each 2026 transition.
Run: python3 tools/zones_from_tzdata.py > /tmp/zones.txt   (needs tzdata and zdump)
"""
import calendar, re, subprocess, sys

ZONES = sys.argv[1:] or """UTC Europe/London Europe/Lisbon Europe/Zurich Europe/Paris Europe/Berlin
Europe/Amsterdam Europe/Rome Europe/Madrid Europe/Prague Europe/Warsaw Europe/Athens Europe/Helsinki
Europe/Bucharest Europe/Kyiv Europe/Moscow Europe/Istanbul Asia/Jerusalem Asia/Kolkata Asia/Karachi
Asia/Shanghai Asia/Taipei Asia/Tokyo Asia/Seoul Asia/Kuala_Lumpur Asia/Yerevan Australia/Melbourne
Australia/Sydney Pacific/Auckland America/New_York America/Chicago America/Denver America/Los_Angeles
America/Toronto America/Vancouver America/Sao_Paulo America/Santiago America/Mexico_City
America/Argentina/Buenos_Aires Africa/Johannesburg""".split()

def footer(zone):
    with open(f"/usr/share/zoneinfo/{zone}", "rb") as f:
        return f.read().rstrip(b"\n").rsplit(b"\n", 1)[-1].decode()

def parse_off(s):  # [+-]hh[:mm[:ss]] -> seconds
    sign = -1 if s.startswith("-") else 1
    parts = [int(p) for p in s.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])

def parse_rule(tz):
    m = re.fullmatch(r"(<[^>]+>|[A-Za-z]+)([+-]?[\d:]+)(?:(<[^>]+>|[A-Za-z]+)([+-]?[\d:]+)?,(M[\d.]+)(?:/([+-]?[\d:]+))?,(M[\d.]+)(?:/([+-]?[\d:]+))?)?", tz)
    if not m:
        raise SystemExit(f"cannot parse {tz}")
    std = -parse_off(m.group(2))
    if not m.group(3):
        return std, None
    dst = -parse_off(m.group(4)) if m.group(4) else std + 3600
    def mrule(r, t):
        mo, w, d = (int(x) for x in r[1:].split("."))
        return mo, w, d, parse_off(t) if t else 7200
    return std, (dst, mrule(m.group(5), m.group(6)), mrule(m.group(7), m.group(8)))

def mday(year, mo, w, d):
    first = calendar.weekday(year, mo, 1)  # Mon=0
    first_sun0 = (first + 1) % 7  # Sun=0
    day = 1 + (d - first_sun0) % 7 + (w - 1) * 7
    ndays = calendar.monthrange(year, mo)[1]
    while day > ndays:
        day -= 7
    return day

def predicted(std, dstinfo, year):
    if not dstinfo:
        return []
    dst, start, end = dstinfo
    out = []
    for (mo, w, d, t), before, after in ((start, std, dst), (end, dst, std)):
        day = mday(year, mo, w, d)
        local = calendar.timegm((year, mo, day, 0, 0, 0)) + t
        out.append((local - before, after))
    return sorted(out)

def actual(zone):
    out = subprocess.run(["zdump", "-v", "-c", "1970,2038", zone], capture_output=True, text=True).stdout
    trans = []
    lines = [l for l in out.splitlines() if " UT = " in l]
    for a, b in zip(lines[0::2], lines[1::2]):
        ut = re.search(r"  (\w+ \w+ +\d+ [\d:]+ \d+) UT", b).group(1)
        secs = calendar.timegm(__import__("time").strptime(ut, "%a %b %d %H:%M:%S %Y"))
        trans.append((secs, int(re.search(r"gmtoff=(-?\d+)", b).group(1))))
    return trans

for zone in ZONES:
    tz = footer(zone)
    std, dstinfo = parse_rule(tz)
    acts = actual(zone)
    since = 1970
    for y in range(2037, 1969, -1):
        lo = calendar.timegm((y, 1, 1, 0, 0, 0))
        want = [t for t in acts if t[0] >= lo]
        got = [t for yy in range(y, 2038) for t in predicted(std, dstinfo, yy)]
        # the offset in force at the start of the year must also be the rule's
        prior = [t for t in acts if t[0] < lo]
        if want != got:
            since = y + 1
            break
    print(f'{zone}\t{tz}\t{since}')
    y26 = calendar.timegm((2026, 1, 1, 0, 0, 0)); y27 = calendar.timegm((2027, 1, 1, 0, 0, 0))
    for secs, off in acts:
        if y26 <= secs < y27:
            print(f"  vector {zone} {secs} {off}")
