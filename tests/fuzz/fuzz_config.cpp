// Fuzz target: the map, style and layer loaders (config/map_spec.hpp).
// Input: up to three TOML files separated by form feed bytes (0x0C, "^L"):
//   map.toml ^L style.toml ^L works.toml
// They are written to a per-process scratch directory beside a fixed base.toml layer, so that
// a map naming style = "style.toml" and layers = ["base.toml", "works.toml"] resolves. A part
// left out is replaced by a valid default. Then load_map(map.toml), load_style(style.toml) and
// load_layer_spec(works.toml) run, each on its own.
// Outcomes allowed: a result, or ipmap::ConfigError (the only documented error), whose message
// is valid UTF-8 and names a file. Anything else aborts: another exception type, or a loaded
// spec that breaks what the loader promises (a template that does not format, an empty layer
// id, a works layer without a name mapping, a fiscal year outside 1900-2100, ...).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <set>
#include <stdexcept>
#include <string>
#include <typeinfo>

#include "classify/callout_text.hpp"
#include "config/map_spec.hpp"
#include "core/errors.hpp"
#include "fuzz_support.hpp"

namespace {

using ipmap_fuzz::escaped;
using ipmap_fuzz::fail;

constexpr char kSeparator = '\f';

constexpr const char* kDefaultStyle = R"([page]
font = "Noto Sans CJK JP"
[class.municipality]
fill = "#fbf8ef"
stroke = "#8c8670"
label_field = "name"
[owner.national]
color = "#c62828"
[status.in_progress]
dash_mm = [2.4, 1.0]
)";

constexpr const char* kDefaultWorksLayer = R"([layer]
id = "works"
kind = "works"
source = "works.geojson"
[fields]
id = "事業ID"
name = "事業名"
)";

constexpr const char* kBaseLayer = R"([layer]
id = "municipalities"
kind = "base"
source = "municipalities.geojson"
crs = "EPSG:6668"
[fields]
code = "code"
name = "name"
)";

void check_error(const char* loader, const ipmap::ConfigError& e) {
    const std::string msg = e.what();
    if (msg.empty() || e.file().empty()) fail(std::string(loader) + ": ConfigError without a file or message");
    if (!ipmap_fuzz::is_valid_utf8(msg)) fail(std::string(loader) + ": ConfigError message is not UTF-8: " + escaped(msg));
}

/// Runs one loader; ConfigError is an answer, any other exception a bug.
template <class F>
void guarded(const char* loader, F&& f) {
    try {
        f();
    } catch (const ipmap::ConfigError& e) {
        if (ipmap_fuzz::verbose()) std::fprintf(stderr, "%s: ConfigError: %s\n", loader, e.what());
        check_error(loader, e);
    } catch (const std::exception& e) {
        fail(std::string(loader) + " threw " + typeid(e).name() + " (not ConfigError): " + e.what());
    }
}

void check_layer(const ipmap::LayerSpec& l) {
    if (l.id.empty()) fail("loaded a layer without id from " + l.file);
    if (l.source.empty()) fail("loaded layer '" + l.id + "' without source");
    if (l.kind == ipmap::LayerKind::Works && !l.fields.count("name"))
        fail("loaded works layer '" + l.id + "' without a name mapping");
    if (l.force_crs && l.crs.empty()) fail("loaded layer '" + l.id + "' with force_crs but no crs");
}

void check_map(const ipmap::MapSpec& m) {
    if (m.name.empty() || m.name.find('/') != std::string::npos || m.name.find("..") != std::string::npos)
        fail("loaded a map whose name is not a plain file stem: " + escaped(m.name));
    if (m.fiscal_year && (*m.fiscal_year < 1900 || *m.fiscal_year > 2100))
        fail("loaded fiscal year " + std::to_string(*m.fiscal_year));
    if (m.layers.empty()) fail("loaded a map without layers");
    std::set<std::string> ids;
    for (const auto& l : m.layers) {
        check_layer(l);
        if (!ids.insert(l.id).second) fail("loaded two layers with id '" + l.id + "'");
    }
    if (!(m.page.width_mm > 0 && m.page.height_mm > 0)) fail("loaded a page without size");
    for (double v : {m.page.margin_top_mm, m.page.margin_right_mm, m.page.margin_bottom_mm, m.page.margin_left_mm})
        if (!(v >= 0)) fail("loaded a negative margin");
    if (!(m.callout.max_width_mm > 0)) fail("loaded callout.max_width_mm <= 0");
    if (!m.callout.for_no_geometry) fail("loaded a map that hides works without geometry");
    if (!m.municipality_layer.empty() && !m.find_layer(m.municipality_layer))
        fail("municipality_layer names no loaded layer");

    // The loader validated the template, so formatting must not throw.
    std::string why = ipmap::validate_template(m.callout.template_text);
    if (!why.empty()) fail("loaded an invalid callout template: " + why);
    ipmap::CalloutTemplate tpl{m.callout.template_text, m.wareki};
    ipmap::Work w;
    w.id = "K-001";
    w.name = "後志自動車道";
    w.start_fy = 2013;
    w.progress = 45.5;
    w.projects = {1, 3};
    ipmap::CalloutFields fields;
    fields.fiscal_year = m.fiscal_year.value_or(2024);
    try {
        std::string text = ipmap::format_callout(tpl, w, fields);
        if (!ipmap_fuzz::is_valid_utf8(text)) fail("callout text is not UTF-8: " + escaped(text));
    } catch (const std::exception& e) {
        fail(std::string("validated callout template does not format: ") + e.what());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 64 * 1024) return -1;
    const auto& dir = ipmap_fuzz::ScratchDir::get();
    const auto parts = ipmap_fuzz::split(std::string_view(reinterpret_cast<const char*>(data), size), kSeparator);

    const std::string map_path = dir.write("map.toml", parts[0]);
    const std::string style_path = dir.write("style.toml", parts.size() > 1 ? parts[1] : kDefaultStyle);
    const std::string works_path = dir.write("works.toml", parts.size() > 2 ? parts[2] : kDefaultWorksLayer);
    dir.write("base.toml", kBaseLayer);

    guarded("load_map", [&] { check_map(ipmap::load_map(map_path)); });
    guarded("load_style", [&] { ipmap::load_style(style_path); });
    guarded("load_layer_spec", [&] { check_layer(ipmap::load_layer_spec(works_path)); });
    return 0;
}
