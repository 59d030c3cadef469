#include <set>
#include <stdexcept>

#include "classify/callout_text.hpp"
#include "classify/fiscal_year.hpp"
#include "config/map_spec.hpp"
#include "config/toml_reader.hpp"

namespace ipmap {

using config_detail::read_callout_show;
using config_detail::TomlReader;

std::pair<double, double> paper_size_mm(const std::string& name) {
    if (name == "A0") return {841, 1189};
    if (name == "A1") return {594, 841};
    if (name == "A2") return {420, 594};
    if (name == "A3") return {297, 420};
    if (name == "A4") return {210, 297};
    throw std::invalid_argument("unknown page size \"" + name + "\" (A0, A1, A2, A3 or A4)");
}

namespace {

void read_page(const TomlReader& r, PageSpec& page) {
    r.only({"size", "orientation", "margins_mm"});
    page.size = r.str("size", page.size);
    std::pair<double, double> wh;
    try {
        wh = paper_size_mm(page.size);
    } catch (const std::invalid_argument& e) {
        r.fail("size", e.what());
    }
    std::string orientation = r.str("orientation", "landscape");
    if (orientation != "landscape" && orientation != "portrait")
        r.fail("orientation", "expected \"landscape\" or \"portrait\"");
    page.landscape = orientation == "landscape";
    page.width_mm = page.landscape ? wh.second : wh.first;
    page.height_mm = page.landscape ? wh.first : wh.second;
    if (r.has("margins_mm")) {
        std::vector<double> m;
        if (r.table().get("margins_mm")->is_number()) m = {r.num("margins_mm", 10)};
        else m = r.numbers("margins_mm");
        if (m.size() == 1) m = {m[0], m[0], m[0], m[0]};
        if (m.size() != 4) r.fail("margins_mm", "expected one number or [top, right, bottom, left]");
        for (double v : m)
            if (v < 0 || v > std::min(page.width_mm, page.height_mm) / 4) r.fail("margins_mm", "margin out of range");
        page.margin_top_mm = m[0];
        page.margin_right_mm = m[1];
        page.margin_bottom_mm = m[2];
        page.margin_left_mm = m[3];
    }
}

void read_callout(const TomlReader& r, CalloutSpec& c) {
    r.only({"template", "max_width_mm", "show", "too_small_mm", "bracket_all_municipalities"});
    c.template_text = r.str("template", c.template_text);
    if (std::string why = validate_template(c.template_text); !why.empty()) r.fail("template", why);
    c.max_width_mm = r.positive("max_width_mm", c.max_width_mm);
    c.too_small_mm = r.num("too_small_mm", c.too_small_mm);
    c.bracket_all_municipalities = r.boolean("bracket_all_municipalities", c.bracket_all_municipalities);
    read_callout_show(r, c);
}

}  // namespace

MapSpec load_map(const std::string& path) {
    toml::table root = config_detail::parse_toml_file(path);
    TomlReader top(path, root);
    top.only({"map", "page", "extent", "inset", "legend", "callout", "atlas"});
    if (!top.has("map")) throw ConfigError(path, 1, "map", "missing [map] table");

    MapSpec m;
    m.file = path;
    TomlReader r = top.sub("map");
    r.only({"name", "title", "subtitle", "fiscal_year", "full_width_digits", "crs", "style", "source_note",
            "credits", "layers", "municipality_layer"});
    m.name = r.str("name", m.name);
    if (m.name.empty() || m.name.find('/') != std::string::npos || m.name.find("..") != std::string::npos)
        r.fail("name", "must be a plain file name stem");
    m.title = r.str("title");
    m.subtitle = r.str("subtitle", "{fiscal_year}");
    m.source_note = r.str("source_note", m.source_note);
    m.credits = r.str("credits");
    m.wareki.full_width_digits = r.boolean("full_width_digits", false);
    if (r.has("fiscal_year")) {
        const toml::node* n = root["map"]["fiscal_year"].node();
        std::string text = n->is_integer() ? std::to_string(*n->value<int64_t>()) : r.str("fiscal_year");
        std::string why;
        m.fiscal_year = parse_fiscal_year(text, &why);
        if (!m.fiscal_year) r.fail("fiscal_year", "\"" + text + "\" is not a fiscal year: " + why);
    }
    m.crs = r.str("crs", m.crs);

    std::string style_path = r.path("style");
    if (style_path.empty()) r.fail("style", "missing style (path of a styles/*.toml file)");
    m.style = load_style(style_path);

    if (!r.has("layers")) r.fail("layers", "missing layers = [ ... ] (paths of layers/*.toml, bottom first)");
    const toml::array* layers = root["map"]["layers"].as_array();
    if (!layers || layers->empty()) r.fail("layers", "expected a non-empty array of layer file paths");
    std::set<std::string> ids;
    for (const auto& e : *layers) {
        auto p = e.value<std::string>();
        if (!p) r.fail("layers", "expected an array of strings");
        LayerSpec spec = load_layer_spec(r.resolve(*p));
        if (!ids.insert(spec.id).second) r.fail("layers", "layer id \"" + spec.id + "\" is used twice");
        m.layers.push_back(std::move(spec));
    }
    m.municipality_layer = r.str("municipality_layer");
    if (!m.municipality_layer.empty() && !m.find_layer(m.municipality_layer))
        r.fail("municipality_layer", "no layer with id \"" + m.municipality_layer + "\" in layers");

    read_page(top.sub("page"), m.page);

    TomlReader ext = top.sub("extent");
    ext.only({"layer", "filter", "padding_percent", "bbox", "bbox_crs"});
    m.extent.layer = ext.str("layer", m.municipality_layer);
    m.extent.filter = ext.str("filter");
    m.extent.padding_percent = ext.num("padding_percent", m.extent.padding_percent);
    if (ext.has("bbox")) {
        auto b = ext.numbers("bbox");
        if (b.size() != 4 || !(b[0] < b[2]) || !(b[1] < b[3]))
            ext.fail("bbox", "expected [minx, miny, maxx, maxy] with min < max");
        m.extent.bbox = Box{b[0], b[1], b[2], b[3]};
    }
    m.extent.bbox_crs = ext.str("bbox_crs", m.extent.bbox_crs);
    if (!m.extent.bbox && !m.extent.layer.empty() && !m.find_layer(m.extent.layer))
        ext.fail("layer", "no layer with id \"" + m.extent.layer + "\" in map.layers");
    if (!m.extent.bbox && m.extent.layer.empty())
        ext.fail("layer", "set extent.layer, extent.bbox or map.municipality_layer");

    TomlReader inset = top.sub("inset");
    inset.only({"enabled", "layer", "corner", "width_mm", "height_mm"});
    m.inset.enabled = inset.boolean("enabled", inset.has("layer"));
    m.inset.layer = inset.str("layer");
    m.inset.corner = inset.str("corner", m.inset.corner);
    m.inset.width_mm = inset.positive("width_mm", m.inset.width_mm);
    m.inset.height_mm = inset.positive("height_mm", m.inset.height_mm);
    if (m.inset.enabled && !m.find_layer(m.inset.layer))
        inset.fail("layer", "no layer with id \"" + m.inset.layer + "\" in map.layers");
    static const std::set<std::string> corners{"top-left", "top-right", "bottom-left", "bottom-right"};
    if (!corners.count(m.inset.corner)) inset.fail("corner", "expected top-left, top-right, bottom-left or bottom-right");

    TomlReader legend = top.sub("legend");
    legend.only({"corner"});
    m.legend.corner = legend.str("corner", m.legend.corner);
    if (!corners.count(m.legend.corner)) legend.fail("corner", "expected top-left, top-right, bottom-left or bottom-right");
    if (m.inset.enabled && m.legend.corner == m.inset.corner) legend.fail("corner", "legend and inset share a corner");

    read_callout(top.sub("callout"), m.callout);

    TomlReader atlas = top.sub("atlas");
    atlas.only({"layer", "id_field", "name_field", "padding_percent", "title"});
    m.atlas.layer = atlas.str("layer", m.municipality_layer);
    m.atlas.id_field = atlas.str("id_field", m.atlas.id_field);
    if (m.atlas.id_field.empty()) atlas.fail("id_field", "expected the name of a field of the coverage layer");
    m.atlas.name_field = atlas.str("name_field", m.atlas.name_field);  // "": sheets named by id alone
    m.atlas.padding_percent = atlas.num("padding_percent", m.atlas.padding_percent);
    m.atlas.title = atlas.str("title", m.atlas.title);
    return m;
}

}  // namespace ipmap
