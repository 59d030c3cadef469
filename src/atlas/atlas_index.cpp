#include "atlas/atlas_index.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ipmap {

using nlohmann::ordered_json;

std::string index_json(const AtlasIndex& ix) {
    ordered_json j;
    j["map"] = ix.map_file;
    j["title"] = ix.title;
    j["fiscal_year"] = ix.fiscal_year;
    j["fiscal_year_label"] = ix.fiscal_year_label;
    j["total_sheets"] = ix.total_sheets;
    j["shard"] = {{"index", ix.shard.index}, {"count", ix.shard.count}};
    j["page"] = {{"size", ix.page_size},
                 {"orientation", ix.orientation},
                 {"width_mm", ix.page_width_mm},
                 {"height_mm", ix.page_height_mm}};
    j["contents_font"] = ix.contents_font;
    if (!ix.run.empty())
        j["run"] = {{"settings", ix.run.settings}, {"inputs", ix.run.inputs}, {"binary", ix.run.binary}};
    j["run_warnings"] = ix.run_warnings;
    int failed = 0;
    ordered_json sheets = ordered_json::array();
    for (const auto& s : ix.sheets) {
        failed += s.state == "failed";
        ordered_json e;
        e["index"] = s.index;
        e["id"] = s.id;
        e["name"] = s.name;
        e["stem"] = s.stem;
        e["crs"] = s.crs;
        e["state"] = s.state;
        if (!s.error.empty()) e["error"] = s.error;
        e["files"] = s.files;
        e["works"] = s.works;
        e["drawn"] = s.drawn;
        e["callouts"] = s.callouts;
        e["listed"] = s.listed;
        e["not_shown"] = s.not_shown;
        e["warnings"] = s.warnings;
        e["warning_messages"] = s.warning_messages;
        e["pages"] = s.pages;
        e["seconds"] = std::round(s.seconds * 1000) / 1000;
        sheets.push_back(e);
    }
    j["sheet_count"] = ix.sheets.size();
    j["failed"] = failed;
    j["sheets"] = sheets;
    return j.dump(2) + "\n";
}

void drop_run_warnings(SheetOutcome& sheet, const std::vector<std::string>& run_warnings) {
    if (run_warnings.empty()) return;
    const std::set<std::string> run(run_warnings.begin(), run_warnings.end());
    std::erase_if(sheet.warning_messages, [&](const std::string& m) { return run.count(m) > 0; });
    sheet.warnings = static_cast<int>(sheet.warning_messages.size());
}

std::string index_csv(const AtlasIndex& ix) {
    auto q = [](const std::string& s) {
        std::string o = "\"";
        for (char c : s) {
            if (c == '"') o += "\"\"";
            else if (c == '\n' || c == '\r') o += ' ';  // one record per line
            else o += c;
        }
        return o + "\"";
    };
    auto warning_text = [](const SheetOutcome& s) {
        std::string t;
        for (std::size_t k = 0; k < s.warning_messages.size() && k < kCsvWarningMessages; ++k)
            t += (k ? " | " : "") + s.warning_messages[k];
        if (s.warning_messages.size() > kCsvWarningMessages)
            t += " | (" + std::to_string(s.warning_messages.size() - kCsvWarningMessages) + " more in atlas_index.json)";
        return t;
    };
    std::string out = "index,id,name,state,works,drawn,callouts,listed,not_shown,warnings,pdf,png,error,warning_messages\n";
    for (const auto& s : ix.sheets) {
        std::string pdf, png;
        for (const auto& f : s.files) {
            if (f.size() > 4 && f.compare(f.size() - 4, 4, ".pdf") == 0) pdf = f;
            if (f.size() > 4 && f.compare(f.size() - 4, 4, ".png") == 0) png += (png.empty() ? "" : ";") + f;  // every page's
        }
        out += std::to_string(s.index) + "," + q(s.id) + "," + q(s.name) + "," + s.state + "," + std::to_string(s.works) +
               "," + std::to_string(s.drawn) + "," + std::to_string(s.callouts) + "," + std::to_string(s.listed) + "," +
               std::to_string(s.not_shown) + "," + std::to_string(s.warnings) + "," + q(pdf) + "," + q(png) + "," +
               q(s.error) + "," + q(warning_text(s)) + "\n";
    }
    return out;
}

std::vector<std::string> text_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        if (nl > start) out.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

namespace {

/// The key of a "key=value" settings line ("layer works" for "layer works=/x style=y").
std::string setting_key(const std::string& line) {
    const auto eq = line.find('=');
    return eq == std::string::npos ? line : line.substr(0, eq);
}

/// The file of a "path size mtime" input line (leading spaces for companion files; "path
/// missing" for a file that was not there).
std::string input_path(const std::string& line) {
    std::string s = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    for (int k = 0; k < 2; ++k) {
        const auto sp = s.rfind(' ');
        if (sp == std::string::npos) break;
        const bool last_word_missing = s.compare(sp + 1, std::string::npos, "missing") == 0;
        s.resize(sp);
        if (last_word_missing) break;
    }
    return s;
}

}  // namespace

