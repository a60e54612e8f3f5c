#!/usr/bin/env python3
"""Regenerates Sources/ReturnsNetwork/Countries.swift from a GeoNames countries.csv
(columns iso2,iso3,name,continent,capital,population,currency,eu_member)."""
import csv, sys
src = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/countries.csv'
rows = list(csv.DictReader(open(src)))
out = ['// Generated from GeoNames country info (geonames.org, CC BY 4.0); EU customs-union membership added by hand.',
       '// Regenerate with Scripts/gen-countries.py.', '',
       '/// ISO 3166-1 alpha-2 codes known to Boomerang, with names, EU customs-union membership, currency and continent.',
       'public enum Countries {',
       '    /// Every known country: code → (name, member of the EU customs union, ISO 4217 currency, continent code',
       '    /// AF, AN, AS, EU, NA, OC or SA).',
       '    public static let all: [String: (name: String, eu: Bool, currency: String, continent: String)] = [']
for r in rows:
    name = r['name'].replace('"', '\\"')
    out.append(f'        "{r["iso2"]}": ("{name}", {"true" if r["eu_member"] == "yes" else "false"}, "{r["currency"]}", "{r["continent"]}"),')
out += ['    ]', '', '    /// Whether `code` is a known ISO 3166-1 alpha-2 code.',
        '    public static func isKnown(_ code: String) -> Bool { all[code] != nil }', '',
        '    /// Whether `code` belongs to the EU customs union.',
        '    public static func isEU(_ code: String) -> Bool { all[code]?.eu ?? false }', '',
        '    /// The currency of `code` (ISO 4217), nil for an unknown country or one without its own.',
        '    public static func currency(of code: String) -> String? { all[code].flatMap { $0.currency.isEmpty ? nil : $0.currency } }', '}']
open('Sources/ReturnsNetwork/Countries.swift', 'w').write('\n'.join(out) + '\n')
