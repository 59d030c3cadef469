#include <catch2/catch.hpp>

#include "text/font_check.hpp"

TEST_CASE("the Japanese map font is installed and a made-up one is not", "[text][font]") {
    CHECK_FALSE(ipmap::font_substitute("Noto Sans CJK JP").has_value());
    CHECK_FALSE(ipmap::font_substitute("noto sans cjk jp").has_value());
    auto sub = ipmap::font_substitute("Hiragino Imaginary Gothic W9");
    REQUIRE(sub.has_value());
    CHECK(!sub->empty());
}

TEST_CASE("a family list is split into its installed and missing families", "[text][font]") {
    using ipmap::font_families;
    CHECK(font_families("Noto Sans, Noto Sans CJK JP") == std::vector<std::string>{"Noto Sans", "Noto Sans CJK JP"});
    CHECK(font_families("  Noto Sans CJK JP ") == std::vector<std::string>{"Noto Sans CJK JP"});
    CHECK(font_families("A,, B ,") == std::vector<std::string>{"A", "B"});
    CHECK(font_families(" , ").empty());
    // The style's Latin font is installed by scripts/setup.sh (fonts-noto-core).
    CHECK_FALSE(ipmap::font_substitute("Noto Sans").has_value());
}
