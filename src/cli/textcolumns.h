#pragma once
// TextColumns: lining up text in a terminal by what it takes on screen, not by code units — a
// Chinese character (or any East Asian wide one) takes two columns, a combining mark none — so
// `qmp ps` and `qmp history` keep their columns straight with CJK pool names and headers.
// Stateless; any thread.

#include <QString>

namespace qmp {

class TextColumns
{
public:
    // Terminal columns text takes (wcwidth's rules for the common cases: East Asian wide and
    // fullwidth characters 2, combining marks and zero-width characters 0, the rest 1).
    static int width(const QString &text);
    // text cut to at most `columns` (ending with "…" when cut).
    static QString elided(const QString &text, int columns);
    // text padded with spaces to `columns` on the right (left-aligned) or the left (right-aligned);
    // longer text is left as it is.
    static QString left(const QString &text, int columns);
    static QString right(const QString &text, int columns);
};

} // namespace qmp
