#include <catch2/catch.hpp>

#include <cstdio>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "atlas/progress.hpp"

using namespace ipmap;

namespace {

/// What the progress writer printed into a temporary file.
struct Capture {
    std::FILE* f = std::tmpfile();
    ~Capture() {
        if (f) std::fclose(f);
    }
    std::string text() const {
        std::fflush(f);
        std::rewind(f);
        std::string s;
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
        return s;
    }
};

/// The bar's frames: the text between a carriage return and the next one or a newline
/// (an erase-line sequence after the return starts a message, not a frame).
std::vector<std::string> frames(const std::string& s) {
    std::vector<std::string> out;
    std::size_t p = 0;
    while ((p = s.find('\r', p)) != std::string::npos) {
        std::size_t q = s.find_first_of("\r\n", p + 1);
        std::string f = s.substr(p + 1, q == std::string::npos ? std::string::npos : q - p - 1);
        if (f.rfind("\033[K", 0) != 0) out.push_back(f);
        p = p + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("progress bar: one frame per sheet with count, rate, time left and failures", "[atlas][progress]") {
    Capture cap;
    REQUIRE(cap.f);
    Progress p(4, Progress::Mode::Bar, cap.f);
    p.done("01400_倶知安町", true, 0.1);
    p.done("01401_ニセコ町", false, 0.1, "cannot write 01401_ニセコ町.pdf");
    p.done("01402_真狩村", true, 0.1);
    std::string before_finish = cap.text();
    // The bar redraws one line: the only newline so far ends the failure's message.
    CHECK(before_finish.find('\n') == before_finish.rfind('\n'));
    CHECK(before_finish.find("FAILED") < before_finish.find('\n'));
    p.done("01403_留寿都村", true, 0.1);
    p.finish();
    const std::string s = cap.text();
    const auto fr = frames(s);
    REQUIRE(fr.size() == 4);
    const std::regex frame(R"(\[(#*)(\.*)\] (\d+)/4 sheets  (\d+\.\d) sheets/s  (\d+) s left(  (\d+) failed)?\s*)");
    for (int i = 0; i < 4; ++i) {
        std::smatch m;
        INFO(fr[i]);
        REQUIRE(std::regex_match(fr[i], m, frame));
        CHECK(m[1].length() + m[2].length() == 30);
        CHECK(m[1].length() == (i + 1) * 30 / 4);  // the bar fills with the count
        CHECK(std::stoi(m[3]) == i + 1);
        if (i == 0) CHECK_FALSE(m[6].matched);
        else CHECK(m[7] == "1");  // the failure stays on the bar once it happened
    }
    CHECK(std::regex_search(fr[3], std::regex(R"( 0 s left)")));  // nothing left at the end
    CHECK(s.back() == '\n');                                       // finish() ends the line
    // The failure is printed once, on its own line above the bar, the bar erased first.
    CHECK(s.find("\r\033[K01401_ニセコ町 FAILED: cannot write 01401_ニセコ町.pdf\n") != std::string::npos);
    CHECK(s.find("FAILED") == s.rfind("FAILED"));
}

TEST_CASE("progress lines: one plain line per sheet, for logs", "[atlas][progress]") {
    Capture cap;
    REQUIRE(cap.f);
    Progress p(3, Progress::Mode::Lines, cap.f);
    p.done("01400_倶知安町", true, 0.25);
    p.done("01401_ニセコ町", false, 1.5, "no such layer");
    p.finish();
    const std::string s = cap.text();
    CHECK(s == "[1/3] 01400_倶知安町 ok 0.25 s\n[2/3] 01401_ニセコ町 FAILED 1.50 s: no such layer\n");
    CHECK(s.find('\r') == std::string::npos);
}

TEST_CASE("progress quiet: prints nothing", "[atlas][progress]") {
    Capture cap;
    REQUIRE(cap.f);
    Progress p(2, Progress::Mode::Quiet, cap.f);
    p.done("a", true, 0.1);
    p.done("b", false, 0.1);
    p.finish();
    CHECK(cap.text().empty());
}

TEST_CASE("progress: a regular file is not a terminal, so automatic mode writes lines", "[atlas][progress]") {
    Capture cap;
    REQUIRE(cap.f);
    CHECK(Progress::automatic(cap.f) == Progress::Mode::Lines);
}

TEST_CASE("progress: workers reporting at once give every count exactly once", "[atlas][progress]") {
    Capture cap;
    REQUIRE(cap.f);
    const int threads = 8, each = 40, total = threads * each;
    Progress p(total, Progress::Mode::Lines, cap.f);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (int i = 0; i < each; ++i) p.done("sheet_" + std::to_string(t) + "_" + std::to_string(i), true, 0.0);
        });
    for (auto& th : pool) th.join();
    p.finish();
    const std::string s = cap.text();
    std::vector<int> seen(total + 1, 0);
    const std::regex line(R"(\[(\d+)/(\d+)\] sheet_\d+_\d+ ok 0\.00 s)");
    int lines = 0;
    for (std::size_t a = 0, b; (b = s.find('\n', a)) != std::string::npos; a = b + 1) {
        std::smatch m;
        const std::string l = s.substr(a, b - a);
        INFO(l);
        REQUIRE(std::regex_match(l, m, line));  // no line torn by another thread
        CHECK(std::stoi(m[2]) == total);
        ++seen[std::stoi(m[1])];
        ++lines;
    }
    CHECK(lines == total);
    for (int k = 1; k <= total; ++k) CHECK(seen[k] == 1);
}
