#include "atlas/plane_zone.hpp"

#include <set>

namespace ipmap {

std::optional<std::string> hokkaido_plane_zone(const std::string& code, const std::string& subpref,
                                               const std::string& name) {
    if (code.rfind("01", 0) != 0) return std::nullopt;
    static const std::set<std::string> xi_cities{"小樽市", "函館市", "伊達市", "北斗市"};
    static const std::set<std::string> xi_subprefs{"後志総合振興局", "渡島総合振興局", "檜山振興局"};
    static const std::set<std::string> xi_iburi{"豊浦町", "壮瞥町", "洞爺湖町"};
    static const std::set<std::string> xiii_cities{"北見市", "帯広市", "釧路市", "網走市", "根室市"};
    static const std::set<std::string> xiii_subprefs{"十勝総合振興局", "釧路総合振興局", "根室振興局"};
    static const std::set<std::string> xiii_okhotsk{"美幌町", "津別町", "斜里町", "清里町", "小清水町",
                                                    "訓子府町", "置戸町", "佐呂間町", "大空町"};
    if (xi_cities.count(name) || xi_subprefs.count(subpref) || (subpref == "胆振総合振興局" && xi_iburi.count(name)))
        return "EPSG:6679";
    if (xiii_cities.count(name) || xiii_subprefs.count(subpref) ||
        (subpref == "オホーツク総合振興局" && xiii_okhotsk.count(name)))
        return "EPSG:6681";
    return "EPSG:6680";
}

bool is_hokkaido_subprefecture(const std::string& name) {
    static const std::set<std::string> all{"空知総合振興局", "石狩振興局",     "後志総合振興局", "胆振総合振興局",
                                           "日高振興局",     "渡島総合振興局", "檜山振興局",     "上川総合振興局",
                                           "留萌振興局",     "宗谷総合振興局", "オホーツク総合振興局", "十勝総合振興局",
                                           "釧路総合振興局", "根室振興局"};
    return all.count(name) > 0;
}

}  // namespace ipmap
