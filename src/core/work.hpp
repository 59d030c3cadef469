#pragma once
// The works register in ipmap's canonical fields, and generic base-map features.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry.hpp"

namespace ipmap {

/// Who carries out a work: the national government (国, e.g. 小樽開発建設部) or Hokkaido (道).
enum class Owner { National, Hokkaido, Other };

/// A work's state in the fiscal year the sheet shows.
enum class Status { Completed, InProgress, Planned };

/// Where a value came from in the source, so that every message can name it.
struct SourceRef {
    std::string file;    ///< path of the OGR source as configured
    std::string layer;   ///< OGR layer name
    long long fid = -1;  ///< OGR feature id
    long long row = -1;  ///< 1-based position in the layer, as a spreadsheet user counts
};

/// One work of the register, after field mapping (see layers/*.toml).
struct Work {
    std::string id;                          ///< unique within the register
    std::string name;                        ///< 事業名
    Owner owner = Owner::Other;              ///< 事業主体
    std::string owner_label;                 ///< the register's own text for the owner ("国", "道", ...)
    std::string category;                    ///< 事業区分: 道路, 河川, 港湾, 漁港, 砂防, ...
    std::optional<int> start_fy;             ///< 着手年度 as a Western fiscal year (FY2019 = 令和元年度)
    std::optional<int> end_fy;               ///< 完成予定年度
    std::optional<double> progress;          ///< 進捗率, 0..100
    std::optional<Status> status;            ///< 状態 as given by the register (may be absent)
    std::string fy_work;                     ///< 当該年度事業内容
    std::vector<std::string> municipalities; ///< N03 codes (市町村コード)
    std::vector<int> projects;               ///< supported regional projects, 1..3 (①②③)
    std::map<std::string, std::string> extra;///< unmapped source columns, kept for templates
    Geometry geometry;                       ///< in the layer's CRS until reprojected
    std::string layer_id;                    ///< id of the layer definition it came from
    SourceRef source;
};

/// A feature of a base-map layer (municipalities, coastline, ...): attributes by canonical name.
struct Feature {
    std::map<std::string, std::string> attrs;
    Geometry geometry;
    SourceRef source;

    const std::string& attr(const std::string& key) const {
        static const std::string none;
        auto it = attrs.find(key);
        return it == attrs.end() ? none : it->second;
    }
};

inline const char* to_string(Status s) {
    switch (s) {
        case Status::Completed: return "完成";
        case Status::InProgress: return "事業中";
        case Status::Planned: return "未着手";
    }
    return "";
}

inline const char* to_key(Status s) {
    switch (s) {
        case Status::Completed: return "completed";
        case Status::InProgress: return "in_progress";
        case Status::Planned: return "planned";
    }
    return "";
}

inline const char* to_key(Owner o) {
    switch (o) {
        case Owner::National: return "national";
        case Owner::Hokkaido: return "hokkaido";
        case Owner::Other: return "other";
    }
    return "";
}

}  // namespace ipmap
