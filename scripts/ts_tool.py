#!/usr/bin/env python3
"""Small helper for translations/*.ts (Qt Linguist files).

  ts_tool.py unfinished FILE.ts            print unfinished messages as TSV: context<TAB>source<TAB>
  ts_tool.py fill FILE.ts TSV [TSV...]     fill unfinished messages from TSV lines context<TAB>source<TAB>translation
                                           (context "*" matches any context)
  ts_tool.py identity FILE.ts              fill every message with its source text (the English file)

Plural messages (%n) get the same translation for every form unless the TSV
translation holds the forms separated by " || ".
"""
import sys
import xml.etree.ElementTree as ET


def load(path):
    tree = ET.parse(path)
    return tree, tree.getroot()


def save(tree, path):
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        f.write(body)
        f.write("\n")


def messages(root):
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            yield name, msg


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def unesc(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def set_translation(msg, text):
    tr = msg.find("translation")
    if tr is None:
        tr = ET.SubElement(msg, "translation")
    for child in list(tr):
        tr.remove(child)
    tr.attrib.pop("type", None)
    if msg.get("numerus") == "yes":
        forms = text.split(" || ")
        if len(forms) == 1:
            forms = forms * 2
        tr.text = None
        for form in forms:
            nf = ET.SubElement(tr, "numerusform")
            nf.text = form
    else:
        tr.text = text


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    cmd, path = argv[1], argv[2]
    tree, root = load(path)
    if cmd == "unfinished":
        for ctx, msg in messages(root):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") == "unfinished":
                print(f"{ctx}\t{esc(msg.findtext('source'))}\t")
        return 0
    if cmd == "identity":
        for ctx, msg in messages(root):
            tr = msg.find("translation")
            if tr is None or tr.get("type") == "unfinished" or not (tr.text or list(tr)):
                set_translation(msg, msg.findtext("source"))
        save(tree, path)
        return 0
    if cmd == "fill":
        table = {}
        for tsv in argv[3:]:
            with open(tsv, encoding="utf-8") as f:
                for line in f:
                    line = line.rstrip("\n")
                    if not line.strip() or line.startswith("#"):
                        continue
                    parts = line.split("\t")
                    if len(parts) < 3 or not parts[2]:
                        continue
                    table[(parts[0], unesc(parts[1]))] = unesc(parts[2])
        filled = missing = 0
        for ctx, msg in messages(root):
            tr = msg.find("translation")
            if tr is None or tr.get("type") != "unfinished":
                continue
            src = msg.findtext("source")
            text = table.get((ctx, src)) or table.get(("*", src))
            if text is None:
                missing += 1
                continue
            set_translation(msg, text)
            filled += 1
        save(tree, path)
        print(f"filled {filled}, still unfinished {missing}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
