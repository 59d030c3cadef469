#include <cmath>
#include <stdexcept>

#include "config/map_spec.hpp"
#include "config/toml_reader.hpp"

namespace ipmap {

using config_detail::TomlReader;

Rgba parse_color(const std::string& text) {
    auto hex = [&](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw std::invalid_argument("not a colour: \"" + text + "\" (use #rrggbb or #rrggbbaa)");
    };
    if (text.size() < 4 || text[0] != '#') throw std::invalid_argument("not a colour: \"" + text + "\" (use #rrggbb or #rrggbbaa)");
    std::string h = text.substr(1);
    if (h.size() == 3) h = {h[0], h[0], h[1], h[1], h[2], h[2]};
    if (h.size() != 6 && h.size() != 8) throw std::invalid_argument("not a colour: \"" + text + "\" (use #rrggbb or #rrggbbaa)");
    auto byte = [&](std::size_t i) { return (hex(h[i]) * 16 + hex(h[i + 1])) / 255.0; };
    return Rgba{byte(0), byte(2), byte(4), h.size() == 8 ? byte(6) : 1.0};
}

SymbolShape parse_symbol(const std::string& text) {
    if (text == "circle") return SymbolShape::Circle;
    if (text == "square") return SymbolShape::Square;
    if (text == "triangle") return SymbolShape::Triangle;
    if (text == "diamond") return SymbolShape::Diamond;
    if (text == "star") return SymbolShape::Star;
    if (text == "cross") return SymbolShape::Cross;
    if (text == "triangle_down") return SymbolShape::TriangleDown;
    if (text == "pentagon") return SymbolShape::Pentagon;
    if (text == "hexagon") return SymbolShape::Hexagon;
    if (text == "saltire") return SymbolShape::Saltire;
    throw std::invalid_argument("unknown symbol \"" + text +
                                "\" (circle, square, triangle, triangle_down, diamond, pentagon, hexagon, star, cross, saltire)");
}

namespace {

Rgba color_at(const TomlReader& r, const std::string& key, Rgba def) {
    if (!r.has(key)) return def;
    try {
        return parse_color(r.str(key));
    } catch (const std::invalid_argument& e) {
        r.fail(key, e.what());
    }
}

TextStyle text_style(const TomlReader& r, const std::string& font, TextStyle def) {
    r.only({"size_pt", "bold", "color", "halo", "halo_mm", "font", "line_spacing"});
    TextStyle t = def;
    t.font = r.str("font", font);
    t.size_pt = r.positive("size_pt", def.size_pt);
    t.bold = r.boolean("bold", def.bold);
    t.color = color_at(r, "color", def.color);
    if (r.has("halo")) t.halo = color_at(r, "halo", Rgba{1, 1, 1, 1});
    t.halo_mm = r.num("halo_mm", def.halo_mm);
    t.line_spacing = r.num("line_spacing", def.line_spacing);
    return t;
}

std::optional<Fill> fill_at(const TomlReader& r, const std::string& prefix) {
    if (!r.has(prefix + "fill")) return std::nullopt;
    Fill f;
    f.color = color_at(r, prefix + "fill", {});
    std::string pattern = r.str(prefix + "fill_pattern", "solid");
    if (pattern == "solid") f.pattern = FillPattern::Solid;
    else if (pattern == "hatch") f.pattern = FillPattern::Hatch;
    else if (pattern == "crosshatch") f.pattern = FillPattern::CrossHatch;
    else if (pattern == "dots") f.pattern = FillPattern::Dots;
    else r.fail(prefix + "fill_pattern", "expected solid, hatch, crosshatch or dots");
    return f;
}

WorkStyleProps props_at(const TomlReader& r) {
    r.only({"color", "line_width_mm", "dash_mm", "casing_color", "casing_width_mm", "fill_pattern",
            "fill_opacity", "symbol", "symbol_size_mm", "symbol_hollow", "symbol_dot", "label"});
    WorkStyleProps p;
    if (r.has("color")) p.color = color_at(r, "color", {});
    if (r.has("line_width_mm")) p.line_width_mm = r.positive("line_width_mm", 1);
    if (r.has("dash_mm")) p.dash_mm = r.numbers("dash_mm");
    if (r.has("casing_color")) p.casing_color = color_at(r, "casing_color", {});
    if (r.has("casing_width_mm")) p.casing_width_mm = r.num("casing_width_mm", 0);
    if (r.has("fill_pattern")) {
        std::string fp = r.str("fill_pattern");
        if (fp != "solid" && fp != "hatch" && fp != "crosshatch" && fp != "dots" && fp != "none")
            r.fail("fill_pattern", "expected solid, hatch, crosshatch, dots or none");
        p.fill_pattern = fp;
    }
    if (r.has("fill_opacity")) p.fill_opacity = r.num("fill_opacity", 0.5);
    if (r.has("symbol")) {
        try {
            p.symbol = parse_symbol(r.str("symbol"));
        } catch (const std::invalid_argument& e) {
            r.fail("symbol", e.what());
        }
    }
    if (r.has("symbol_size_mm")) p.symbol_size_mm = r.positive("symbol_size_mm", 3);
    if (r.has("symbol_hollow")) p.symbol_hollow = r.boolean("symbol_hollow", false);
    if (r.has("symbol_dot")) p.symbol_dot = r.boolean("symbol_dot", false);
    if (r.has("label")) p.label = r.str("label");
    return p;
}

std::map<std::string, WorkStyleProps> props_table(const TomlReader& r,
                                                  std::initializer_list<const char*> allowed_keys) {
    std::map<std::string, WorkStyleProps> out;
    if (allowed_keys.size()) r.only(allowed_keys);
    for (const auto& [k, v] : r.table()) {
        std::string key(k.str());
        out[key] = props_at(r.sub(key));
    }
    return out;
}

}  // namespace

StyleSheet load_style(const std::string& path) {
    toml::table root = config_detail::parse_toml_file(path);
    TomlReader top(path, root);
    top.only({"page", "text", "class", "works", "owner", "status", "category", "rule", "callout"});

    StyleSheet s;
    s.file = path;
    TomlReader page = top.sub("page");
    page.only({"font", "paper", "sea", "frame"});
    s.font = page.str("font", s.font);
    s.paper = color_at(page, "paper", s.paper);
    s.sea = color_at(page, "sea", s.sea);
    s.frame = color_at(page, "frame", s.frame);

    TomlReader text = top.sub("text");
    text.only({"title", "subtitle", "work_label", "callout", "legend_title", "legend", "note"});
    auto ts = [&](const char* key, double size, bool bold) {
        TextStyle d;
        d.font = s.font;
        d.size_pt = size;
        d.bold = bold;
        return text_style(text.sub(key), s.font, d);
    };
    s.title = ts("title", 20, true);
    s.subtitle = ts("subtitle", 12, false);
    s.work_label = ts("work_label", 6.5, false);
    s.callout_text = ts("callout", 6.5, false);
    s.legend_title = ts("legend_title", 9, true);
    s.legend_text = ts("legend", 7, false);
    s.note_text = ts("note", 7, false);

    TomlReader classes = top.sub("class");
    for (const auto& [k, v] : classes.table()) {
        std::string key(k.str());
        TomlReader c = classes.sub(key);
        c.only({"fill", "fill_pattern", "stroke", "stroke_width_mm", "dash_mm", "label_field", "label"});
        ClassStyle cs;
        cs.fill = fill_at(c, "");
        if (c.has("stroke")) {
            Stroke st;
            st.color = color_at(c, "stroke", {});
            st.width_mm = c.positive("stroke_width_mm", 0.25);
            st.dash_mm = c.numbers("dash_mm");
            cs.stroke = st;
        }
        cs.label_field = c.str("label_field");
        TextStyle d;
        d.font = s.font;
        d.size_pt = 9;
        cs.label = text_style(c.sub("label"), s.font, d);
        s.classes[key] = cs;
    }

    s.defaults = props_at(top.sub("works"));
    s.by_owner = props_table(top.sub("owner"), {"national", "hokkaido", "other"});
    s.by_status = props_table(top.sub("status"), {"completed", "in_progress", "planned"});
    s.by_category = props_table(top.sub("category"), {});

    if (const toml::node* rules = root.get("rule")) {
        const toml::array* arr = rules->as_array();
        if (!arr) top.fail("rule", "expected [[rule]] tables");
        int i = 0;
        for (const auto& e : *arr) {
            const toml::table* t = e.as_table();
            if (!t) top.fail("rule", "expected [[rule]] tables");
            const std::string prefix = "rule[" + std::to_string(i++) + "]";
            TomlReader r(path, *t, prefix);
            StyleRule rule;
            rule.line = r.line();
            TomlReader when = r.sub("when");
            for (const auto& [k, v] : when.table()) {
                std::string key(k.str());
                rule.when[key] = when.str(key);
            }
            if (rule.when.empty()) r.fail("when", "a rule needs a non-empty when = { ... }");
            // `callout = true/false` forces or suppresses a callout; everything else but
            // `when` is a style property.
            r.only({"when", "callout", "color", "line_width_mm", "dash_mm", "casing_color", "casing_width_mm",
                    "fill_pattern", "fill_opacity", "symbol", "symbol_size_mm", "symbol_hollow", "symbol_dot", "label"});
            if (r.has("callout")) rule.callout = r.boolean("callout", false);
            toml::table props = *t;
            props.erase("when");
            props.erase("callout");
            rule.props = props_at(TomlReader(path, props, prefix));
            s.rules.push_back(std::move(rule));
        }
    }

    TomlReader callout = top.sub("callout");
    callout.only({"fill", "border", "border_mm", "padding_mm", "leader", "leader_width_mm", "weights"});
    s.callout_fill = color_at(callout, "fill", s.callout_fill);
    s.callout_border = color_at(callout, "border", s.callout_border);
    s.callout_border_mm = callout.num("border_mm", s.callout_border_mm);
    s.callout_padding_mm = callout.num("padding_mm", s.callout_padding_mm);
    s.leader_color = color_at(callout, "leader", s.leader_color);
    s.leader_width_mm = callout.num("leader_width_mm", s.leader_width_mm);
    TomlReader weights = callout.sub("weights");
    weights.only({"cover_features", "cover_feature_area", "cover_land", "cover_focus", "cover_soft", "leader_length", "anchor_distance", "leader_angle"});
    for (const auto& [k, v] : weights.table()) {
        std::string key(k.str());
        double w = weights.num(key, 0);
        if (w < 0) weights.fail(key, "weights must be >= 0");
        s.callout_weights[key] = w;
    }
    return s;
}

}  // namespace ipmap
