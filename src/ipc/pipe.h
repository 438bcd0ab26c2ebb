#pragma once
// multiprocessing.Pipe and multiprocessing.connection.wait, for qmp::Connection.

#include "qmpipc_export.h"
#include "connection.h"

#include <QList>

#include <utility>

namespace qmp {

class Process;

// Pipe(duplex): two connected ends. duplex=false returns (reader, writer), like Python.
// ringBytes: the buffer per direction; larger messages travel in blocks of their own.
QMP_IPC_EXPORT std::pair<Connection, Connection> Pipe(bool duplex = true, qsizetype ringBytes = qsizetype(1) << 20);

// connection.wait(): the connections that have something to read (or EOF) and the processes
// that have ended, waiting up to timeoutMs (negative: forever — Qt's convention, not Python's
// None) until at least one is ready. Both lists empty on timeout. Processes must live in the
// calling thread.
struct QMP_IPC_EXPORT WaitResult
{
    QList<Connection> connections;
    QList<Process *> processes;
    bool isEmpty() const { return connections.isEmpty() && processes.isEmpty(); }
};
QMP_IPC_EXPORT WaitResult wait(const QList<Connection> &connections, const QList<Process *> &processes, int timeoutMs = -1);

} // namespace qmp
