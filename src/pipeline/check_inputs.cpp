#include "pipeline/check_inputs.hpp"

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "text/font_check.hpp"
#include "text/measure.hpp"

namespace ipmap {

namespace {

/// Bytes of the UTF-8 sequence that starts with `lead`.
std::size_t utf8_length(unsigned char lead) { return lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : 4; }

/// "U+E000 U+1F5FE": invisible or private characters named so that a reader can find them.
std::string code_points(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        const int len = static_cast<int>(utf8_length(c));
        unsigned long cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len && i + k < utf8.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04lX", cp);
        out += (out.empty() ? "" : " ") + std::string(buf);
        i += len;
    }
    return out;
}

/// The characters of `texts` (valid UTF-8), each once, in code point order.
std::string distinct_characters(const std::vector<const std::string*>& texts) {
    std::set<std::string> chars;
    for (const std::string* t : texts)
        for (std::size_t i = 0; i < t->size();) {
            const std::size_t len = utf8_length(static_cast<unsigned char>((*t)[i]));
            chars.insert(t->substr(i, len));
            i += len;
        }
    std::string out;
    for (const auto& c : chars) out += c;
    return out;
}

/// Strings of `texts` that may lack a glyph in `style`. One coverage check of every distinct
/// character first: a register whose characters all have glyphs (the usual case) costs one
/// layout, not one per work. Otherwise the strings holding a missing character (all of them
/// when the check could not name it) are returned for the exact check.
std::vector<std::size_t> glyph_suspects(const std::vector<const std::string*>& texts, const TextStyle& style) {
    std::string missing;
    std::vector<std::size_t> out;
    if (has_all_glyphs(distinct_characters(texts), style, &missing)) return out;
    std::vector<std::string> bad;
    for (std::size_t i = 0; i < missing.size();) {
        const std::size_t len = utf8_length(static_cast<unsigned char>(missing[i]));
        bad.push_back(missing.substr(i, len));
        i += len;
    }
    for (std::size_t k = 0; k < texts.size(); ++k) {
        bool suspect = bad.empty();
        for (const auto& b : bad) suspect = suspect || texts[k]->find(b) != std::string::npos;
        if (suspect) out.push_back(k);
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
    struct WorkText {
        const Work* work;
        const char* field;
    };
    std::vector<WorkText> work_texts;
    std::vector<const std::string*> texts;
    for (const auto& cw : project.works)
        for (const auto& [field, text] : {std::pair<const char*, const std::string*>{"name", &cw.work.name}, {"fy_work", &cw.work.fy_work}})
            if (!text->empty()) {
                work_texts.push_back({&cw.work, field});
                texts.push_back(text);
            }
    for (std::size_t k : glyph_suspects(texts, style.callout_text)) {
        if (has_all_glyphs(*texts[k], style.callout_text, &missing)) continue;
        const Work& w = *work_texts[k].work;
        diag.add({Severity::Warning, "render", w.source.file, w.source.layer, w.id, w.source.row, work_texts[k].field, "",
                  "characters with no glyph in any installed font: " + code_points(missing),
                  "drawn as empty boxes; install a font that has them"});
    }
    std::vector<const std::string*> names;
    for (const auto& [code, name] : project.municipality_names)
        if (!name.empty()) names.push_back(&name);
    for (std::size_t k : glyph_suspects(names, style.work_label))
        if (!has_all_glyphs(*names[k], style.work_label, &missing))
            diag.add({Severity::Warning, "render", "", project.loaded->map.municipality_layer, "", -1, "name", *names[k],
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
