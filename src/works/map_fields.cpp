#include "works/map_fields.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <string_view>

#include "classify/fiscal_year.hpp"
#include "classify/status.hpp"
#include "core/errors.hpp"

namespace ipmap {

namespace {

constexpr std::size_t kMaxNameChars = 200;
constexpr std::size_t kMaxValueChars = 60;
constexpr char32_t kReplacement = 0xFFFD;

// ---------------------------------------------------------------- UTF-8

/// Decodes one code point at `i` strictly (no overlongs, surrogates or values above
/// U+10FFFF). On an invalid sequence returns U+FFFD and advances past the maximal
/// valid prefix (at least one byte), as the Unicode standard recommends.
char32_t next_cp(std::string_view s, std::size_t& i, bool& invalid) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b = byte(i);
    invalid = false;
    if (b < 0x80) { ++i; return b; }
    int len = 0;
    char32_t cp = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) { len = 2; cp = b & 0x1F; }
    else if (b >= 0xE0 && b <= 0xEF) {
        len = 3; cp = b & 0x0F;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4; cp = b & 0x07;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
    } else {
        ++i;
        invalid = true;
        return kReplacement;
    }
    std::size_t k = 1;
    for (; k < static_cast<std::size_t>(len); ++k) {
        if (i + k >= s.size()) break;
        unsigned char c = byte(i + k);
        if (k == 1 ? (c < lo || c > hi) : (c & 0xC0) != 0x80) break;
        cp = (cp << 6) | (c & 0x3F);
    }
    if (k < static_cast<std::size_t>(len)) {
        i += k;
        invalid = true;
        return kReplacement;
    }
    i += len;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::u32string to_u32(std::string_view s) {
    std::u32string out;
    bool invalid = false;
    for (std::size_t i = 0; i < s.size();) out.push_back(next_cp(s, i, invalid));
    return out;
}

std::string to_utf8(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) append_utf8(out, c);
    return out;
}

