#include "layout/page_frame.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ipmap {

PageFrame compute_page_frame(const PageSpec& page, double title_band_mm, double footer_mm) {
    PageFrame f;
    f.page = Box{0, 0, page.width_mm, page.height_mm};
    f.printable = Box{page.margin_left_mm, page.margin_top_mm, page.width_mm - page.margin_right_mm,
                      page.height_mm - page.margin_bottom_mm};
    f.title_band = Box{f.printable.minx, f.printable.miny, f.printable.maxx, f.printable.miny + title_band_mm};
    f.footer = Box{f.printable.minx, f.printable.maxy - footer_mm, f.printable.maxx, f.printable.maxy};
    f.map_frame = Box{f.printable.minx, f.title_band.maxy + 1.5, f.printable.maxx, f.footer.miny - 1.0};
    return f;
}

PaperTransform fit_extent(const Box& area, double padding_percent, const Box& frame) {
    PaperTransform t;
    t.frame = frame;
    // An empty extent used to become a 1 x 1 box: a blank map at 1:7. Better no map.
    if (area.empty() || !std::isfinite(area.width()) || !std::isfinite(area.height()))
        throw std::invalid_argument("no area to show: the map extent is empty (no feature with a usable geometry)");
    Box a = area;
    double pad = std::max(a.width(), a.height()) * padding_percent / 100.0;
    a = a.grown(pad);
    if (a.width() <= 0) a = Box{a.minx - 0.5, a.miny, a.maxx + 0.5, a.maxy};
    if (a.height() <= 0) a = Box{a.minx, a.miny - 0.5, a.maxx, a.maxy + 0.5};
    double s = std::min(frame.width() / a.width(), frame.height() / a.height());
    XY c = a.center();
    double hw = frame.width() / s / 2, hh = frame.height() / s / 2;
    t.extent = Box{c.x - hw, c.y - hh, c.x + hw, c.y + hh};
    t.mm_per_unit = s;
    return t;
}

}  // namespace ipmap
