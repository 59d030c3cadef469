#pragma once
// The sheet's page regions and the map-to-paper transform (pure arithmetic).
#include "config/map_spec.hpp"
#include "core/geometry.hpp"

namespace ipmap {

/// Regions of the page in mm.
struct PageFrame {
    Box page;        ///< whole sheet
    Box printable;   ///< inside the margins
    Box title_band;  ///< title and subtitle
    Box map_frame;   ///< the map's neatline
    Box footer;      ///< source line and credits
};

PageFrame compute_page_frame(const PageSpec& page, double title_band_mm, double footer_mm);

/// Maps map-CRS coordinates (x east, y north) onto the page (mm, y down), north up.
struct PaperTransform {
    Box extent;           ///< map area shown, same aspect as `frame`
    Box frame;            ///< on the page
    double mm_per_unit = 1;

    XY to_page(XY p) const {
        return {frame.minx + (p.x - extent.minx) * mm_per_unit, frame.miny + (extent.maxy - p.y) * mm_per_unit};
    }
    XY to_map(XY p) const {
        return {extent.minx + (p.x - frame.minx) / mm_per_unit, extent.maxy - (p.y - frame.miny) / mm_per_unit};
    }
    /// Scale denominator when map units are metres (1:N).
    double scale_denominator() const { return 1000.0 / mm_per_unit; }
};

/// Grows `area` by padding_percent on each side, then to the aspect ratio of `frame`
/// around its centre, and returns the transform. Throws std::invalid_argument when `area` is
/// empty or not finite (there is nothing to fit).
PaperTransform fit_extent(const Box& area, double padding_percent, const Box& frame);

}  // namespace ipmap
