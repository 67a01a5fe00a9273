#!/usr/bin/env python3
"""Build resources/reference/mg_reference.json from the public CSV inputs.

Usage:
    python3 scripts/build_reference.py [--data-dir DIR] [--output FILE]
                                       [--version YYYY.MM.N] [--published YYYY-MM-DD]

Defaults: --data-dir resources/reference/inputs (the committed copy of the public CSV
inputs; refresh it from ../shared/data with scripts/refresh_reference_inputs.sh),
--output resources/reference/mg_reference.json, and the VERSION / PUBLISHED constants
below. Python 3 standard library only. The output is deterministic (no clock, no
environment): the same inputs and arguments always give the same bytes, which a test
checks against the committed file.

Bump VERSION (and PUBLISHED) whenever the data changes: the client installs a table only
when its revision is newer than the one it has.

Output schema (schema 1), UTF-8, LF line endings, one record per line:

{
  "schema": 1,                      # format of this file; readers refuse other values
  "version": "2026.11.1",           # YYYY.MM.N, shown to users
  "revision": 20261101,             # YYYY*10000 + MM*100 + N: compared to pick the newest table
  "published": "2026-11-22",        # ISO date
  "state": "MG",
  "sources": [ {"file", "origin", "note"} ],              # where the facts come from
  "macrorregioes": [ {"code", "name"} ],                  # 16, sorted by code
  "regioes": [ {"code", "name", "macro", "urs"} ],        # 89, sorted by code
  "urs": [ {"name", "aliases", "municipalities"} ],       # 28, sorted by name
  "municipalities": [                                     # 853, sorted by IBGE code
    {"ibge", "name", "urs", "regiao", "macro",
     "aliases"?: [...],            # older spellings (only when there are some)
     "ursUncertain"?: true}        # URS differs between the 2011 and 2025 sources
  ],
  "catalogues": {                   # name -> entries, in display order of the source
    "<name>": [ {"code", "label", "esus"?, "active"?: false, "month"?, "origin"?} ]
  }
}

Catalogues: esus_tipo_atividade_coletiva, esus_temas_para_saude, esus_publico_alvo,
esus_praticas_em_saude, esus_temas_para_reuniao (e-SUS APS Ficha de Atividade Coletiva code
lists; code = e-SUS code) and temas_mobilizacao (SES-MG mobilization themes; code = stable
project code from THEME_CODES below, "esus" = matching e-SUS TemasParaSaude code if any).
"""

import argparse
import csv
import json
import os
import re
import sys
import unicodedata

VERSION = "2026.11.1"
PUBLISHED = "2026-11-22"
STATE = "MG"

EXPECTED = {"municipalities": 853, "urs": 28, "regioes": 89, "macrorregioes": 16}

# URS aliases: names used by other sources for the same regional unit.
URS_ALIASES = {
    "Manhuaçu": ["Manhumirim"],
}

# Older spellings found in other sources, keyed by IBGE code (see the data README).
MUNICIPALITY_ALIASES = {
    "3108909": ["Brasópolis"],  # IBGE: Brazópolis
    "3122900": ["Dona Euzébia"],  # IBGE: Dona Eusébia
    "3162500": ["São João del-Rei"],  # IBGE: São João del Rei
    "3165206": ["São Tomé das Letras"],  # IBGE: São Thomé das Letras
}

# e-SUS domains -> catalogue names.
ESUS_CATALOGUES = {
    "TipoAtividadeColetiva": "esus_tipo_atividade_coletiva",
    "TemasParaSaude": "esus_temas_para_saude",
    "PublicoAlvo": "esus_publico_alvo",
    "PraticasEmSaude": "esus_praticas_em_saude",
    "TemasParaReuniao": "esus_temas_para_reuniao",
}

THEMES_CATALOGUE = "temas_mobilizacao"

