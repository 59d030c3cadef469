// Fuzz target: loading a works register from GeoJSON through the field mapping
// (io/read_layer.hpp, works/map_fields.hpp).
// Input: a GeoJSON file, written to a per-process scratch directory as works.geojson.
// Optional header lines (stripped before writing): "#encoding=NAME" sets LayerSpec::encoding,
// e.g. "#encoding=CP932" for a Shift_JIS register; "#csv" writes works.csv instead (a
// spreadsheet export; a column named WKT holds geometry). The layer maps the Japanese columns
// of layers/works_sample.toml (id = 事業ID, name = 事業名, ...).
// Steps: read_layer → check_field_mapping → map_works (run even when the mapping check fails:
// map_works promises never to throw) and map_features.
// Outcomes allowed: ipmap::InputError from read_layer, ipmap::ConfigError from
// check_field_mapping. Invariants (abort on violation), from map_fields.hpp:
//  - no work is lost: one Work per record; ids non-empty and unique;
//  - every text of a work (name, id, owner, category, fy_work, extra columns) is valid UTF-8
//    without control, bidi or zero-width characters; names are at most 200 characters;
//  - progress in 0..100, years in 1900..2100 with end >= start, projects sorted in 1..3,
//    municipality codes 5 digits with a prefecture 01..47, no duplicates;
//  - every diagnostic line is valid UTF-8.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <set>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/errors.hpp"
#include "fuzz_support.hpp"
#include "io/read_layer.hpp"
#include "works/map_fields.hpp"

