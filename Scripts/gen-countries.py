#!/usr/bin/env python3
"""Regenerates Sources/ReturnsNetwork/Countries.swift from a GeoNames countries.csv
(columns iso2,iso3,name,continent,capital,population,currency,eu_member)."""
import csv, sys
src = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/countries.csv'
rows = list(csv.DictReader(open(src)))
out = ['// Generated from GeoNames country info (geonames.org, CC BY 4.0); EU customs-union membership added by hand.',
       '// Regenerate with Scripts/gen-countries.py.', '',
       '/// ISO 3166-1 alpha-2 codes known to Boomerang, with names and EU customs-union membership.',
       'public enum Countries {', '    /// Every known country: code → (name, member of the EU customs union).',
       '    public static let all: [String: (name: String, eu: Bool)] = [']
for r in rows:
    name = r['name'].replace('"', '\\"')
    out.append(f'        "{r["iso2"]}": ("{name}", {"true" if r["eu_member"] == "yes" else "false"}),')
out += ['    ]', '', '    /// Whether `code` is a known ISO 3166-1 alpha-2 code.',
        '    public static func isKnown(_ code: String) -> Bool { all[code] != nil }', '',
        '    /// Whether `code` belongs to the EU customs union.',
        '    public static func isEU(_ code: String) -> Bool { all[code]?.eu ?? false }', '}']
open('Sources/ReturnsNetwork/Countries.swift', 'w').write('\n'.join(out) + '\n')