# Stable codes of the mobilization themes, keyed by the start of the theme label (folded).
# A code never changes once published; a new theme in the CSV needs a new line here.
# The second value is the matching e-SUS TemasParaSaude code ("" when none fits).
THEME_CODES = [
    ("arboviroses", "arboviroses", "29"),
    ("promocao a saude", "promocao_saude", "1"),
    ("covid 19", "covid19", ""),
    ("vacinacao", "vacinacao", ""),
    ("rede cegonha", "materno_infantil", ""),
    ("saude do idoso", "saude_idoso", "8"),
    ("saude do homem", "saude_homem", ""),
    ("hepatites virais", "hepatites_virais", ""),
    ("uso de preservativos", "saude_sexual", "17"),
    ("hiv", "hiv_ist", "17"),
    ("cancer de mama", "cancer_mama", ""),
    ("saude mental", "saude_mental", "16"),
    ("hanseniase", "hanseniase", "19"),
    ("tuberculose", "tuberculose", "19"),
    ("tabagismo", "tabagismo", "7"),
    ("aleitamento materno", "aleitamento_materno", "31"),
    ("violencia contra a mulher", "violencia_mulher", "13"),
    ("doacao de sangue", "doacao_sangue", ""),
    ("seguranca no transito", "seguranca_transito", ""),
    ("autismo", "autismo", ""),
    ("doacao de orgaos", "doacao_orgaos", ""),
    ("prematuridade", "prematuridade", ""),
    ("cancer de pele", "cancer_pele", ""),
    ("outros", "outros", "21"),
]

SOURCES = [
    {
        "file": "mg_municipios.csv",
        "origin": "kelvins/municipios-brasileiros csv/municipios.csv (codigo_uf=31), commit 975a51d (2025-12)",
        "note": "853 municípios de MG, código IBGE de 7 dígitos. 3117836 (Cônego Marinho) e 3152131 "
        "(Ponto Chique) não seguem o dígito verificador do IBGE e são reais: valide por pertencimento.",
    },
    {
        "file": "mg_regionais.csv",
        "origin": "2011: dump de banco da SES-MG (LuizSD/ZuvtMe relatorios_subgr.sql); 2025/26: "
        "aplicativo de planejamento da SES-MG (ccj33/radaronline microregioes.ts, minas-munis-enriched.json)",
        "note": "Município → URS, região de saúde e macrorregião. Para 13 municípios a URS diverge "
        "entre 2011 e 2025 (ursUncertain): confirmar com a SES-MG.",
    },
    {
        "file": "mg_regioes_saude.csv",
        "origin": "ccj33/radaronline",
        "note": "89 regiões de saúde (31001–31102) e 16 macrorregiões (3101–3116).",
    },
    {
        "file": "mg_urs.csv",
        "origin": "derivado",
        "note": "28 URS. A fonte de 2025 diz Manhuaçu; a de 2011 e notícias da SES-MG dizem "
        "Manhumirim (mantido como alias).",
    },
    {
        "file": "esus_atividade_coletiva_dicionario.csv",
        "origin": "laboratoriobridge/esusab-integracao ledi/documentacao/referencias/dicionario.html",
        "note": "Listas de códigos da Ficha de Atividade Coletiva do e-SUS APS.",
    },
    {
        "file": "mobilizacao_temas_sugeridos.csv",
        "origin": "notícias da SES-MG e leis federais",
        "note": "Temas de mobilização sugeridos; códigos estáveis atribuídos pelo projeto.",
    },
]


class BuildError(Exception):
    pass


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def read_csv(data_dir, name):
    path = os.path.join(data_dir, name)
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        raise BuildError(f"cannot read {path}: {e}")


def require(cond, message):
    if not cond:
        raise BuildError(message)


def parse_version(version):
    m = re.fullmatch(r"(\d{4})\.(\d{1,2})\.(\d{1,2})", version)
    require(m is not None, f"version {version!r} is not YYYY.MM.N")
    year, month, n = (int(g) for g in m.groups())
    require(1 <= month <= 12 and n < 100, f"version {version!r} is out of range")
    return year * 10000 + month * 100 + n


