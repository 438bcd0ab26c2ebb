#pragma once
// CborText: a short rendering of a task's arguments or result for people — "(150)", "(2, 'a.png')",
// "[1, 4, 9]", "{'n': 3}" — Python's spelling, cut to a length with "…" (long strings, big lists,
// bytes shown by their size). What the studio's task table, the task detail view and the history
// show. Stateless; any thread.

#include "qmpmonitor_export.h"
#include <QCborValue>
#include <QString>

namespace qmp {

class QMP_MONITOR_EXPORT CborText
{
public:
    static constexpr int kDefaultLength = 120;
    // value as Python's repr() would write it, at most maxLength characters.
    static QString brief(const QCborValue &value, int maxLength = kDefaultLength);
    // A call's arguments (a CBOR array) as a parenthesised list: "(2, 3)"; empty when invalid.
    static QString arguments(const QCborValue &arguments, int maxLength = kDefaultLength);
};

} // namespace qmp
