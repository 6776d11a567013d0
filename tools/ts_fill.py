"""Fill unfinished messages of a .ts from other .ts files (by context and source, else by source) and a JSON
{source: translation}; plural (numerus) translations are copied whole. tools/i18n.sh runs it after lupdate with
the .ts as it was, so a message lupdate re-marks (a moved context, a plural it does not recognise) keeps its
translation. Also handy after merging two branches' .ts files.

Usage: ts_fill.py TARGET.ts [--from OTHER.ts ...] [--json FILE]   prints what is still unfinished."""
import copy
import json
import sys
import xml.etree.ElementTree as ET

args = sys.argv[1:]
target = args.pop(0)
sources, manual = [], {}
while args:
    a = args.pop(0)
    if a == "--from":
        sources.append(args.pop(0))
    elif a == "--json":
        with open(args.pop(0), encoding="utf-8") as fh:
            manual.update(json.load(fh))
known = {}
for f in sources:
    for ctx in ET.parse(f).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            t = m.find("translation")
            if t is None or t.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if list(t):  # numerus forms: keep the element
                known[(name, m.findtext("source"))] = t
            elif (t.text or "").strip():
                known[(name, m.findtext("source"))] = t.text
tree = ET.parse(target)
left = []
for ctx in tree.getroot().iter("context"):
    name = ctx.findtext("name")
    for m in ctx.iter("message"):
        t = m.find("translation")
        if t is None or t.get("type") != "unfinished":
            continue
        src = m.findtext("source")
        val = known.get((name, src)) or manual.get(src)
        if val is None:
            val = next((v for (c, s), v in known.items() if s == src), None)
        if val is not None and not isinstance(val, str):
            m.remove(t)
            m.append(copy.deepcopy(val))
            m.set("numerus", "yes")
        elif val is not None:
            t.text = val
            del t.attrib["type"]
        else:
            left.append((name, src))
tree.write(target, encoding="utf-8", xml_declaration=True)
with open(target, "r+", encoding="utf-8") as fh:  # keep lupdate's doctype line
    body = fh.read()
    if "<!DOCTYPE TS>" not in body:
        body = body.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
    fh.seek(0)
    fh.write(body)
    fh.truncate()
for c, s in left:
    print(f"UNFINISHED {c}: {s}")
