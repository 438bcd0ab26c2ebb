#pragma once
// JoblogWriter: writes tasks from the history as a GNU parallel joblog — a TSV file with the
// header Seq Host Starttime JobRuntime Send Receive Exitval Signal Command, times in seconds with
// milliseconds, ":" as the host of this machine — so tools that read parallel's --joblog read it.

#include "taskrecord.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace qmp {

class JoblogWriter
{
    Q_DECLARE_TR_FUNCTIONS(qmp::JoblogWriter)
public:
    // The whole file's text.
    static QString format(const QList<TaskRecord> &tasks);
    // Writes format(tasks) to path (atomically); false with *error saying why.
    static bool write(const QString &path, const QList<TaskRecord> &tasks, QString *error);
};

} // namespace qmp
