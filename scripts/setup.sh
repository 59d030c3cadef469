#!/usr/bin/env bash
# Installs ipmap's build and test dependencies from Debian packages (idempotent),
# then configures and builds into build/.
#   scripts/setup.sh            install + configure + build (Release)
#   IPMAP_SKIP_BUILD=1 scripts/setup.sh   install only
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  build-essential cmake pkg-config ninja-build
  libgdal-dev gdal-bin          # OGR sources (GeoPackage, GeoJSON, CSV, ...)
  libproj-dev proj-bin          # reprojection; cs2cs is the reference in tests
  libgeos-dev                   # GEOS C API: MakeValid, STRtree, prepared geometries
  libcairo2-dev libpango1.0-dev libharfbuzz-dev libfontconfig-dev
  libpng-dev                    # PNG output at a fast zlib level
  fonts-noto-cjk                # Noto Sans CJK JP, embedded into PDFs
  fonts-noto-core               # Noto Sans: Latin letters and digits (styles/progress.toml)
  libcli11-dev catch2 libtomlplusplus-dev libfmt-dev nlohmann-json3-dev
  libpoppler-glib-dev           # combines sheet PDFs into the atlas document (vector, text kept)
  libqpdf-dev                   # puts the atlas's contents pages first without re-drawing the sheets
  poppler-utils                 # pdftotext / pdffonts / pdftoppm in end-to-end tests
  python3                       # end-to-end tests read the reports and indexes
  bsdutils                      # `script`: a pseudo-terminal for the progress-bar test
  clang libclang-rt-14-dev      # libFuzzer and sanitizer runtimes for scripts/fuzz.sh
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi

if [ "${IPMAP_SKIP_BUILD:-0}" != "1" ]; then
  cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE="${IPMAP_BUILD_TYPE:-Release}"
  cmake --build "$here/build" -j "$(nproc)"
fi