def build(data_dir, version, published):
    require(re.fullmatch(r"\d{4}-\d{2}-\d{2}", published), f"published {published!r} is not YYYY-MM-DD")
    names = {r["ibge_code"]: r["name"] for r in read_csv(data_dir, "mg_municipios.csv")}
    regionais = read_csv(data_dir, "mg_regionais.csv")
    regioes_rows = read_csv(data_dir, "mg_regioes_saude.csv")
    urs_rows = read_csv(data_dir, "mg_urs.csv")

    # Macrorregiões and regiões de saúde.
    macros = {}
    regioes = {}
    for r in regioes_rows:
        code = r["regiao_saude_codigo"]
        require(code not in regioes, f"duplicate região {code}")
        macro = r["macrorregiao_codigo"]
        require(macros.get(macro, r["macrorregiao"]) == r["macrorregiao"], f"macro {macro} has two names")
        macros[macro] = r["macrorregiao"]
        regioes[code] = {"code": code, "name": r["regiao_saude"], "macro": macro, "urs": r["urs"]}

    # Municipalities.
    municipalities = []
    urs_count = {}
    for r in regionais:
        ibge = r["ibge_code"]
        require(re.fullmatch(r"31\d{5}", ibge), f"bad IBGE code {ibge!r}")
        require(ibge in names, f"{ibge} is missing from mg_municipios.csv")
        require(names[ibge] == r["municipio"], f"{ibge}: names differ between the CSV files")
        regiao = regioes.get(r["regiao_saude_codigo"])
        require(regiao is not None, f"{ibge}: unknown região {r['regiao_saude_codigo']}")
        require(regiao["macro"] == r["macrorregiao_codigo"], f"{ibge}: macro differs from its região's")
        require(regiao["urs"] == r["urs"], f"{ibge}: URS differs from its região's")
        require(r["urs_status"] in ("concordam_2011_2025", "divergem_verificar"), f"{ibge}: bad urs_status")
        m = {
            "ibge": ibge,
            "name": names[ibge],
            "urs": r["urs"],
            "regiao": regiao["code"],
            "macro": regiao["macro"],
        }
        if ibge in MUNICIPALITY_ALIASES:
            m["aliases"] = MUNICIPALITY_ALIASES[ibge]
        if r["urs_status"] == "divergem_verificar":
            m["ursUncertain"] = True
        municipalities.append(m)
        urs_count[r["urs"]] = urs_count.get(r["urs"], 0) + 1
    require(len({m["ibge"] for m in municipalities}) == len(municipalities), "duplicate IBGE codes")
    require(set(names) == {m["ibge"] for m in municipalities}, "the municipality lists differ")
    for alias_code in MUNICIPALITY_ALIASES:
        require(alias_code in names, f"alias for unknown municipality {alias_code}")

    # URS: the 2025 names; the 2011-only name becomes an alias.
    expected_counts = {r["urs"]: int(r["municipios_2025"]) for r in urs_rows}
    urs = []
    for name in sorted(urs_count, key=fold):
        require(expected_counts.get(name) == urs_count[name], f"URS {name}: count differs from mg_urs.csv")
        urs.append({"name": name, "aliases": URS_ALIASES.get(name, []), "municipalities": urs_count[name]})
    for name, count in expected_counts.items():
        if count > 0:
            require(name in urs_count, f"URS {name} has no municipality")
        else:
            require(any(name in a for a in URS_ALIASES.values()), f"URS {name} (2011 only) needs an alias")

    # Catalogues.
    catalogues = {}
    for r in read_csv(data_dir, "esus_atividade_coletiva_dicionario.csv"):
        name = ESUS_CATALOGUES.get(r["dominio"])
        require(name is not None, f"unknown e-SUS domain {r['dominio']!r}")
        entries = catalogues.setdefault(name, [])
        require(all(e["code"] != r["codigo"] for e in entries), f"{name}: duplicate code {r['codigo']}")
        entries.append({"code": r["codigo"], "label": r["descricao"], "esus": r["codigo"]})
    esus_temas = {e["code"] for e in catalogues.get("esus_temas_para_saude", [])}
    themes = []
    for r in read_csv(data_dir, "mobilizacao_temas_sugeridos.csv"):
        key = fold(r["tema"])
        match = [(c, e) for prefix, c, e in THEME_CODES if key.startswith(prefix)]
        require(len(match) == 1, f"theme {r['tema']!r} needs exactly one stable code in THEME_CODES")
        code, esus = match[0]
        require(all(t["code"] != code for t in themes), f"theme code {code} used twice")
        require(esus == "" or esus in esus_temas, f"theme {code}: unknown e-SUS code {esus}")
        entry = {"code": code, "label": r["tema"]}
        if esus:
            entry["esus"] = esus
        if r["mes_referencia"]:
            entry["month"] = r["mes_referencia"]
        entry["origin"] = r["origem"]
        themes.append(entry)
    catalogues[THEMES_CATALOGUE] = themes

    counts = {
        "municipalities": len(municipalities),
        "urs": len(urs),
        "regioes": len(regioes),
        "macrorregioes": len(macros),
    }
    for key, n in EXPECTED.items():
        require(counts[key] == n, f"expected {n} {key}, found {counts[key]}")

    return {
        "schema": 1,
        "version": version,
        "revision": parse_version(version),
        "published": published,
        "state": STATE,
        "sources": SOURCES,
        "macrorregioes": [{"code": c, "name": macros[c]} for c in sorted(macros)],
        "regioes": [regioes[c] for c in sorted(regioes)],
        "urs": urs,
        "municipalities": sorted(municipalities, key=lambda m: m["ibge"]),
        "catalogues": {k: catalogues[k] for k in sorted(catalogues)},
    }


