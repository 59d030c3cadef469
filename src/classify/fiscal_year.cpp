#include "classify/fiscal_year.hpp"

namespace ipmap {

namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;

/// Decodes UTF-8 leniently into code points: an invalid byte becomes U+FFFD, which no rule
/// below accepts, so garbage is rejected rather than misread.
std::u32string decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        bool ok = true;
        for (int k = 1; k < len; ++k) {
            auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) { ok = false; break; }
            cp = (cp << 6) | (c & 0x3F);
        }
        // Overlong forms (C0 A0 for a blank), surrogates and values past U+10FFFF are not
        // UTF-8: reading them as characters would let hidden bytes pass as blanks or digits.
        static constexpr char32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
        if (ok && (cp < kMinForLength[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)) ok = false;
        if (!ok) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

/// Full-width ASCII (Ｒ６, ＦＹ, ．) → ASCII; ideographic and other blanks → ' '.
char32_t fold(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
    if (c == 0x3000 || c == 0x00A0 || c == U'\t' || c == U'\r' || c == U'\n' || (c >= 0x2000 && c <= 0x200A))
        return U' ';
    return c;
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

enum class Era { None, Reiwa, Heisei, Showa };

struct EraInfo {
    const char* name;
    int offset;    ///< Western year = offset + era year
    int last;      ///< last era year a fiscal year may carry (0 = open)
};

EraInfo info(Era e) {
    switch (e) {
        case Era::Reiwa: return {"令和", 2018, 0};
        case Era::Heisei: return {"平成", 1988, 31};
        case Era::Showa: return {"昭和", 1925, 64};
        case Era::None: break;
    }
    return {"", 0, 0};
}

class Cursor {
public:
    explicit Cursor(std::u32string s) : s_(std::move(s)) {}
    bool done() const { return i_ >= s_.size(); }
    char32_t peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : 0; }
    void skip(std::size_t k = 1) { i_ += k; }
    void skip_blanks() { while (!done() && s_[i_] == U' ') ++i_; }
    bool eat(std::u32string_view w) {
        if (s_.compare(i_, w.size(), w) != 0) return false;
        i_ += w.size();
        return true;
    }
    /// Reads a run of ASCII digits; `count` receives its length. Values beyond 10^6 saturate.
    long digits(std::size_t& count) {
        long v = 0;
        count = 0;
        while (!done() && is_digit(s_[i_])) {
            if (v < 1000000) v = v * 10 + (s_[i_] - U'0');
            ++i_;
            ++count;
        }
        return v;
    }
private:
    std::u32string s_;
    std::size_t i_ = 0;
};

std::optional<int> fail(std::string* error, std::string why) {
    if (error) *error = std::move(why);
    return std::nullopt;
}

std::optional<int> in_range(long year, std::string* error) {
    if (year < kMinYear || year > kMaxYear)
        return fail(error, "year " + std::to_string(year) + " is outside 1900-2100");
    return static_cast<int>(year);
}

Era read_era(Cursor& c) {
    if (c.eat(U"令和") || c.eat(U"令") || c.eat(U"\u32FF")) return Era::Reiwa;   // ㋿
    if (c.eat(U"平成") || c.eat(U"平") || c.eat(U"\u337B")) return Era::Heisei;  // ㍻
    if (c.eat(U"昭和") || c.eat(U"昭") || c.eat(U"\u337C")) return Era::Showa;   // ㍼
    // A Latin letter is an era only when a year follows ("R6", "r.6", "R 6", "R元").
    Era latin = Era::None;
    switch (c.peek()) {
        case U'R': case U'r': latin = Era::Reiwa; break;
        case U'H': case U'h': latin = Era::Heisei; break;
        case U'S': case U's': latin = Era::Showa; break;
        default: return Era::None;
    }
    std::size_t k = 1;
    if (c.peek(k) == U'.') ++k;
    while (c.peek(k) == U' ') ++k;
    if (!is_digit(c.peek(k)) && c.peek(k) != U'元') return Era::None;
    c.skip(k);
    return latin;
}

/// "2024-04-01", "2024/4/1", "2024-04": the fiscal year containing that date (April–March).
std::optional<int> read_date_tail(Cursor& c, long year, std::string* error) {
    char32_t sep = c.peek();
    c.skip();
    std::size_t n = 0;
    long month = c.digits(n);
    if (n == 0 || n > 2 || month < 1 || month > 12) return fail(error, "not a fiscal year (bad month)");
    if (c.peek() == sep) {
        c.skip();
        long day = c.digits(n);
        if (n == 0 || n > 2 || day < 1 || day > 31) return fail(error, "not a fiscal year (bad day)");
    }
    c.skip_blanks();
    if (!c.done()) return fail(error, "not a fiscal year");
    return in_range(month >= 4 ? year : year - 1, error);
}

void eat_suffix(Cursor& c) {
    c.skip_blanks();
    if (!c.eat(U"年度")) c.eat(U"年");
    c.skip_blanks();
}

}  // namespace