/// Line and tab controls read as a word break; they become a blank.
bool is_break_control(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

/// Invisible format characters: zero-width, bidi embeddings/overrides/isolates, word
/// joiner and invisible operators, BOM, interlinear annotation.
bool is_invisible_format(char32_t c) {
    return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0x061C;
}

bool is_blank(char32_t c) {
    return c == U' ' || c == 0x3000 || c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

/// Marks that belong to the preceding character; text is never cut just before them.
bool is_combining(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || c == 0x3099 || c == 0x309A || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0x1F3FB && c <= 0x1F3FF);
}

struct CleanStats {
    int controls = 0;      ///< control characters removed (not counting line breaks and tabs)
    int invisible = 0;     ///< bidi / zero-width / format characters removed
    int invalid = 0;       ///< invalid UTF-8 sequences replaced by U+FFFD

    bool changed_visibly() const { return controls || invisible || invalid; }
    std::string describe() const {
        std::string s;
        auto add = [&](int n, const char* what) {
            if (!n) return;
            if (!s.empty()) s += ", ";
            s += std::to_string(n) + " " + what;
        };
        add(controls, "control character(s) removed");
        add(invisible, "invisible/bidi format character(s) removed");
        add(invalid, "invalid UTF-8 sequence(s) replaced by U+FFFD");
        return s;
    }
};

std::string clean(std::string_view text, CleanStats* stats) {
    CleanStats st;
    std::u32string out;
    out.reserve(text.size());
    bool pending_blank = false;
    bool run_all_ideographic = true;  // a run of U+3000 only stays one U+3000
    auto flush_blank = [&] {
        if (pending_blank && !out.empty()) out.push_back(run_all_ideographic ? 0x3000 : U' ');
        pending_blank = false;
        run_all_ideographic = true;
    };
    for (std::size_t i = 0; i < text.size();) {
        bool invalid = false;
        char32_t c = next_cp(text, i, invalid);
        if (invalid) ++st.invalid;
        if (is_break_control(c) || is_blank(c)) {
            pending_blank = true;
            run_all_ideographic = run_all_ideographic && c == 0x3000;
            continue;
        }
        if (is_control(c)) { ++st.controls; continue; }
        if (is_invisible_format(c)) { ++st.invisible; continue; }
        flush_blank();
        out.push_back(c);
    }
    if (stats) *stats = st;
    return to_utf8(out);
}

std::size_t count_chars(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return n;
}

/// First `keep` code points of `s` + "…", without separating a base character from the
/// combining marks or variation selectors that follow it.
std::string shorten(std::string_view s, std::size_t keep) {
    std::u32string cps = to_u32(s);
    if (cps.size() <= keep + 1) return std::string(s);
    std::size_t n = keep;
    while (n > 1 && is_combining(cps[n])) --n;
    return to_utf8(std::u32string_view(cps).substr(0, n)) + "…";
}

/// A value as it may be shown in a diagnostic: invalid UTF-8 replaced, controls and
/// invisible characters spelt out (a raw U+202E in a terminal line would reorder it),
/// shortened to 60 characters.
std::string visible(std::string_view value) {
    std::u32string out;
    bool invalid = false;
    for (std::size_t i = 0; i < value.size();) {
        char32_t c = next_cp(value, i, invalid);
        if (is_control(c) || is_invisible_format(c) || c == 0x2028 || c == 0x2029) {
            char buf[16];
            std::snprintf(buf, sizeof buf, c < 0x100 ? "\\x%02X" : "<U+%04X>", static_cast<unsigned>(c));
            for (const char* p = buf; *p; ++p) out.push_back(static_cast<unsigned char>(*p));
        } else {
            out.push_back(c);
        }
    }
    std::string s = to_utf8(out);
    return count_chars(s) > kMaxValueChars ? shorten(s, kMaxValueChars - 1) : s;
}

/// Full-width ASCII (digits, letters, punctuation) → ASCII; ideographic space → blank.
std::string to_ascii_width(std::string_view s) {
    std::u32string cps = to_u32(s);
    for (auto& c : cps) {
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        else if (c == 0x3000) c = U' ';
    }
    return to_utf8(cps);
}

std::string trim_ascii(std::string_view s) {
    std::size_t b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    std::size_t e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ---------------------------------------------------------------- edit distance

char32_t fold_for_compare(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c >= U'A' && c <= U'Z') c += 32;
    return c;
}

std::size_t levenshtein(const std::string& a, const std::string& b) {
    std::u32string x = to_u32(a), y = to_u32(b);
    for (auto& c : x) c = fold_for_compare(c);
    for (auto& c : y) c = fold_for_compare(c);
    std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[y.size()];
}

}  // namespace

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = static_cast<std::size_t>(-1);
    for (const auto& c : candidates) {
        std::size_t d = levenshtein(word, c);
        if (d < best_d) { best_d = d; best = c; }
    }
    std::size_t longest = std::max(count_chars(word), count_chars(best));
    if (best.empty() || best_d > std::max<std::size_t>(2, (longest + 1) / 2)) return {};
    return best;
}

std::string list_columns(const std::vector<std::string>& columns) {
    std::string s;
    std::size_t shown = 0;
    for (const auto& c : columns) {
        if (shown == 40) { s += ", … (" + std::to_string(columns.size()) + " in all)"; break; }
        if (!s.empty()) s += ", ";
        s += c;
        ++shown;
    }
    return s.empty() ? "(none)" : s;
}

namespace {

// ---------------------------------------------------------------- mapping

bool is_canonical(const std::string& f) {
    const auto& all = canonical_work_fields();
    return std::find(all.begin(), all.end(), f) != all.end();
}

/// canonical field → source column: as mapped in spec.fields, else a column that carries
/// the canonical name itself (registers exported by ipmap, GeoJSON fixtures).
std::map<std::string, std::string> resolve_columns(const LayerSpec& spec, const std::vector<std::string>& columns) {
    std::map<std::string, std::string> out;
    std::set<std::string> used;
    for (const auto& [canon, col] : spec.fields)
        if (is_canonical(canon)) { out[canon] = col; used.insert(col); }
    for (const auto& canon : canonical_work_fields()) {
        if (out.count(canon) || used.count(canon)) continue;
        if (std::find(columns.begin(), columns.end(), canon) != columns.end()) out[canon] = canon;
    }
    return out;
}

class RowContext {
public:
    RowContext(const RawLayer& layer, const RawRecord& rec, long long row, Diagnostics& diag)
        : layer_(layer), rec_(rec), row_(row), diag_(diag) {}

