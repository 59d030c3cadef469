#include <catch2/catch.hpp>

#include "classify/status.hpp"

using namespace ipmap;

namespace {

Work make(std::optional<int> start, std::optional<int> end, std::optional<double> progress,
          std::optional<Status> status = std::nullopt) {
    Work w;
    w.id = "K-001";
    w.start_fy = start;
    w.end_fy = end;
    w.progress = progress;
    w.status = status;
    return w;
}

}  // namespace

TEST_CASE("classify_status derives the status when the register leaves it empty", "[status]") {
    const int fy = 2024;
    struct Row {
        std::optional<int> start, end;
        std::optional<double> progress;
        Status expected;
    };
    const Row table[] = {
        // completed: progress >= 100 or end year before the sheet's year
        {2020, 2026, 100.0, Status::Completed},
        {std::nullopt, std::nullopt, 100.0, Status::Completed},
        {2030, std::nullopt, 100.0, Status::Completed},  // progress wins over a future start
        {2018, 2023, 80.0, Status::Completed},
        {2018, 2023, std::nullopt, Status::Completed},
        // planned: start after the year, or no start and no progress
        {2025, 2028, std::nullopt, Status::Planned},
        {2025, 2028, 0.0, Status::Planned},
        {std::nullopt, std::nullopt, std::nullopt, Status::Planned},
        {std::nullopt, std::nullopt, 0.0, Status::Planned},
        {std::nullopt, 2028, std::nullopt, Status::Planned},
        // in progress otherwise
        {2024, 2026, std::nullopt, Status::InProgress},  // starts this year
        {2020, 2024, 50.0, Status::InProgress},           // ends this year
        {2020, std::nullopt, 0.0, Status::InProgress},
        {std::nullopt, std::nullopt, 45.0, Status::InProgress},
        {2020, 2030, 99.9, Status::InProgress},
    };
    for (const auto& r : table) {
        INFO("start " << r.start.value_or(0) << " end " << r.end.value_or(0) << " progress "
                      << r.progress.value_or(-1));
        auto d = classify_status(make(r.start, r.end, r.progress), fy);
        CHECK(d.status == r.expected);
        CHECK(d.derived);
        CHECK_FALSE(d.note.empty());
    }
}

TEST_CASE("classify_status lets the register's status win and notes a disagreement", "[status]") {
    auto agree = classify_status(make(2020, 2023, 100.0, Status::Completed), 2024);
    CHECK(agree.status == Status::Completed);
    CHECK_FALSE(agree.derived);
    CHECK(agree.note.empty());

    auto disagree = classify_status(make(2026, 2028, std::nullopt, Status::Completed), 2024);
    CHECK(disagree.status == Status::Completed);
    CHECK_FALSE(disagree.derived);
    CHECK_THAT(disagree.note, Catch::Contains("令和8年度"));

    // "No start, no progress" is a default, not evidence: no note against a register's 事業中.
    auto quiet = classify_status(make(std::nullopt, std::nullopt, std::nullopt, Status::InProgress), 2024);
    CHECK(quiet.status == Status::InProgress);
    CHECK(quiet.note.empty());
}

TEST_CASE("parse_status reads the register's words", "[status]") {
    CHECK(parse_status("完成") == Status::Completed);
    CHECK(parse_status("完了") == Status::Completed);
    CHECK(parse_status("供用") == Status::Completed);
    CHECK(parse_status("事業中") == Status::InProgress);
    CHECK(parse_status("施工中") == Status::InProgress);
    CHECK(parse_status("継続") == Status::InProgress);
    CHECK(parse_status("未着手") == Status::Planned);
    CHECK(parse_status("計画") == Status::Planned);
    CHECK(parse_status("予定") == Status::Planned);
    CHECK(parse_status("\xE3\x80\x80事業\xE3\x80\x80中 ") == Status::InProgress);  // full-width blanks
    CHECK(parse_status(" completed ") == Status::Completed);
    CHECK(parse_status("In_Progress") == Status::InProgress);
    CHECK_FALSE(parse_status(""));
    CHECK_FALSE(parse_status("中止"));
    CHECK_FALSE(parse_status("完成?"));
}

TEST_CASE("parse_owner tells national from Hokkaido offices", "[status]") {
    CHECK(parse_owner("国") == Owner::National);
    CHECK(parse_owner("国土交通省") == Owner::National);
    CHECK(parse_owner("北海道開発局") == Owner::National);
    CHECK(parse_owner("小樽開発建設部") == Owner::National);
    CHECK(parse_owner("小樽開建") == Owner::National);
    CHECK(parse_owner("国（小樽開建）") == Owner::National);
    CHECK(parse_owner("\xE3\x80\x80国 ") == Owner::National);
    CHECK(parse_owner("道") == Owner::Hokkaido);
    CHECK(parse_owner("北海道") == Owner::Hokkaido);
    CHECK(parse_owner("後志総合振興局") == Owner::Hokkaido);
    CHECK(parse_owner("北海道建設部") == Owner::Hokkaido);
    CHECK(parse_owner("倶知安町") == Owner::Other);
    CHECK(parse_owner("国道") == Owner::Other);
    CHECK(parse_owner("") == Owner::Other);
}