namespace {

using ipmap_fuzz::escaped;
using ipmap_fuzz::fail;

ipmap::LayerSpec works_spec(const std::string& source, const std::string& encoding) {
    ipmap::LayerSpec spec;
    spec.id = "works";
    spec.file = "works.toml";
    spec.kind = ipmap::LayerKind::Works;
    spec.source = source;
    spec.crs = "EPSG:6668";
    spec.encoding = encoding;
    spec.style = "works";
    spec.fields = {
        {"id", "事業ID"},        {"name", "事業名"},          {"owner", "事業主体"},
        {"category", "事業区分"}, {"start_fy", "着手年度"},     {"end_fy", "完成予定年度"},
        {"progress", "進捗率"},   {"status", "状態"},           {"fy_work", "当該年度事業内容"},
        {"municipalities", "市町村コード"}, {"projects", "対象プロジェクト"},
    };
    return spec;
}

void check_text(const ipmap::Work& w, const char* what, const std::string& text) {
    std::string why = ipmap_fuzz::check_clean_text(text);
    if (!why.empty()) fail("work '" + escaped(w.id) + "': " + what + " \"" + escaped(text) + "\": " + why);
}

void check_work(const ipmap::Work& w) {
    check_text(w, "id", w.id);
    check_text(w, "name", w.name);
    check_text(w, "owner", w.owner_label);
    check_text(w, "category", w.category);
    check_text(w, "fy_work", w.fy_work);
    for (const auto& [k, v] : w.extra) {
        // Column names are keys for {col:...}, never drawn: they need only be UTF-8.
        if (!ipmap_fuzz::is_valid_utf8(k)) fail("work '" + escaped(w.id) + "': column name is not UTF-8: " + escaped(k));
        check_text(w, ("extra column " + k).c_str(), v);
    }
    if (ipmap_fuzz::count_code_points(w.name) > 200)
        fail("work '" + escaped(w.id) + "': name longer than 200 characters");
    if (!w.name.empty() && (w.name.front() == ' ' || w.name.back() == ' '))
        fail("work '" + escaped(w.id) + "': name not trimmed: \"" + escaped(w.name) + "\"");
    if (w.progress && !(*w.progress >= 0 && *w.progress <= 100))
        fail("work '" + escaped(w.id) + "': progress " + std::to_string(*w.progress));
    for (const auto& y : {w.start_fy, w.end_fy})
        if (y && (*y < 1900 || *y > 2100)) fail("work '" + escaped(w.id) + "': year " + std::to_string(*y));
    if (w.start_fy && w.end_fy && *w.end_fy < *w.start_fy) fail("work '" + escaped(w.id) + "': end before start");
    if (!std::is_sorted(w.projects.begin(), w.projects.end()) ||
        std::adjacent_find(w.projects.begin(), w.projects.end()) != w.projects.end())
        fail("work '" + escaped(w.id) + "': projects not sorted and unique");
    for (int p : w.projects)
        if (p < 1 || p > 3) fail("work '" + escaped(w.id) + "': project " + std::to_string(p));
    std::set<std::string> codes;
    for (const auto& c : w.municipalities) {
        bool ok = c.size() == 5 && std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        int pref = ok ? (c[0] - '0') * 10 + (c[1] - '0') : 0;
        if (!ok || pref < 1 || pref > 47) fail("work '" + escaped(w.id) + "': municipality code \"" + escaped(c) + "\"");
        if (!codes.insert(c).second) fail("work '" + escaped(w.id) + "': duplicate municipality " + c);
    }
}

void check_diagnostics(const ipmap::Diagnostics& diag) {
    for (const auto& d : diag.items()) {
        std::string line = d.to_line();
        if (!ipmap_fuzz::is_valid_utf8(line)) fail("diagnostic is not UTF-8: " + escaped(line));
    }
}

void init_gdal_environment() {
    // Keep GDAL/PROJ off the network whatever the input says (a GeoJSON "crs" may name a URL).
    setenv("PROJ_NETWORK", "OFF", 1);
    setenv("GDAL_HTTP_PROXY", "127.0.0.1:9", 1);
    setenv("GDAL_HTTP_TIMEOUT", "1", 1);
    setenv("CPL_DEBUG", "OFF", 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 256 * 1024) return -1;
    static const bool initialised = (init_gdal_environment(), true);
    (void)initialised;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string encoding;
    std::string file_name = "works.geojson";
    for (;;) {  // header lines, in any order: "#encoding=NAME", "#csv"
        const std::string_view enc = "#encoding=", csv = "#csv\n";
        if (input.substr(0, csv.size()) == csv) {
            file_name = "works.csv";
            input.remove_prefix(csv.size());
        } else if (input.substr(0, enc.size()) == enc) {
            std::size_t eol = input.find('\n');
            if (eol == std::string_view::npos) return -1;
            encoding = std::string(input.substr(enc.size(), eol - enc.size()));
            input.remove_prefix(eol + 1);
            // The encoding comes from a TOML file, so it is valid UTF-8 there too.
            if (encoding.size() > 32 || !ipmap_fuzz::is_valid_utf8(encoding)) return -1;
        } else {
            break;
        }
    }
    const auto& dir = ipmap_fuzz::ScratchDir::get();
    const std::string path = dir.write(file_name, input);
    const ipmap::LayerSpec spec = works_spec(path, encoding);

    ipmap::Diagnostics diag;
    ipmap::RawLayer raw;
    try {
        raw = ipmap::read_layer(spec, diag);
    } catch (const ipmap::InputError& e) {
        if (ipmap_fuzz::verbose()) std::fprintf(stderr, "InputError: %s\n", e.what());
        if (!ipmap_fuzz::is_valid_utf8(e.what())) fail("InputError message is not UTF-8: " + escaped(e.what()));
        check_diagnostics(diag);
        return 0;
    } catch (const std::exception& e) {
        fail(std::string("read_layer threw ") + typeid(e).name() + " (not InputError): " + e.what());
    }
    for (const auto& c : raw.columns)
        if (!ipmap_fuzz::is_valid_utf8(c)) fail("column name is not UTF-8: " + escaped(c));
    if (raw.crs.empty()) fail("read_layer returned an empty CRS");

    try {
        ipmap::check_field_mapping(spec, raw.columns);
    } catch (const ipmap::ConfigError& e) {
        if (ipmap_fuzz::verbose()) std::fprintf(stderr, "ConfigError: %s\n", e.what());
        if (!ipmap_fuzz::is_valid_utf8(e.what())) fail("ConfigError message is not UTF-8: " + escaped(e.what()));
    } catch (const std::exception& e) {
        fail(std::string("check_field_mapping threw ") + typeid(e).name() + " (not ConfigError): " + e.what());
    }

    std::vector<ipmap::Work> works;
    try {
        works = ipmap::map_works(spec, raw, diag);
    } catch (const std::exception& e) {
        fail(std::string("map_works threw ") + typeid(e).name() + ": " + e.what());
    }
    if (works.size() != raw.records.size())
        fail("map_works lost works: " + std::to_string(raw.records.size()) + " records, " +
             std::to_string(works.size()) + " works");
    std::set<std::string> ids;
    for (const auto& w : works) {
        if (w.id.empty()) fail("work without id");
        if (!ids.insert(w.id).second) fail("duplicate work id '" + escaped(w.id) + "'");
        check_work(w);
    }
    check_diagnostics(diag);
    if (ipmap_fuzz::verbose()) {
        std::fprintf(stderr, "%zu works from %zu columns, %zu diagnostics\n", works.size(), raw.columns.size(),
                     diag.items().size());
        for (const auto& d : diag.items()) std::fprintf(stderr, "  %s\n", d.to_line().c_str());
    }

    ipmap::LayerSpec base = spec;
    base.kind = ipmap::LayerKind::Base;
    for (const auto& f : ipmap::map_features(base, raw))
        for (const auto& [k, v] : f.attrs)
            if (!ipmap_fuzz::is_valid_utf8(k) || !ipmap_fuzz::check_clean_text(v).empty())
                fail("feature attribute '" + escaped(k) + "' = \"" + escaped(v) + "\" is not clean text");
    return 0;
}
