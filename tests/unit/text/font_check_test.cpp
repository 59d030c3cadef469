#include <catch2/catch.hpp>

#include "text/font_check.hpp"

TEST_CASE("the Japanese map font is installed and a made-up one is not", "[text][font]") {
    CHECK_FALSE(ipmap::font_substitute("Noto Sans CJK JP").has_value());
    CHECK_FALSE(ipmap::font_substitute("noto sans cjk jp").has_value());
    auto sub = ipmap::font_substitute("Hiragino Imaginary Gothic W9");
    REQUIRE(sub.has_value());
    CHECK(!sub->empty());
}
