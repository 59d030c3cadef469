#include "pipeline/check_inputs.hpp"

#include <cstdio>
#include <set>

#include "core/errors.hpp"
#include "text/font_check.hpp"
#include "text/measure.hpp"

namespace ipmap {

namespace {

/// "U+E000 U+1F5FE": invisible or private characters named so that a reader can find them.
std::string code_points(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        unsigned long cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len && i + k < utf8.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04lX", cp);
        out += (out.empty() ? "" : " ") + std::string(buf);
        i += len;
    }
    return out;
}

}  // namespace

void check_fonts(const MapSpec& map) {
    const StyleSheet& s = map.style;
    std::set<std::string> families{s.font};
    for (const TextStyle* t : {&s.title, &s.subtitle, &s.work_label, &s.callout_text, &s.legend_title, &s.legend_text, &s.note_text})
        families.insert(t->font);
    for (const auto& [name, cls] : s.classes) families.insert(cls.label.font);
    for (const auto& list : families) {
        const std::vector<std::string> names = font_families(list);
        if (names.empty()) throw ConfigError(s.file, 0, "font", "empty font family '" + list + "'");
        for (const auto& f : names)
            if (auto sub = font_substitute(f))
                throw ConfigError(s.file, 0, "font", "font '" + f + "' is not installed (fontconfig would use '" + *sub +
                                                         "'); install it (Noto Sans CJK JP: Debian package fonts-noto-cjk; "
                                                         "Noto Sans: fonts-noto-core) or name an installed font");
    }
}

void check_glyphs(const ProjectedProject& project, Diagnostics& diag) {
    const StyleSheet& style = project.loaded->map.style;
    std::string missing;
    for (const auto& cw : project.works) {
        const Work& w = cw.work;
        for (const auto& [field, text] : {std::pair<const char*, const std::string*>{"name", &w.name}, {"fy_work", &w.fy_work}}) {
            if (text->empty() || has_all_glyphs(*text, style.callout_text, &missing)) continue;
            diag.add({Severity::Warning, "render", w.source.file, w.source.layer, w.id, w.source.row, field, "",
                      "characters with no glyph in any installed font: " + code_points(missing),
                      "drawn as empty boxes; install a font that has them"});
        }
    }
    for (const auto& [code, name] : project.municipality_names)
        if (!name.empty() && !has_all_glyphs(name, style.work_label, &missing))
            diag.add({Severity::Warning, "render", "", project.loaded->map.municipality_layer, "", -1, "name", name,
                      "municipality name has characters with no glyph in any installed font: " + code_points(missing),
                      "drawn as empty boxes"});
}

CheckSummary run_check(const RenderOptions& opt, Diagnostics& diag) {
    MapSpec map = load_map_with_overrides(opt.map_file, opt.source_overrides, opt.fiscal_year);
    check_fonts(map);
    LoadedProject loaded = load_project(map, diag);
    ProjectedProject project = project_to(loaded, map.crs == "auto" ? "EPSG:6679" : map.crs, *map.fiscal_year, diag);
    check_glyphs(project, diag);
    CheckSummary s;
    s.layers = static_cast<int>(map.layers.size());
    s.works = static_cast<int>(loaded.works.size());
    for (const auto& [id, f] : loaded.base) s.features += static_cast<int>(f.size());
    return s;
}

}  // namespace ipmap
