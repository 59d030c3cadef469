#pragma once
// Where on a feature a label or a callout leader attaches (page millimetres).
#include <vector>

#include "core/geometry.hpp"

namespace ipmap {

/// Centre of the largest circle inside the largest polygon part within `clip` (GEOS
/// MaximumInscribedCircle: the pole of inaccessibility); an empty vector when no part
/// is inside `clip`. One entry per polygon part, largest first, at most `max_parts`.
/// Boxes in `exclude` are cut out of the polygons first (e.g. panels over the map).
std::vector<XY> polygon_anchors(const std::vector<Polygon>& polygons, const Box& clip, std::size_t max_parts = 3,
                                const std::vector<Box>& exclude = {});

/// Points at 1/2, 1/4 and 3/4 of the length of the longest run of each line inside `clip`
/// (longest line first). Empty when no line enters `clip`.
std::vector<XY> line_anchors(const std::vector<Path>& lines, const Box& clip, std::size_t max_points = 4);

/// All anchors of a geometry inside `clip`: points, then lines (at most `max_line_points`),
/// then polygons (at most `max_polygon_parts` parts, largest first).
std::vector<XY> geometry_anchors(const Geometry& g, const Box& clip, std::size_t max_line_points = 4,
                                 std::size_t max_polygon_parts = 3);

/// Where the leader of a work without geometry meets its municipality: just outside the
/// municipality's placed name label (`offset` mm beyond its edge), below, above, right and
/// left of it, in that order, keeping those inside `clip` and inside `polygons` (the
/// municipality on the page; when empty, not tested). A leader from a point under the name
/// would have to cross the name to leave it.
std::vector<XY> anchors_beside_label(const Box& label, double offset, const std::vector<Polygon>& polygons,
                                     const Box& clip);

/// The point of the geometry's lines and polygon outlines nearest `from` that lies inside
/// `clip` and outside every box of `avoid`, sampled every `step` mm along them; false when
/// there is none (points are not moved).
bool nearest_point_outside(const Geometry& g, XY from, const std::vector<Box>& avoid, const Box& clip, double step,
                           XY& found);

/// The callout anchors of a feature that lie clear of every label (each grown by `margin`):
/// a leader from under a label would have to run out along it. When every anchor lies under
/// one, the point of the feature nearest the first anchor clear of them (nearest_point_outside,
/// every 0.25 mm, inside `clip`); when there is none, the anchors as they are.
std::vector<XY> anchors_clear_of_labels(const Geometry& feature, const std::vector<XY>& anchors,
                                        const std::vector<Box>& labels, double margin, const Box& clip);

/// How crowded the page is around a point: obstacles rasterised on a grid of square cells
/// (cell-centre sampling) with a cost per mm (lines) or per mm² (areas, boxes), answered
/// for any window through a summed-area table. Used to offer a callout the anchor on the
/// part of its feature nearest free space first. Deterministic; O(cells + edges).
class FreeSpaceGrid {
public:
    FreeSpaceGrid() = default;
    /// Cells of `cell` mm from `frame`'s top-left corner. Outside the frame counts as
    /// `outside_cost` per mm² (no balloon of the map's first tier goes there).
    FreeSpaceGrid(const Box& frame, double cell, double outside_cost);

    void add_line(const Path& line, double cost_per_mm);
    void add_polygon(const Polygon& polygon, double cost_per_mm2);  ///< even-odd over its rings
    void add_box(const Box& box, double cost_per_mm2);
    void finish();  ///< builds the summed-area table; nothing may be added after

    /// Cost inside `window` (cells whose centre lies in it; outside the frame at outside_cost).
    double cost(const Box& window) const;
    bool empty() const { return nx_ == 0; }
    const Box& frame() const { return frame_; }
    double cell() const { return cell_; }

private:
    Box frame_;
    double cell_ = 2, outside_ = 0;
    int nx_ = 0, ny_ = 0;
    std::vector<double> mass_;  ///< per cell, then the summed-area table ((nx+1) x (ny+1))
    bool finished_ = false;
};

/// Orders `anchors` (stable) by the cost of the free space around each — a window of
/// `radius_mm` on each side — lowest first, after taking out what the feature's own
/// geometry `own` adds to it (rasterised on the grid's lattice with the same costs as the
/// caller gave its kind: `own_line_cost` per mm, `own_area_cost` per mm²). Costs are
/// compared in steps of `tie_step` per mm² so that near-equal spots keep their order
/// (e.g. a line's middle before its quarter points, a larger part before a smaller one).
void rank_anchors_by_free_space(std::vector<XY>& anchors, const FreeSpaceGrid& grid, const Geometry& own,
                                double own_line_cost, double own_area_cost, double radius_mm, double tie_step);

/// The parts of a polygon inside `box` (GEOS ClipByRect): what a sheet draws of a large
/// neighbouring municipality, so the PDF holds only what can be seen.
std::vector<Polygon> clip_polygon(const Polygon& polygon, const Box& box);

/// The runs of a line inside `box`.
std::vector<Path> clip_path(const Path& line, const Box& box);

/// Area of `polygons` inside `box` (mm² on the page).
double covered_area(const std::vector<Polygon>& polygons, const Box& box);

/// Length of `lines` inside `clip` (Liang-Barsky clipping per segment).
double clipped_length(const std::vector<Path>& lines, const Box& clip);

}  // namespace ipmap
