#pragma once
// A work's status in the sheet's fiscal year.
#include <optional>
#include <string>

#include "core/work.hpp"

namespace ipmap {

struct StatusDecision {
    Status status = Status::Planned;
    bool derived = false;          ///< true when the register left 状態 empty
    std::string note;              ///< why, when derived or when register and years disagree
};

/// Status for fiscal year `fy`:
///  - the register's 状態 wins when given (a disagreement with the years is noted);
///  - else completed when progress >= 100 or end_fy < fy,
///  - planned when start_fy > fy, or start_fy is absent and progress is absent or 0,
///  - in progress otherwise.
/// A disagreement is noted only when years or progress are evidence (no start year and no
/// progress is a default, not evidence against a register's 事業中).
StatusDecision classify_status(const Work& work, int fy);

/// Parses a register's 状態 text: 完成/完了/供用 → Completed, 事業中/施工中/継続 → InProgress,
/// 未着手/計画/予定 → Planned. Also 完成済(み)/完了済(み)/供用済(み)/供用中/竣工, 継続中/工事中/
/// 実施中, 計画中/着手予定, and the keys completed/in_progress/planned (any case). Blanks
/// (incl. U+3000) anywhere are ignored; anything else → std::nullopt.
std::optional<Status> parse_status(const std::string& text);

/// Parses 事業主体: 国/国土交通省/開発局/開建 → National, 道/北海道/振興局 → Hokkaido.
/// National keywords are checked first (北海道開発局, 小樽開発建設部 are national); also
/// 国交省/農林水産省/水産庁/林野庁, "国（…）", 道庁, "道（…）", national/hokkaido. Else Other.
Owner parse_owner(const std::string& text);

}  // namespace ipmap
