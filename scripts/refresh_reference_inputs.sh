#!/usr/bin/env bash
# Copies the public CSV inputs of the reference table (and their README with
# origins and caveats) from the shared data folder into the repository, so
# scripts/build_reference.py and test_reference work on any machine.
# Usage: scripts/refresh_reference_inputs.sh [DIR]   (default: ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-../shared/data}
dst=resources/reference/inputs
files=(README.md mg_municipios.csv mg_regionais.csv mg_regioes_saude.csv mg_urs.csv
       esus_atividade_coletiva_dicionario.csv mobilizacao_temas_sugeridos.csv)
for f in "${files[@]}"; do
  [ -f "$src/$f" ] || { echo "error: $src/$f not found" >&2; exit 1; }
done
mkdir -p "$dst"
for f in "${files[@]}"; do cp "$src/$f" "$dst/$f"; done
# The national table (apoio program) is embedded as it is: no build step.
for f in br_municipios.csv br_estados.csv; do
  [ -f "$src/$f" ] || { echo "error: $src/$f not found" >&2; exit 1; }
  cp "$src/$f" "resources/reference/$f"
done
echo "copied ${#files[@]} files into $dst and the national table into resources/reference;"
echo "now run: python3 scripts/build_reference.py"
