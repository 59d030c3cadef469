#include <catch2/catch.hpp>

#include "classify/fiscal_year.hpp"

using namespace ipmap;

TEST_CASE("parse_fiscal_year reads every form offices write", "[fiscal_year]") {
    struct Case {
        const char* text;
        int year;
    };
    const Case cases[] = {
        // header examples
        {"2024", 2024},
        {"2024年度", 2024},
        {"FY2024", 2024},
        {"R6", 2024},
        {"R06", 2024},
        {"令和6年度", 2024},
        {"令和６年度", 2024},
        {"令和元年度", 2019},
        {"H30", 2018},
        {"平成30年度", 2018},
        {"平成３０年", 2018},
        {"S63", 1988},
        {"昭和63年度", 1988},
        // era boundaries
        {"平成31年度", 2019},
        {"平成元年度", 1989},
        {"昭和64年", 1989},
        {"昭和元年度", 1926},
        {"R1", 2019},
        {"R元", 2019},
        // variants
        {"  2024  ", 2024},
        {"\xE3\x80\x80令和6年度\xE3\x80\x80", 2024},  // U+3000 around
        {"２０２４", 2024},
        {"２０２４年度", 2024},
        {"2024年", 2024},
        {"fy2024", 2024},
        {"FY 2024", 2024},
        {"ＦＹ２０２４", 2024},
        {"r6", 2024},
        {"h30", 2018},
        {"s63", 1988},
        {"R.6", 2024},
        {"R 6", 2024},
        {"R6年度", 2024},
        {"Ｒ６", 2024},
        {"令和 6 年度", 2024},
        {"令6", 2024},
        {"平30", 2018},
        {"\xE3\x8B\xBF" "6", 2024},  // ㋿6
        {"2024.0", 2024},
        {"1900", 1900},
        {"2100", 2100},
        {"2024-03-31", 2023},
        {"2024/4/1", 2024},
    };
    for (const auto& c : cases) {
        INFO("text: " << c.text);
        std::string why;
        auto y = parse_fiscal_year(c.text, &why);
        INFO("error: " << why);
        REQUIRE(y);
        CHECK(*y == c.year);
    }
}

TEST_CASE("parse_fiscal_year rejects what is not a fiscal year, with a reason", "[fiscal_year]") {
    struct Case {
        const char* text;
        const char* reason_part;
    };
    const Case cases[] = {
        {"令和0年度", "year 0"},
        {"R0", "year 0"},
        {"平成32年度", "beyond the end of 平成"},
        {"H32", "beyond the end of 平成"},
        {"昭和65年", "beyond the end of 昭和"},
        {"abc", "not a fiscal year"},
        {"未定", "not a fiscal year"},
        {"", "empty"},
        {"  \xE3\x80\x80 ", "empty"},
        {"20245", "not a fiscal year"},
        {"-2024", "not a fiscal year"},
        {"1899", "outside 1900-2100"},
        {"2101", "outside 1900-2100"},
        {"令和83年度", "outside 1900-2100"},
        {"6", "4 digits"},
        {"24年度", "4 digits"},
        {"令和", "no year"},
        {"令和6年度です", "not a fiscal year"},
        {"2024.5", "not a fiscal year"},
        {"R123", "more than 2 digits"},
        {"2024-13-01", "bad month"},
        {"FY", "not a fiscal year"},
        {"大正10年", "not a fiscal year"},
        {"\xFF\xFE" "2024", "not a fiscal year"},
        {"2024年度\x01", "not a fiscal year"},
    };
    for (const auto& c : cases) {
        INFO("text: '" << c.text << "'");
        std::string why;
        auto y = parse_fiscal_year(c.text, &why);
        CHECK_FALSE(y);
        CHECK_THAT(why, Catch::Contains(c.reason_part));
    }
    // The error pointer is optional.
    CHECK_FALSE(parse_fiscal_year("abc"));
}

TEST_CASE("format_wareki writes the era of the fiscal year", "[fiscal_year]") {
    CHECK(format_wareki(2024) == "令和6年度");
    CHECK(format_wareki(2019) == "令和元年度");
    CHECK(format_wareki(2020) == "令和2年度");
    CHECK(format_wareki(2018) == "平成30年度");
    CHECK(format_wareki(1989) == "平成元年度");
    CHECK(format_wareki(1988) == "昭和63年度");
    CHECK(format_wareki(1926) == "昭和元年度");
    CHECK(format_wareki(1925) == "1925年度");
    CHECK(format_wareki(2024, {true, true}) == "令和６年度");
    CHECK(format_wareki(2030, {true, false}) == "令和１２");
    CHECK(format_wareki(2019, {true, true}) == "令和元年度");
    CHECK(format_wareki(2024, {false, false}) == "令和6");
}

TEST_CASE("format_wareki and parse_fiscal_year round-trip 1989 to 2030", "[fiscal_year]") {
    for (int fy = 1989; fy <= 2030; ++fy) {
        for (bool full : {false, true}) {
            for (bool suffix : {false, true}) {
                std::string w = format_wareki(fy, {full, suffix});
                INFO(fy << " -> " << w);
                auto back = parse_fiscal_year(w);
                REQUIRE(back);
                CHECK(*back == fy);
            }
        }
    }
}

TEST_CASE("digit width conversion touches digits only", "[fiscal_year]") {
    CHECK(to_full_width_digits("令和6年度 R06") == "令和６年度 R０６");
    CHECK(to_half_width_digits("令和６年度 R０６") == "令和6年度 R06");
    CHECK(to_half_width_digits(to_full_width_digits("0123456789")) == "0123456789");
    CHECK(to_half_width_digits("ＡＢ") == "ＡＢ");
}

TEST_CASE("overlong UTF-8 is not read as blanks or digits", "[fiscal_year][utf8]") {
    CHECK_FALSE(ipmap::parse_fiscal_year("2024\xC0\xA0").has_value());               // overlong U+0020
    CHECK_FALSE(ipmap::parse_fiscal_year("\xC0\xB2\xC0\xB0\xC0\xB2\xC0\xB4").has_value());  // overlong "2024"
    CHECK_FALSE(ipmap::parse_fiscal_year("R\xE0\x80\xB6").has_value());               // overlong "6"
    CHECK(ipmap::parse_fiscal_year("2024\xC2\xA0").value_or(0) == 2024);               // a real NBSP is a blank
}
