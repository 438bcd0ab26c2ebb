#pragma once
// HeaderFit: after a language switch, widens the columns whose new header text no longer fits
// (Chinese headers are wider or narrower than English ones) and leaves wider ones as the user
// left them. GUI thread.

class QHeaderView;

namespace qmp {

class HeaderFit
{
public:
    // Every visible section of header at least as wide as its header text needs.
    static void growToFit(QHeaderView *header);
};

} // namespace qmp
