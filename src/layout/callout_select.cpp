#include "layout/callout_select.hpp"

namespace ipmap {

bool callout_shows_info(const CalloutTemplate& tpl, const Work& work, int fiscal_year, Status status) {
    // The same work without its information fields: the formatted texts differ exactly when
    // a kept segment shows one of them (blanking a field in a kept optional segment drops
    // the segment; in a plain segment it shortens the text; a dropped segment stays dropped).
    Work bare;
    bare.id = work.id;
    bare.name = work.name;
    bare.owner = work.owner;
    bare.owner_label = work.owner_label;
    bare.category = work.category;
    bare.municipalities = work.municipalities;
    CalloutFields fields;
    fields.fiscal_year = fiscal_year;
    fields.status = status;
    return format_callout(tpl, work, fields) != format_callout(tpl, bare, fields);
}

}  // namespace ipmap
