#pragma once
// JobLog: GNU parallel's --joblog file, read and written byte-compatibly so that `parallel
// --resume` accepts a log written by `qmp run` and the other way round. One header line, then one
// tab-separated line per finished job:
//   Seq  Host  Starttime  JobRuntime  Send  Receive  Exitval  Signal  Command
// Starttime is seconds since the epoch ("%.3f"), JobRuntime seconds ("%10.3f"), Host ":" for this
// machine. A newline inside a command is written as NUL, as parallel does. The file's bytes are
// kept: a command that is not UTF-8 travels in Entry::command as SurrogateEscape text.
//
// A JobLog object appends lines to an open file, unbuffered, so a run that is killed leaves a log
// that --resume can continue from; a write that fails (a full disk) fails write() at once. A last
// line cut off by a kill (no newline, not a joblog line) is ignored by parse() and dropped by
// open(append) before it appends. Not thread-safe; use it from one thread.

#include "qmpmonitor_export.h"
#include "taskrecord.h"

#include <QFile>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace qmp {

class QMP_MONITOR_EXPORT JobLog
{
public:
    struct Entry
    {
        qint64 seq = 0;
        QString host = QStringLiteral(":");
        qint64 startMs = 0;     // ms since the epoch
        qint64 runtimeMs = 0;
        qint64 send = 0;
        qint64 receive = 0;
        int exitValue = 0;      // -1: killed (timeout, Ctrl-C), as parallel writes it
        int signal = 0;
        QString command;
        bool succeeded() const { return exitValue == 0 && signal == 0; }
        bool operator==(const Entry &) const = default;
    };

    static QString header();
    static QString format(const Entry &entry); // one line, without the newline
    // Parses a joblog's text; nullopt and *error (naming the line and why) when it is not one.
    // The header line is optional; a last line without its newline that is not a joblog line
    // was cut off and is ignored.
    static std::optional<QList<Entry>> parse(const QByteArray &text, QString *error);
    // Reads a joblog file; a missing file is an empty log. nullopt and *error otherwise.
    static std::optional<QList<Entry>> read(const QString &path, QString *error);
    // The entry a history task record becomes (its seq, start, runtime, output bytes, exit).
    static Entry fromTask(const TaskRecord &task);

    // Opens path for writing: truncated with a fresh header, or (append) added to, with a header
    // only when the file is empty. False with errorString() when it cannot be written (the
    // header is written here, so a full disk fails here).
    bool open(const QString &path, bool append);
    bool isOpen() const { return m_file.isOpen(); }
    QString errorString() const { return m_error; }
    // Appends one line (on disk when this returns). False with errorString() when the write fails.
    bool write(const Entry &entry);
    void close() { m_file.close(); }

private:
    bool dropCutLine(); // open(append): see above; leaves the file positioned at its end

    QFile m_file;
    QString m_error;
};

} // namespace qmp