    std::string id;  ///< final work id, once known

    void report(const std::string& column, std::string_view value, std::string message, std::string action,
                Severity severity = Severity::Warning) const {
        Diagnostic d;
        d.severity = severity;
        d.stage = "load";
        d.file = rec_.source.file.empty() ? layer_.file : rec_.source.file;
        d.layer = layer_.ogr_layer.empty() ? rec_.source.layer : layer_.ogr_layer;
        d.row = row_;
        d.work_id = id;
        d.field = column;
        d.value = visible(value);
        d.message = std::move(message);
        d.action = std::move(action);
        diag_.add(std::move(d));
    }

    /// Raw value of a column; nullopt for NULL or an unmapped / absent column.
    std::optional<std::string> raw(const std::string& column) const {
        if (column.empty()) return std::nullopt;
        auto it = rec_.values.find(column);
        if (it == rec_.values.end()) return std::nullopt;
        return it->second;
    }

    /// Cleaned text of a column, reporting removed or replaced characters.
    std::string text(const std::string& column) const {
        auto v = raw(column);
        if (!v) return {};
        CleanStats st;
        std::string s = clean(*v, &st);
        if (st.changed_visibly()) report(column, *v, st.describe(), "cleaned text used: '" + visible(s) + "'");
        return s;
    }

private:
    const RawLayer& layer_;
    const RawRecord& rec_;
    long long row_;
    Diagnostics& diag_;
};

bool is_unknown_marker(const std::string& s) {
    static const std::set<std::string> markers = {"未定", "不明", "なし", "-", "－", "―", "—", "‐", "ー", "?", "？"};
    return markers.count(s) > 0;
}

std::optional<int> read_year(const RowContext& ctx, const std::string& column, std::string& s) {
    s = ctx.text(column);
    if (s.empty() || is_unknown_marker(s)) return std::nullopt;
    std::string why;
    auto y = parse_fiscal_year(s, &why);
    if (!y) ctx.report(column, s, "unreadable fiscal year: " + why, "year left empty");
    return y;
}

std::optional<double> read_progress(const RowContext& ctx, const std::string& column) {
    std::string original = ctx.text(column);
    std::string s = trim_ascii(to_ascii_width(original));
    if (s.empty() || is_unknown_marker(s)) return std::nullopt;
    std::string num = s;
    for (std::string_view suffix : {"%", "パーセント"})
        if (num.size() >= suffix.size() && num.compare(num.size() - suffix.size(), suffix.size(), suffix) == 0) {
            num = trim_ascii(num.substr(0, num.size() - suffix.size()));
            break;
        }
    if (!num.empty() && num[0] == '+') num.erase(0, 1);
    double v = 0;
    bool ok = !num.empty() && (std::isdigit(static_cast<unsigned char>(num[0])) || num[0] == '-' || num[0] == '.');
    if (ok) {
        auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
        ok = ec == std::errc() && end == num.data() + num.size() && std::isfinite(v);
    }
    if (!ok) {
        ctx.report(column, original, "progress is not a number", "progress treated as unknown");
        return std::nullopt;
    }
    if (v > 100) {
        ctx.report(column, original, "progress above 100%", "clamped to 100");
        return 100.0;
    }
    if (v < 0) {
        ctx.report(column, original, "progress below 0%", "clamped to 0");
        return 0.0;
    }
    return v;
}

/// 全国地方公共団体コード check digit: weights 6..2 on the five digits, 11 − (sum mod 11), last digit.
bool valid_check_digit(const std::string& six) {
    int sum = 0;
    for (int k = 0; k < 5; ++k) sum += (six[k] - '0') * (6 - k);
    return (11 - sum % 11) % 10 == six[5] - '0';
}

bool valid_prefecture(const std::string& five) {
    int pref = (five[0] - '0') * 10 + (five[1] - '0');
    return pref >= 1 && pref <= 47;
}

std::vector<std::string> read_municipalities(const RowContext& ctx, const std::string& column,
                                             const std::string& separator) {
    std::string s = to_ascii_width(ctx.text(column));
    std::vector<std::string> out;
    if (s.empty() || is_unknown_marker(s)) return out;
    // Every separator becomes a blank; then split on blanks.
    auto replace_all = [&](std::string_view from) {
        if (from.empty()) return;
        for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + 1)) s.replace(p, from.size(), " ");
    };
    for (std::string_view sep : {std::string_view(separator), std::string_view("、"), std::string_view(","),
                                 std::string_view(";"), std::string_view("，"), std::string_view("；"),
                                 std::string_view("\t")})
        replace_all(sep);
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t b = s.find_first_not_of(' ', pos);
        if (b == std::string::npos) break;
        std::size_t e = s.find(' ', b);
        if (e == std::string::npos) e = s.size();
        std::string tok = s.substr(b, e - b);
        pos = e;
        std::string code;
        if (all_digits(tok) && tok.size() == 5) {
            code = tok;
        } else if (all_digits(tok) && tok.size() == 6) {
            if (valid_check_digit(tok)) code = tok.substr(0, 5);
            else ctx.report(column, tok, "6-digit code with a wrong check digit", "code ignored");
        } else if (all_digits(tok) && tok.size() == 4) {
            code = "0" + tok;
            ctx.report(column, tok, "4-digit municipality code (leading zero lost, e.g. by a spreadsheet)",
                       "read as " + code, Severity::Info);
        } else {
            ctx.report(column, tok, "not a municipality code (5 digits, or 6 with check digit)", "code ignored");
        }
        if (code.empty()) continue;
        if (!valid_prefecture(code)) {
            ctx.report(column, tok, "municipality code with an unknown prefecture number", "code ignored");
            continue;
        }
        if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
    }
    return out;
}

