#pragma once
// Inputs and outputs of callout and label placement, in page millimetres
// (origin top-left, y down). The engine knows rectangles, segments and polygons,
// nothing of GDAL, styles or works.
#include <string>
#include <vector>

#include "core/geometry.hpp"

namespace ipmap::place {

/// A balloon's outer size, mm.
struct BalloonSize {
    double width_mm = 0;
    double height_mm = 0;
};

/// A balloon to place: `size` is the measured text block plus padding.
struct CalloutRequest {
    std::string id;            ///< stable key (work id); ties are broken by it
    int priority = 0;          ///< lower = placed first / more important
    std::vector<XY> anchors;   ///< candidate anchor points on the feature, preferred first;
                               ///< more than one for multi-part features
    double width_mm = 0;
    double height_mm = 0;
    /// Other shapes of the same text (wrapped at another width), which balloons in the map
    /// may take at a small extra cost where the first shape does not fit as well; stacks
    /// and the later gap filling use the first shape only.
    std::vector<BalloonSize> other_sizes;
    /// One leader to every anchor, not only to the chosen one (a work of several
    /// municipalities, "bracket to all"): the solve places the balloon with its leader to
    /// one anchor; a last pass adds straight leaders to the others wherever they are clear.
    bool lead_to_all = false;
};

/// A label to place (work or municipality name): candidate boxes are tried in order.
struct LabelRequest {
    std::string id;
    int priority = 0;
    std::vector<Box> candidates;  ///< preferred first
    bool required = false;        ///< placed even if it collides (e.g. municipality names)
};

/// What the page already holds.
struct PlacementContext {
    Box page;                       ///< whole sheet
    Box printable;                  ///< balloons must stay inside
    Box map_frame;                  ///< the map's neatline; tier-1 balloons inside, margin stacks outside
    /// Hard boxes. The solvers query them in a HardBoxIndex (hard_box_index.hpp), the sheet's
    /// one collision index; audit() and the final check read these lists.
    std::vector<Box> keep_out;      ///< title, legend, scale bar, north arrow, inset, source line
    std::vector<Box> labels;        ///< already placed labels: hard for balloons and leaders
    std::vector<Path> feature_lines;       ///< works geometry on the page (soft cost)
    std::vector<Polygon> feature_areas;    ///< works polygons on the page (soft cost)
    std::vector<Polygon> land;      ///< land on the page (soft cost: sea and margin preferred)
    std::vector<Box> soft_boxes;    ///< municipality names and other things better not covered
};

struct PlacementWeights {
    double cover_features = 4.0;   ///< per mm of work geometry under a balloon
    double cover_land = 0.08;      ///< per mm² of land under a balloon (atlas sheets: of the
                                   ///< sheet's own municipality, [callout.weights] cover_focus)
    double cover_soft = 0.05;      ///< per mm² of soft boxes covered
    double leader_length = 1.0;    ///< per mm of leader
    double anchor_distance = 0.5;  ///< per mm from anchor to balloon
    double leader_angle = 0.5;     ///< per radian away from the preferred angles
    double cover_feature_area = 0.2;  ///< per mm² of work polygons under a balloon
};

struct PlacementOptions {
    PlacementWeights weights;
    double gap_mm = 1.0;            ///< minimum clearance between balloons
    double min_leader_mm = 2.0;
    double max_leader_mm = 60.0;    ///< tier 1 search radius
    bool use_margins = true;        ///< tier 2: stacks along the sheet margins
    unsigned seed = 1;              ///< for any randomised search: output is deterministic
    double time_budget_ms = 2000;   ///< local search stops after this (still deterministic:
                                    ///< budget is counted in iterations derived from it)
};

enum class Tier { InMap, Margin, List };

struct PlacedCallout {
    std::string id;
    Tier tier = Tier::InMap;
    Box box;                  ///< balloon (empty for Tier::List)
    Path leader;              ///< anchor → balloon edge (1 or 2 segments); empty for List
    XY anchor;                ///< chosen anchor
    int list_number = 0;      ///< > 0 for Tier::List: numbered marker at the anchor
    /// lead_to_all: straight leaders from the request's other anchors to the balloon's
    /// outline (each starts at its anchor), held to the same rules as `leader`.
    std::vector<Path> more_leaders;
    /// lead_to_all: indices into the request's anchors that no clear leader reaches.
    std::vector<int> unreached;
    /// The balloon's shape: 0 the request's width_mm x height_mm, k > 0 its other_sizes[k - 1].
    int shape = 0;
};

struct PlacementStats {
    int placed_in_map = 0, placed_in_margin = 0, listed = 0;
    /// Measured from the final geometry (audit()): `overlaps` counts balloon/balloon,
    /// balloon/keep_out-or-label overlaps and balloons covering another callout's anchor;
    /// `crossings` counts leader/leader crossings (a fan from one shared anchor is fine),
    /// leaders through another balloon and leaders through keep_out or label boxes (except
    /// a box holding the leader's own anchor, which its leader has to leave).
    int overlaps = 0, crossings = 0;
    int out_of_bounds = 0;   ///< balloons outside `printable` (or, in-map, outside `map_frame`)
    int detached = 0;        ///< leaders not running from their anchor to their balloon's edge
    double total_leader_mm = 0, max_leader_mm = 0;
    double solve_ms = 0;
};

struct PlacementResult {
    std::vector<PlacedCallout> callouts;  ///< same order as the requests
    PlacementStats stats;
};

struct LabelPlacement {
    std::vector<int> chosen;  ///< per request: index into candidates, or -1 when dropped
};

}  // namespace ipmap::place