def dumps_record(value):
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def render(doc):
    """Top-level keys one per line, list items one record per line (diff-friendly)."""
    out = ["{"]
    keys = list(doc)
    for i, key in enumerate(keys):
        comma = "," if i + 1 < len(keys) else ""
        value = doc[key]
        if isinstance(value, list):
            out.append(f'  "{key}": [')
            out += [f"    {dumps_record(v)}" + ("," if j + 1 < len(value) else "") for j, v in enumerate(value)]
            out.append("  ]" + comma)
        elif isinstance(value, dict):
            out.append(f'  "{key}": {{')
            names = list(value)
            for j, name in enumerate(names):
                entries = value[name]
                out.append(f'    "{name}": [')
                out += [
                    f"      {dumps_record(e)}" + ("," if k + 1 < len(entries) else "")
                    for k, e in enumerate(entries)
                ]
                out.append("    ]" + ("," if j + 1 < len(names) else ""))
            out.append("  }" + comma)
        else:
            out.append(f'  "{key}": {dumps_record(value)}{comma}')
    out.append("}")
    return "\n".join(out) + "\n"


def main(argv=None):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", default=os.path.join(root, "resources", "reference", "inputs"))
    parser.add_argument("--output", default=os.path.join(root, "resources", "reference", "mg_reference.json"))
    parser.add_argument("--version", default=VERSION)
    parser.add_argument("--published", default=PUBLISHED)
    args = parser.parse_args(argv)
    try:
        doc = build(os.path.normpath(args.data_dir), args.version, args.published)
    except BuildError as e:
        print(f"build_reference.py: error: {e}", file=sys.stderr)
        return 1
    text = render(doc)
    json.loads(text)  # the renderer must produce valid JSON
    if args.output == "-":
        sys.stdout.write(text)
    else:
        tmp = args.output + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, args.output)
        print(f"wrote {args.output}: {len(doc['municipalities'])} municipalities, revision {doc['revision']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