std::vector<int> read_projects(const RowContext& ctx, const std::string& column) {
    std::string s = ctx.text(column);
    std::vector<int> out;
    if (s.empty() || is_unknown_marker(s)) return out;
    std::u32string cps = to_u32(to_ascii_width(s));
    static const std::pair<std::u32string_view, int> keywords[] = {{U"農林水産", 1}, {U"観光", 2}, {U"安全", 3}};
    std::string rejected;
    auto reject = [&](std::u32string_view what) {
        if (!rejected.empty()) rejected += ", ";
        rejected += to_utf8(what);
    };
    auto add = [&](int n, std::u32string_view as_written) {
        if (n >= 1 && n <= 3) out.push_back(n);
        else reject(as_written);
    };
    auto is_sep = [](char32_t c) {
        return c == U' ' || c == U',' || c == U';' || c == U'/' || c == U'、' || c == U'・' || c == U'(' ||
               c == U')' || c == U'（' || c == U'）' || c == U'.' || c == U'。';
    };
    std::size_t i = 0;
    while (i < cps.size()) {
        char32_t c = cps[i];
        if (is_sep(c)) { ++i; continue; }
        if (c >= 0x2460 && c <= 0x2473) {  // ①..⑳
            add(static_cast<int>(c - 0x2460 + 1), std::u32string_view(cps).substr(i, 1));
            ++i;
            continue;
        }
        if (c >= U'0' && c <= U'9') {
            std::size_t j = i;
            while (j < cps.size() && cps[j] >= U'0' && cps[j] <= U'9') ++j;
            std::u32string_view run = std::u32string_view(cps).substr(i, j - i);
            // "123" cannot mean project 123 (there are three): read it as 1, 2, 3.
            bool packed = run.size() > 1 && std::all_of(run.begin(), run.end(), [](char32_t d) { return d >= U'1' && d <= U'3'; });
            if (packed) for (char32_t d : run) add(static_cast<int>(d - U'0'), run);
            else add(run.size() > 3 ? 999 : std::stoi(to_utf8(run)), run);
            i = j;
            continue;
        }
        // A word: up to the next separator, digit or circled number.
        std::size_t j = i;
        while (j < cps.size() && !is_sep(cps[j]) && !(cps[j] >= U'0' && cps[j] <= U'9') &&
               !(cps[j] >= 0x2460 && cps[j] <= 0x2473))
            ++j;
        std::u32string_view word = std::u32string_view(cps).substr(i, j - i);
        bool found = false;
        for (const auto& [kw, n] : keywords)
            if (word.find(kw) != std::u32string_view::npos) { out.push_back(n); found = true; }
        if (!found) reject(word);
        i = j;
    }
    if (!rejected.empty())
        ctx.report(column, s, "not a project number 1-3 (or ①②③): " + rejected, "ignored");
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

const std::vector<std::string>& canonical_work_fields() {
    static const std::vector<std::string> fields = {"id",       "name",    "owner",          "category",
                                                    "start_fy", "end_fy",  "progress",       "status",
                                                    "fy_work",  "municipalities", "projects"};
    return fields;
}

void check_field_mapping(const LayerSpec& spec, const std::vector<std::string>& columns) {
    std::string where = spec.source.empty() ? std::string("the source") : spec.source;
    if (!spec.layer.empty()) where += " layer '" + spec.layer + "'";
    for (const auto& [canon, col] : spec.fields) {
        if (spec.kind == LayerKind::Works && !is_canonical(canon)) {
            std::string hint = closest(canon, canonical_work_fields());
            throw ConfigError(spec.file, 0, "fields." + canon,
                              "unknown field '" + canon + "'" + (hint.empty() ? "." : "; did you mean '" + hint + "'?") +
                                  " Fields: " + list_columns(canonical_work_fields()));
        }
        if (std::find(columns.begin(), columns.end(), col) != columns.end()) continue;
        std::string hint = closest(col, columns);
        throw ConfigError(spec.file, 0, "fields." + canon,
                          "column '" + col + "' not found in " + where +
                              (hint.empty() ? "." : "; did you mean '" + hint + "'?") +
                              " Columns: " + list_columns(columns));
    }
    if (spec.kind == LayerKind::Works && !resolve_columns(spec, columns).count("name"))
        throw ConfigError(spec.file, 0, "fields.name",
                          "no column mapped to the required field 'name' (事業名) in " + where +
                              ". Columns: " + list_columns(columns));
}

std::vector<Work> map_works(const LayerSpec& spec, const RawLayer& layer, Diagnostics& diag) {
    const auto cols = resolve_columns(spec, layer.columns);
    auto col = [&](const char* canon) {
        auto it = cols.find(canon);
        return it == cols.end() ? std::string() : it->second;
    };
    std::set<std::string> mapped;
    for (const auto& [canon, c] : cols) mapped.insert(c);
    const std::string layer_id = spec.id.empty() ? layer.layer_id : spec.id;

    auto layer_note = [&](const std::string& field, std::string message, std::string action) {
        Diagnostic d;
        d.stage = "load";
        d.file = layer.file;
        d.layer = layer.ogr_layer;
        d.field = field;
        d.message = std::move(message);
        d.action = std::move(action);
        diag.add(std::move(d));
    };
    for (const auto& [canon, c] : cols)
        if (std::find(layer.columns.begin(), layer.columns.end(), c) == layer.columns.end())
            layer_note(c, "mapped column for '" + canon + "' is not in the layer", "values read as empty");
    const std::string id_col = col("id");
    if (id_col.empty())
        layer_note("id", "no id column mapped", "ids generated as '" + layer_id + "#<row>'");

    std::vector<Work> works;
    works.reserve(layer.records.size());
    std::set<std::string> ids;
    for (std::size_t index = 0; index < layer.records.size(); ++index) {
        const RawRecord& rec = layer.records[index];
        const long long row = rec.source.row >= 1 ? rec.source.row : static_cast<long long>(index) + 1;
        RowContext ctx(layer, rec, row, diag);
        Work w;
        w.layer_id = layer_id;
        w.source = rec.source;
        w.source.row = row;
        if (w.source.file.empty()) w.source.file = layer.file;
        if (w.source.layer.empty()) w.source.layer = layer.ogr_layer;
        w.geometry = rec.geometry;

        // id first: every later message names it.
        CleanStats id_stats;
        auto raw_id = ctx.raw(id_col);
        std::string id = raw_id ? clean(*raw_id, &id_stats) : std::string();
        auto unique = [&](std::string base) {
            std::string cand = base;
            for (int k = 2; ids.count(cand); ++k) cand = base + "-" + std::to_string(k);
            return cand;
        };
        if (id.empty()) {
            w.id = unique(layer_id + "#" + std::to_string(row));
            ctx.id = w.id;
            if (!id_col.empty()) ctx.report(id_col, "", "empty id", "id '" + w.id + "' generated");
        } else if (ids.count(id)) {
            w.id = unique(id + "#" + std::to_string(row));
            ctx.id = w.id;
            ctx.report(id_col, id, "duplicate id (first used by an earlier row)",
                       "kept as '" + w.id + "'; the first row keeps '" + id + "'");
        } else {
            w.id = id;
            ctx.id = w.id;
        }
        ids.insert(w.id);
        if (id_stats.changed_visibly())
            ctx.report(id_col, *raw_id, id_stats.describe(), "cleaned text used: '" + visible(id) + "'");

        const std::string name_col = col("name");
        w.name = ctx.text(name_col);
        if (count_chars(w.name) > kMaxNameChars) {
            ctx.report(name_col, w.name, "name is " + std::to_string(count_chars(w.name)) + " characters long",
                       "shortened to " + std::to_string(kMaxNameChars) + " characters with '…'");
            w.name = shorten(w.name, kMaxNameChars - 1);
        }
        if (w.name.empty() && !name_col.empty())
            ctx.report(name_col, "", "empty name", "kept without a name");

        const std::string owner_col = col("owner");
        w.owner_label = ctx.text(owner_col);
        w.owner = parse_owner(w.owner_label);
        if (w.owner == Owner::Other && !w.owner_label.empty())
            ctx.report(owner_col, w.owner_label, "owner is neither 国 nor 道", "treated as other (その他)",
                       Severity::Info);

        w.category = ctx.text(col("category"));
        w.fy_work = ctx.text(col("fy_work"));

        std::string start_text, end_text;
        w.start_fy = read_year(ctx, col("start_fy"), start_text);
        w.end_fy = read_year(ctx, col("end_fy"), end_text);
        if (w.start_fy && w.end_fy && *w.end_fy < *w.start_fy) {
            ctx.report(col("end_fy"), end_text,
                       "end year " + format_wareki(*w.end_fy) + " (" + std::to_string(*w.end_fy) +
                           ") is before start year " + format_wareki(*w.start_fy) + " (" +
                           std::to_string(*w.start_fy) + ")",
                       "end year dropped");
            w.end_fy.reset();
        }

        w.progress = read_progress(ctx, col("progress"));

        const std::string status_col = col("status");
        std::string status_text = ctx.text(status_col);
        if (!status_text.empty() && !is_unknown_marker(status_text)) {
            w.status = parse_status(status_text);
            if (!w.status)
                ctx.report(status_col, status_text, "unknown status (完成, 事業中 or 未着手 expected)",
                           "status derived from years and progress");
        }

        w.municipalities = read_municipalities(ctx, col("municipalities"), spec.list_separator);
        w.projects = read_projects(ctx, col("projects"));

        for (const auto& c : layer.columns)
            if (!mapped.count(c)) w.extra[c] = ctx.text(c);
        for (const auto& [c, v] : rec.values)
            if (!mapped.count(c) && !w.extra.count(c)) w.extra[c] = ctx.text(c);

        works.push_back(std::move(w));
    }
    return works;
}

std::vector<Feature> map_features(const LayerSpec& spec, const RawLayer& layer) {
    std::map<std::string, std::string> by_column;  // source column -> canonical name
    for (const auto& [canon, c] : spec.fields) by_column[c] = canon;
    std::vector<Feature> out;
    out.reserve(layer.records.size());
    for (std::size_t index = 0; index < layer.records.size(); ++index) {
        const RawRecord& rec = layer.records[index];
        Feature f;
        f.geometry = rec.geometry;
        f.source = rec.source;
        if (f.source.row < 1) f.source.row = static_cast<long long>(index) + 1;
        if (f.source.file.empty()) f.source.file = layer.file;
        if (f.source.layer.empty()) f.source.layer = layer.ogr_layer;
        // Unmapped columns by their own name first, so that a canonical name wins a clash.
        for (const auto& [c, v] : rec.values)
            if (!by_column.count(c)) f.attrs[c] = v ? clean_text(*v) : std::string();
        for (const auto& [c, v] : rec.values)
            if (auto it = by_column.find(c); it != by_column.end()) f.attrs[it->second] = v ? clean_text(*v) : std::string();
        out.push_back(std::move(f));
    }
    return out;
}

std::string clean_text(std::string_view text) { return clean(text, nullptr); }

}  // namespace ipmap
