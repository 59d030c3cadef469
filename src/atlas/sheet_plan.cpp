#include "atlas/sheet_plan.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>

namespace ipmap {

namespace {

/// Decodes one UTF-8 sequence at s[i]; returns its length (1 for an invalid byte, cp = -1).
std::size_t utf8_next(const std::string& s, std::size_t i, long& cp) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
        cp = -1;
        return 1;
    }
    cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
        unsigned char d = static_cast<unsigned char>(s[i + k]);
        if ((d >> 6) != 2) {
            cp = -1;
            return 1;
        }
        cp = (cp << 6) | (d & 0x3F);
    }
    return len;
}

bool forbidden(long cp) {
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return true;       // controls
    if (cp == '/' || cp == '\\' || cp == ':' || cp == '*' || cp == '?' || cp == '"' || cp == '<' ||
        cp == '>' || cp == '|')
        return true;                                                              // Windows
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
        cp == 0xFEFF || cp == 0x061C || (cp >= 0xFFF9 && cp <= 0xFFFB))
        return true;                                                              // invisible / bidi
    return false;
}

/// Where "_" goes into a stem named like the atlas's own outputs (atlas.pdf,
/// atlas_index.json, atlas_index.shard-K-of-N.json; letter case ignored for file systems
/// that ignore it): after the reserved name. npos when the stem is free.
std::size_t reserved_name_end(const std::string& stem) {
    std::string s = stem;
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (s == "atlas") return 5;
    if (s == "atlas_index" || s.rfind("atlas_index.", 0) == 0) return 11;
    return std::string::npos;
}

}  // namespace

std::string sanitize_stem(const std::string& text, std::size_t max_bytes) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        long cp;
        std::size_t len = utf8_next(text, i, cp);
        std::string piece = cp < 0 || forbidden(cp) ? "_" : text.substr(i, len);
        if (cp == ' ' || cp == 0x3000) piece = "_";
        if (out.size() + piece.size() > max_bytes) break;
        out += piece;
        i += len;
    }
    // No "..", no leading dot or dash (hidden files, options), no trailing dots/spaces.
    for (std::size_t p; (p = out.find("..")) != std::string::npos;) out.replace(p, 2, "_");
    while (!out.empty() && (out.front() == '.' || out.front() == '-')) out.front() = '_';
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
    // No ".tmp-", nor ".tmp" at the end (page images are STEM-2.png): a file named so is
    // taken for a stale temporary and removed at start.
    for (std::size_t p; (p = out.find(".tmp-")) != std::string::npos;) out[p] = '_';
    if (out.size() >= 4 && out.compare(out.size() - 4, 4, ".tmp") == 0) out[out.size() - 4] = '_';
    if (out.empty()) out = "_";
    return out;
}

