#pragma once
// The Japan Plane Rectangular CS zone a municipality belongs to (map CRS "auto").
#include <optional>
#include <string>

namespace ipmap {

/// JGD2011 plane rectangular zone of a Hokkaido municipality as "EPSG:6679" (XI),
/// "EPSG:6680" (XII) or "EPSG:6681" (XIII), following 平成14年国土交通省告示第9号:
/// XI: 小樽市, 函館市, 伊達市, 北斗市, 後志, 渡島 and 檜山, and 豊浦町, 壮瞥町, 洞爺湖町 of 胆振;
/// XIII: 北見市, 帯広市, 釧路市, 網走市, 根室市, 十勝, 釧路, 根室, and 美幌町, 津別町, 斜里町,
/// 清里町, 小清水町, 訓子府町, 置戸町, 佐呂間町, 大空町 of オホーツク; XII: the rest of Hokkaido.
/// std::nullopt outside Hokkaido (municipality code not starting with "01").
std::optional<std::string> hokkaido_plane_zone(const std::string& code, const std::string& subpref,
                                               const std::string& name);

/// Whether `name` is one of Hokkaido's 14 subprefectures (総合振興局 / 振興局) as N03 spells them.
bool is_hokkaido_subprefecture(const std::string& name);

}  // namespace ipmap