std::optional<int> parse_fiscal_year(std::string_view text, std::string* error) {
    std::u32string s = decode(text);
    for (auto& ch : s) ch = fold(ch);
    Cursor c(std::move(s));
    c.skip_blanks();
    if (c.done()) return fail(error, "empty");

    bool fy_prefix = false;
    if ((c.peek() == U'F' || c.peek() == U'f') && (c.peek(1) == U'Y' || c.peek(1) == U'y')) {
        c.skip(2);
        if (c.peek() == U'.') c.skip();
        c.skip_blanks();
        fy_prefix = true;
    }
    Era era = fy_prefix ? Era::None : read_era(c);

    if (era != Era::None) {
        c.skip_blanks();
        long n = 0;
        if (c.eat(U"元")) {
            n = 1;
        } else {
            std::size_t count = 0;
            n = c.digits(count);
            if (count == 0) return fail(error, "not a fiscal year (no year after the era)");
            if (count > 2) return fail(error, "not a fiscal year (era year has more than 2 digits)");
        }
        eat_suffix(c);
        if (!c.done()) return fail(error, "not a fiscal year");
        EraInfo e = info(era);
        if (n == 0) return fail(error, std::string(e.name) + " has no year 0 (the first year is 元年)");
        if (e.last != 0 && n > e.last)
            return fail(error, std::string("beyond the end of ") + e.name + " (last: " + e.name +
                                   std::to_string(e.last) + "年度)");
        return in_range(e.offset + n, error);
    }

    std::size_t count = 0;
    long year = c.digits(count);
    if (count == 0) return fail(error, "not a fiscal year");
    if (count != 4) {
        if (count < 4) return fail(error, "not a fiscal year (a year without an era needs 4 digits)");
        if (count > 4) return fail(error, "not a fiscal year (more than 4 digits)");
        return fail(error, "not a fiscal year");
    }
    if (!fy_prefix && (c.peek() == U'-' || c.peek() == U'/')) return read_date_tail(c, year, error);
    if (c.peek() == U'.') {  // "2024.0" from a numeric spreadsheet column
        c.skip();
        std::size_t zeros = 0;
        while (c.peek() == U'0') { c.skip(); ++zeros; }
        if (zeros == 0) return fail(error, "not a fiscal year");
    }
    eat_suffix(c);
    if (!c.done()) return fail(error, "not a fiscal year");
    return in_range(year, error);
}

// Era of a fiscal year. Heisei ended on 2019-04-30, so FY2019 (from 2019-04-01) began in
// 平成31年 by the calendar, but the government's own documents and registers call FY2019
// 令和元年度 (the era name in force for most of the year, as announced on 2019-04-01).
// We therefore write 令和 from FY2019 on; parse_fiscal_year still accepts 平成31年度 = 2019,
// because budgets drawn up before the change used it. The same holds for 昭和64/平成元.
std::string format_wareki(int fiscal_year, const WarekiOptions& options) {
    std::string era;
    int n = 0;
    if (fiscal_year >= 2019) { era = "令和"; n = fiscal_year - 2018; }
    else if (fiscal_year >= 1989) { era = "平成"; n = fiscal_year - 1988; }
    else if (fiscal_year >= 1926) { era = "昭和"; n = fiscal_year - 1925; }
    std::string number = era.empty() ? std::to_string(fiscal_year) : n == 1 ? "元" : std::to_string(n);
    if (options.full_width_digits) number = to_full_width_digits(number);
    std::string out = era + number;
    if (options.with_suffix) out += "年度";
    return out;
}

std::string to_full_width_digits(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char ch : text) {
        if (ch >= '0' && ch <= '9') {
            // U+FF10 + d = EF BC 90+d
            out += '\xEF';
            out += '\xBC';
            out += static_cast<char>(0x90 + (ch - '0'));
        } else {
            out += ch;
        }
    }
    return out;
}

std::string to_half_width_digits(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i + 2 < text.size() && text[i] == '\xEF' && text[i + 1] == '\xBC' &&
            static_cast<unsigned char>(text[i + 2]) >= 0x90 && static_cast<unsigned char>(text[i + 2]) <= 0x99) {
            out += static_cast<char>('0' + (static_cast<unsigned char>(text[i + 2]) - 0x90));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace ipmap