std::vector<SheetPlan> plan_sheets(const std::vector<Feature>& coverage, const std::string& id_field,
                                   const std::string& name_field, const SheetSelection& sel, bool ascii_names) {
    auto trim = [](std::string t) {
        const char* ws = " \t\r\n";
        t.erase(0, t.find_first_not_of(ws));
        t.erase(t.find_last_not_of(ws) + 1);
        return t;
    };
    std::map<std::string, SheetPlan> by_id;
    std::string where_field, where_value;
    const bool has_where = !trim(sel.where).empty();
    if (has_where) {
        auto eq = sel.where.find('=');
        if (eq != std::string::npos) {
            where_field = trim(sel.where.substr(0, eq));
            where_value = trim(sel.where.substr(eq + 1));
        }
        if (where_field.empty())
            throw SelectionError("--where: expected FIELD=VALUE (e.g. subpref=後志総合振興局), got '" + sel.where + "'");
    }
    bool field_seen = false;
    for (const Feature& f : coverage) {
        const std::string& id = f.attr(id_field);
        if (id.empty()) continue;
        if (has_where) {
            field_seen = field_seen || f.attrs.count(where_field);
            if (f.attr(where_field) != where_value) continue;
        }
        SheetPlan& p = by_id[id];
        p.id = id;
        if (p.name.empty()) p.name = f.attr(name_field);
        p.features.push_back(&f);
        const std::string& code = f.attr("code");
        if (!code.empty() && std::find(p.codes.begin(), p.codes.end(), code) == p.codes.end()) p.codes.push_back(code);
    }
    for (auto& [id, p] : by_id) std::sort(p.codes.begin(), p.codes.end());
    if (has_where && !field_seen)
        throw SelectionError("--where: the coverage layer has no field '" + where_field + "'");
    if (has_where && by_id.empty())
        throw SelectionError("--where: no feature of the coverage layer has " + where_field + " = '" + where_value + "'");
    std::set<std::string> wanted;
    for (const auto& o : sel.only)
        if (std::string t = trim(o); !t.empty()) wanted.insert(t);
    for (const auto& id : wanted)
        if (!by_id.count(id))
            throw SelectionError("--only: no sheet with id '" + id + "' in the coverage layer" +
                                 (has_where ? " (after --where " + sel.where + ")" : ""));
    std::vector<SheetPlan> out;
    std::set<std::string> stems;
    for (auto& [id, p] : by_id) {
        if (!wanted.empty() && !wanted.count(id)) continue;
        std::string stem = sanitize_stem(id);
        if (!ascii_names && !p.name.empty()) stem = sanitize_stem(id + "_" + p.name);
        if (ascii_names) {
            std::string ascii;
            for (char c : stem) ascii += (static_cast<unsigned char>(c) < 0x80) ? c : '_';
            stem = sanitize_stem(ascii);
        }
        if (const auto end = reserved_name_end(stem); end != std::string::npos) stem.insert(end, "_");
        // Two ids that sanitise alike still get distinct files.
        std::string unique = stem;
        for (int k = 2; stems.count(unique); ++k) unique = stem + "_" + std::to_string(k);
        stems.insert(unique);
        p.stem = unique;
        out.push_back(std::move(p));
    }
    // A sheet's later pages are written as STEM-2.png, STEM-3.png, ...: no sheet may be
    // named like another sheet's page image.
    auto page_image_of_another = [&](const std::string& s) {
        const auto dash = s.rfind('-');
        if (dash == std::string::npos || dash + 1 >= s.size() || s[dash + 1] == '0') return false;
        for (std::size_t i = dash + 1; i < s.size(); ++i)
            if (s[i] < '0' || s[i] > '9') return false;
        return stems.count(s.substr(0, dash)) > 0;
    };
    for (auto& p : out) {
        if (!page_image_of_another(p.stem)) continue;
        stems.erase(p.stem);
        std::string unique = p.stem + "_";
        while (stems.count(unique) || page_image_of_another(unique)) unique += "_";
        stems.insert(unique);
        p.stem = unique;
    }
    for (std::size_t i = 0; i < out.size(); ++i) out[i].index = static_cast<int>(i);
    return out;
}

Shard parse_shard(const std::string& text) {
    auto slash = text.find('/');
    auto bad = [&] { return std::invalid_argument("shard '" + text + "': expected K/N with 0 <= K < N"); };
    if (slash == std::string::npos) throw bad();
    try {
        std::size_t a = 0, b = 0;
        int k = std::stoi(text.substr(0, slash), &a);
        int n = std::stoi(text.substr(slash + 1), &b);
        if (a != slash || b != text.size() - slash - 1 || n < 1 || k < 0 || k >= n) throw bad();
        return {k, n};
    } catch (const std::logic_error&) {
        throw bad();
    }
}

std::optional<Shard> shard_from_environment(const char* (*getenv_fn)(const char*)) {
    auto num = [&](const char* name) -> std::optional<long> {
        const char* v = getenv_fn(name);
        if (!v || !*v) return std::nullopt;
        char* end = nullptr;
        long x = std::strtol(v, &end, 10);
        if (*end) throw std::invalid_argument(std::string(name) + "='" + v + "' is not a number");
        return x;
    };
    if (auto k = num("JOB_COMPLETION_INDEX")) {
        auto n = num("IPMAP_SHARD_COUNT");
        if (!n) throw std::invalid_argument("JOB_COMPLETION_INDEX is set but IPMAP_SHARD_COUNT is not (set it to the Job's completions)");
        if (*k < 0 || *k >= *n) throw std::invalid_argument("JOB_COMPLETION_INDEX out of range 0.." + std::to_string(*n - 1));
        return Shard{static_cast<int>(*k), static_cast<int>(*n)};
    }
    if (auto id = num("SLURM_ARRAY_TASK_ID")) {
        long min = num("SLURM_ARRAY_TASK_MIN").value_or(0);
        auto n = num("SLURM_ARRAY_TASK_COUNT");
        if (!n) throw std::invalid_argument("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not");
        long k = *id - min;
        if (k < 0 || k >= *n) throw std::invalid_argument("SLURM_ARRAY_TASK_ID out of the array's range");
        return Shard{static_cast<int>(k), static_cast<int>(*n)};
    }
    return std::nullopt;
}

std::vector<SheetPlan> select_shard(const std::vector<SheetPlan>& sheets, Shard shard) {
    std::vector<SheetPlan> out;
    for (const auto& s : sheets)
        if (s.index % shard.count == shard.index) out.push_back(s);
    return out;
}

}  // namespace ipmap
