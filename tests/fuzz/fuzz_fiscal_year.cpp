// Fuzz target: the fiscal year / 和暦 parser (classify/fiscal_year.hpp).
// Input: the text of one register cell. Invariants checked (abort on violation):
//  - a parsed year lies in 1900..2100 and a rejected text comes with a reason;
//  - text that is not valid UTF-8 (overlong forms included) is never read as a year;
//  - format_wareki(y) parses back to y, with ASCII or full-width digits, with or without 年度;
//  - full-width and ASCII digits are the same year: parse(s) == parse(to_half_width_digits(s));
//  - surrounding blanks (incl. U+3000) do not change the result.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "classify/fiscal_year.hpp"
#include "fuzz_support.hpp"

namespace {

using ipmap_fuzz::escaped;
using ipmap_fuzz::fail;

std::string show(const std::optional<int>& y) { return y ? std::to_string(*y) : std::string("none"); }

void expect_same(const std::string& what, const std::string& text, const std::optional<int>& want,
                 const std::string& other) {
    auto got = ipmap::parse_fiscal_year(other);
    if (got != want)
        fail(what + ": parse(\"" + escaped(text) + "\") = " + show(want) + " but parse(\"" + escaped(other) +
             "\") = " + show(got));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 4096) return -1;  // a register cell; longer texts only slow the search down
    const std::string text(reinterpret_cast<const char*>(data), size);

    std::string why;
    const std::optional<int> year = ipmap::parse_fiscal_year(text, &why);
    if (!year) {
        if (why.empty()) fail("no reason given for rejecting \"" + escaped(text) + "\"");
    } else {
        const int y = *year;
        // fiscal_year.cpp: "an invalid byte becomes U+FFFD, which no rule below accepts, so
        // garbage is rejected rather than misread" (overlong forms included).
        if (!ipmap_fuzz::is_valid_utf8(text))
            fail("invalid UTF-8 \"" + escaped(text) + "\" read as fiscal year " + std::to_string(y));
        if (y < 1900 || y > 2100) fail("\"" + escaped(text) + "\" parsed to " + std::to_string(y) + ", outside 1900-2100");
        for (bool full_width : {false, true}) {
            for (bool suffix : {true, false}) {
                ipmap::WarekiOptions o;
                o.full_width_digits = full_width;
                o.with_suffix = suffix;
                const std::string w = ipmap::format_wareki(y, o);
                std::string why_back;
                auto back = ipmap::parse_fiscal_year(w, &why_back);
                if (back != year)
                    fail("format_wareki(" + std::to_string(y) + ", full_width=" + std::to_string(full_width) +
                         ", suffix=" + std::to_string(suffix) + ") = \"" + escaped(w) + "\" parses to " + show(back) +
                         (back ? "" : " (" + why_back + ")"));
            }
        }
    }

    // Metamorphic checks: same answer for the half-width spelling and with blanks around it.
    expect_same("full-width digits", text, year, ipmap::to_half_width_digits(text));
    expect_same("surrounding blanks", text, year, " " + text + "\u3000");
    return 0;
}
