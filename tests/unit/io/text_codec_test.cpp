#include <catch2/catch.hpp>

#include <stdexcept>

#include "io/text_codec.hpp"

using namespace ipmap::io_detail;

namespace {
const std::string kFffd = "\xEF\xBF\xBD";
}

TEST_CASE("text codec: UTF-8 checks, shortening and iconv recoding", "[io][utf8]") {
    SECTION("UTF-8 validation follows the Unicode rules") {
        CHECK(is_valid_utf8(""));
        CHECK(is_valid_utf8("abc"));
        CHECK(is_valid_utf8("倶知安町 ① 🗾"));
        CHECK_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
        CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong '/'
        CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
        CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // > U+10FFFF
        CHECK_FALSE(is_valid_utf8("\xE5\x80"));          // truncated
        CHECK_FALSE(is_valid_utf8("\x96\xbc\x8f\xcc"));  // CP932 名称
    }
    SECTION("sanitize_utf8 replaces each bad byte with U+FFFD and keeps good text") {
        bool changed = true;
        CHECK(sanitize_utf8("倶知安", changed) == "倶知安");
        CHECK_FALSE(changed);
        CHECK(sanitize_utf8("a\xFF" "b", changed) == "a" + kFffd + "b");
        CHECK(changed);
        CHECK(sanitize_utf8("x\xE5\x80", changed) == "x" + kFffd + kFffd);
        CHECK(sanitize_utf8("\xED\xA0\x80町", changed) == kFffd + kFffd + kFffd + "町");
    }
    SECTION("shorten_utf8 never cuts a character") {
        CHECK(shorten_utf8("abc", 5) == "abc");
        CHECK(shorten_utf8("倶知安町", 7) == "倶知...");  // 3 bytes each: 7 falls inside 安
        CHECK(shorten_utf8("倶知安町", 6) == "倶知...");
    }
    SECTION("encoding names") {
        CHECK(is_utf8_encoding(""));
        CHECK(is_utf8_encoding("utf8"));
        CHECK(is_utf8_encoding("UTF-8"));
        CHECK_FALSE(is_utf8_encoding("CP932"));
        CHECK(iconv_encoding_name("Shift_JIS") == "CP932");
        CHECK(iconv_encoding_name("sjis") == "CP932");
        CHECK(iconv_encoding_name("EUC-JP") == "EUC-JP");
        CHECK_THROWS_AS(Recoder("KLINGON-8"), std::invalid_argument);
    }
    SECTION("Recoder converts both ways and flags undecodable bytes") {
        Recoder r("CP932");
        std::string out;
        CHECK(r.to_utf8("\x87@\x8b\xe4\x92m\x88\xc0", out));
        CHECK(out == "①倶知安");
        CHECK(r.to_utf8("plain ascii", out));
        CHECK(out == "plain ascii");
        CHECK_FALSE(r.to_utf8("a\x82", out));  // lone lead byte at the end
        CHECK(out == "a" + kFffd);
        CHECK_FALSE(r.to_utf8("\xA0z", out));  // 0xA0 is unassigned in CP932
        CHECK(out == kFffd + "z");

        CHECK(r.from_utf8("完成", out));
        CHECK(out == "\x8a\xae\x90\xac");
        CHECK_FALSE(r.from_utf8("🗾", out));  // not representable

        Recoder utf16("UTF-16LE");  // ASCII bytes are not ASCII text here
        CHECK(utf16.to_utf8(std::string("A\0B\0", 4), out));
        CHECK(out == "AB");
    }
}
