#include "classify/callout_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string_view>

namespace ipmap {

namespace {

const std::string_view kFields[] = {
    "id",       "name",           "owner",          "category", "start_fy", "end_fy",  "fiscal_year",
    "start_fy_western", "end_fy_western", "status", "progress", "fy_work",  "projects", "municipalities",
};

constexpr std::string_view kColumnPrefix = "col:";

struct TemplateError {
    std::string message;
};

/// 1-based character (code point) position of byte `offset`, as an editor shows it.
std::size_t char_pos(std::string_view text, std::size_t offset) {
    std::size_t n = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return n;
}

[[noreturn]] void error(std::string_view text, std::size_t offset, const std::string& what) {
    throw TemplateError{what + " at character " + std::to_string(char_pos(text, offset))};
}

bool known_field(std::string_view name) {
    if (name.substr(0, kColumnPrefix.size()) == kColumnPrefix) return name.size() > kColumnPrefix.size();
    for (auto f : kFields)
        if (f == name) return true;
    return false;
}

struct Piece {
    bool field = false;
    std::string text;  ///< literal text, or the field name
};

struct Segment {
    bool optional = false;
    std::vector<Piece> pieces;
};

/// Splits a template into plain and optional segments. Escapes are read greedily, as in
/// std::format: "]]" is always a literal "]", so an optional segment ending in a literal
/// bracket is written "[...]]]".
std::vector<Segment> parse(std::string_view t) {
    std::vector<Segment> out(1);
    std::size_t open_bracket = std::string_view::npos;
    auto literal = [&](char c) {
        auto& ps = out.back().pieces;
        if (ps.empty() || ps.back().field) ps.push_back({false, {}});
        ps.back().text += c;
    };
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        char next = i + 1 < t.size() ? t[i + 1] : '\0';
        switch (c) {
            case '{': {
                if (next == '{') { literal('{'); ++i; break; }
                std::size_t close = t.find_first_of("{}", i + 1);
                if (close == std::string_view::npos || t[close] == '{') error(t, i, "unclosed '{'");
                std::string_view name = t.substr(i + 1, close - i - 1);
                if (name.empty()) error(t, i, "empty field '{}'");
                if (!known_field(name)) error(t, i, "unknown field '{" + std::string(name) + "}'");
                out.back().pieces.push_back({true, std::string(name)});
                i = close;
                break;
            }
            case '}':
                if (next == '}') { literal('}'); ++i; break; }
                error(t, i, "unmatched '}' (write '}}' for a literal brace)");
            case '[':
                if (next == '[') { literal('['); ++i; break; }
                if (open_bracket != std::string_view::npos) error(t, i, "nested '[' (optional segments do not nest)");
                open_bracket = i;
                out.push_back({true, {}});
                break;
            case ']':
                if (next == ']') { literal(']'); ++i; break; }
                if (open_bracket == std::string_view::npos) error(t, i, "unmatched ']' (write ']]' for a literal bracket)");
                open_bracket = std::string_view::npos;
                out.push_back({false, {}});
                break;
            default:
                literal(c);
        }
    }
    if (open_bracket != std::string_view::npos) error(t, open_bracket, "unclosed '['");
    return out;
}

std::string format_progress(double p) {
    // Registers are clamped to 0-100 when read; anything else stays defined here too.
    if (!std::isfinite(p)) return "";
    p = std::clamp(p, -1e6, 1e6);
    double r = std::round(p * 10) / 10;
    if (r == std::floor(r)) return std::to_string(static_cast<long long>(r));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", r);
    return buf;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& s : items) {
        if (s.empty()) continue;
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

std::string value_of(const std::string& f, const Work& w, const CalloutFields& fields, const WarekiOptions& wo) {
    if (f.compare(0, kColumnPrefix.size(), kColumnPrefix) == 0) {
        auto it = w.extra.find(f.substr(kColumnPrefix.size()));
        return it == w.extra.end() ? std::string() : it->second;
    }
    if (f == "id") return w.id;
    if (f == "name") return w.name;
    if (f == "owner") {
        if (!w.owner_label.empty()) return w.owner_label;
        return w.owner == Owner::National ? "国" : w.owner == Owner::Hokkaido ? "道" : "";
    }
    if (f == "category") return w.category;
    if (f == "start_fy") return w.start_fy ? format_wareki(*w.start_fy, wo) : "";
    if (f == "end_fy") return w.end_fy ? format_wareki(*w.end_fy, wo) : "";
    if (f == "fiscal_year") return fields.fiscal_year ? format_wareki(fields.fiscal_year, wo) : "";
    if (f == "start_fy_western") return w.start_fy ? std::to_string(*w.start_fy) : "";
    if (f == "end_fy_western") return w.end_fy ? std::to_string(*w.end_fy) : "";
    if (f == "status") return to_string(fields.status);
    if (f == "progress") {
        if (!w.progress || !std::isfinite(*w.progress)) return "";
        std::string s = format_progress(*w.progress);
        return wo.full_width_digits ? to_full_width_digits(s) : s;
    }
    if (f == "fy_work") return w.fy_work;
    if (f == "projects") return project_marks(w.projects);
    if (f == "municipalities")
        return join(fields.municipality_names.empty() ? w.municipalities : fields.municipality_names, "・");
    return "";  // unreachable: parse() rejects unknown fields
}

}  // namespace

std::string format_callout(const CalloutTemplate& tpl, const Work& work, const CalloutFields& fields) {
    std::vector<Segment> segments;
    try {
        segments = parse(tpl.text);
    } catch (const TemplateError& e) {
        throw std::invalid_argument("callout template: " + e.message);
    }
    std::string out;
    for (const auto& seg : segments) {
        std::string part;
        bool keep = true;
        for (const auto& p : seg.pieces) {
            if (!p.field) {
                part += p.text;
                continue;
            }
            std::string v = value_of(p.text, work, fields, tpl.wareki);
            if (v.empty() && seg.optional) {
                keep = false;
                break;
            }
            part += v;
        }
        if (keep) out += part;
    }
    return out;
}

std::string validate_template(const std::string& text) {
    try {
        parse(text);
    } catch (const TemplateError& e) {
        return e.message;
    }
    return {};
}

std::string project_marks(const std::vector<int>& projects) {
    std::string out;
    for (int p : projects) {
        if (p >= 1 && p <= 20) {
            char32_t cp = 0x2460 + (p - 1);  // ① .. ⑳, all three-byte UTF-8
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += "(" + std::to_string(p) + ")";
        }
    }
    return out;
}

}  // namespace ipmap