namespace {

/// Compares two lists of lines by key, in the order of `a`'s lines, then the keys only `b`
/// has: `only_a(line)`, `differs(line_a, line_b)` and `only_b(line)` say what to report.
template <class Key, class OnlyA, class Differs, class OnlyB>
void diff_by_key(const std::vector<std::string>& a, const std::vector<std::string>& b, Key key, OnlyA only_a,
                 Differs differs, OnlyB only_b) {
    std::map<std::string, std::string> bs;
    for (const auto& l : b) bs[key(l)] = l;
    std::set<std::string> seen;
    for (const auto& l : a) {
        const std::string k = key(l);
        seen.insert(k);
        auto it = bs.find(k);
        if (it == bs.end()) only_a(l);
        else if (it->second != l) differs(l, it->second);
    }
    for (const auto& l : b)
        if (!seen.count(key(l))) only_b(l);
}

}  // namespace

std::vector<std::string> run_differences(const AtlasIndex::Run& a, const AtlasIndex::Run& b) {
    std::vector<std::string> out;
    if (a.empty() || b.empty()) return out;
    // Settings, by key.
    diff_by_key(
        a.settings, b.settings, setting_key, [&](const std::string& l) { out.push_back(l + " vs (none)"); },
        [&](const std::string& l, const std::string& m) { out.push_back(l + " vs " + m); },
        [&](const std::string& m) { out.push_back("(none) vs " + m); });
    // Input files: each file whose size or date differs, or that only one run read.
    diff_by_key(
        a.inputs, b.inputs, input_path,
        [&](const std::string& l) { out.push_back("input file " + input_path(l) + " read by the first only"); },
        [&](const std::string& l, const std::string&) {
            out.push_back("input file " + input_path(l) + " differs (size or modification time)");
        },
        [&](const std::string& m) { out.push_back("input file " + input_path(m) + " read by the second only"); });
    if (a.binary != b.binary) out.push_back("made by different ipmap binaries (or stamp versions)");
    return out;
}

std::string index_stem(const Shard& shard) {
    if (shard.count <= 1) return "atlas_index";
    return "atlas_index.shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
}

AtlasIndex parse_index_json(const std::string& text, const std::string& path) {
    try {
        auto j = nlohmann::json::parse(text);
        AtlasIndex ix;
        ix.map_file = j.at("map").get<std::string>();
        ix.title = j.value("title", "");
        ix.fiscal_year = j.at("fiscal_year").get<int>();
        ix.fiscal_year_label = j.value("fiscal_year_label", "");
        ix.total_sheets = j.at("total_sheets").get<int>();
        ix.shard.index = j.at("shard").at("index").get<int>();
        ix.shard.count = j.at("shard").at("count").get<int>();
        if (j.contains("page")) {
            const auto& pg = j.at("page");
            ix.page_size = pg.value("size", ix.page_size);
            ix.orientation = pg.value("orientation", ix.orientation);
            ix.page_width_mm = pg.at("width_mm").get<double>();
            ix.page_height_mm = pg.at("height_mm").get<double>();
            if (!(ix.page_width_mm > 0 && ix.page_height_mm > 0)) throw std::runtime_error("page size is not positive");
        }
        ix.contents_font = j.value("contents_font", "");
        if (j.contains("run")) {
            const auto& r = j.at("run");
            ix.run.settings = r.value("settings", std::vector<std::string>{});
            ix.run.inputs = r.value("inputs", std::vector<std::string>{});
            ix.run.binary = r.value("binary", std::vector<std::string>{});
        }
        ix.run_warnings = j.value("run_warnings", std::vector<std::string>{});
        for (const auto& e : j.at("sheets")) {
            SheetOutcome s;
            s.index = e.at("index").get<int>();
            s.id = e.at("id").get<std::string>();
            s.name = e.value("name", "");
            s.stem = e.at("stem").get<std::string>();
            s.crs = e.value("crs", "");
            s.state = e.at("state").get<std::string>();
            s.error = e.value("error", "");
            s.files = e.value("files", std::vector<std::string>{});
            s.works = e.value("works", 0);
            s.drawn = e.value("drawn", 0);
            s.callouts = e.value("callouts", 0);
            s.listed = e.value("listed", 0);
            s.not_shown = e.value("not_shown", 0);
            s.warnings = e.value("warnings", 0);
            s.warning_messages = e.value("warning_messages", std::vector<std::string>{});
            s.pages = e.value("pages", 1);
            s.seconds = e.value("seconds", 0.0);
            ix.sheets.push_back(std::move(s));
        }
        return ix;
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": not an ipmap atlas index: " + e.what());
    }
}

}  // namespace ipmap
