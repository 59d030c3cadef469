#pragma once
// Private to src/place: area covered by polygons on a regular raster of square cells,
// answered for any box through a summed-area table (the soft costs of land and work
// polygons under a balloon).
//
// add() rasterises a polygon's rings by signed-area accumulation (as font rasterisers
// do): every edge leaves, in each cell it crosses, the exact area of the cell to the
// right of it, and a running sum along each row turns that into the winding number
// integrated over each cell. For a valid polygon (holes inside the shell, no self-
// intersection) that is the exact covered area, in O(edges + cells crossed + cells).
#include <vector>

#include "core/geometry.hpp"

namespace ipmap::place::detail {

class CoverageRaster {
public:
    /// Cells of `cell` mm from the extent's top-left corner; the last row and column may
    /// reach past the extent.
    CoverageRaster(const Box& extent, double cell);

    /// Adds the area the polygon covers in each cell. The polygon must be valid; ring
    /// orientation does not matter. Non-finite points and repeated points are skipped, a
    /// ring left with fewer than 3 points is ignored, and a polygon whose exterior ring
    /// is ignored adds nothing (as GEOS would build it). Parts off the raster are cut off.
    /// Overlapping polygons add up.
    void add(const Polygon& poly);

    /// Builds the summed-area table; add() must not be called after this.
    void finish();

    bool empty() const { return sat_.empty(); }
    int nx() const { return nx_; }
    int ny() const { return ny_; }
    double cell() const { return cell_; }

    /// Covered area inside b (mm²): exact for boxes on cell boundaries, otherwise the
    /// coverage is taken as uniform within each cell.
    double area(const Box& b) const;

private:
    void add_ring(const Path& pts, double sign);
    void add_edge(double x0, double y0, double x1, double y1, double sign);
    void add_row(int j, double xa, double xb, double dy);
    double integral(double x, double y) const;

    Box ext_;
    double cell_;
    int nx_ = 1, ny_ = 1;
    std::vector<double> acc_;  ///< per row nx_ + 1 slots: area right of the edges, in cell units
    std::vector<double> sat_;
};

}  // namespace ipmap::place::detail
