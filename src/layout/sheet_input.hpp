#pragma once
// What the layout stage needs to compose one sheet: plain data in the map CRS.
#include <map>
#include <string>
#include <vector>

#include "config/map_spec.hpp"
#include "core/work.hpp"

namespace ipmap {

/// A work with its status for the sheet's fiscal year and its geometry in the map CRS.
struct ClassifiedWork {
    Work work;                 ///< geometry already in the map CRS
    Status status = Status::Planned;
    bool status_derived = false;
};

/// A base layer in the map CRS.
struct BaseLayer {
    const LayerSpec* spec = nullptr;
    std::vector<Feature> features;
};

/// One sheet to compose.
struct SheetInput {
    const MapSpec* map = nullptr;
    std::string crs;                    ///< the map CRS used ("EPSG:6679")
    std::string crs_label;              ///< for the footer ("平面直角座標系 第XI系")
    int fiscal_year = 0;
    std::string title;
    std::string subtitle;               ///< already formatted
    Box extent;                         ///< area to show in the map CRS (before fitting to the frame)
    double padding_percent = 3;         ///< grows `extent` on each side before fitting
    std::vector<const BaseLayer*> layers;   ///< base layers in draw order (not the inset layer)
    const BaseLayer* municipalities = nullptr;
    const BaseLayer* inset = nullptr;
    Box inset_extent;                   ///< area the inset shows (empty = the inset layer's bounds)
    std::string focus_code;             ///< atlas: municipality code the sheet is about
    std::vector<const ClassifiedWork*> works;  ///< candidates for the sheet (all, or the sheet's)
    double true_north_deg = 0;          ///< angle of true north, clockwise from grid north
};

/// What happened to a work on a sheet.
struct WorkFate {
    std::string id;
    std::string name;
    std::string fate;     ///< drawn, callout, drawn+callout, not_shown
    std::string reason;   ///< why not shown, or why a callout
    std::string status;   ///< 完成 / 事業中 / 未着手 for this year
    bool status_derived = false;
    std::string callout_text;
    /// Bracketed works of several municipalities: the codes no clear leader reaches.
    std::vector<std::string> unreached_municipalities;
};

}  // namespace ipmap
