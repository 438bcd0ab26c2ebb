#pragma once
// InFlightRegistry: what a value lends the process it is sent to while it travels. A pipe end
// sent to a child must keep the pipe open for its sender until the child has attached (else the
// reader could see EOF in between), and must stop doing so once the child cannot get it any
// more. The IPC layer lends (lend()) and puts the loan's id in the value's CBOR map under key();
// whoever keeps a call's arguments until they are delivered or dropped claims them (claim()): a
// Process until its child has ended or start() failed, a pool's ArgumentLists until its jobs are
// done or dropped. A loan ends when its last claim goes. A loan nobody claims (a handle put in a
// queue, or converted by hand) lasts until the receiver takes it over (the IPC layer's business:
// settled()) or this process exits — what Python's resource sharer does for a Connection.
//
// Thread-safe. claim() costs one atomic load while nothing is on loan in this process.

#include "qmpcore_export.h"
#include <QCborArray>
#include <QString>

#include <memory>

namespace qmp {

class QMP_CORE_EXPORT InFlightRegistry
{
public:
    // One loan, owned by the registry or by its claims. claimed() runs once, at the first claim;
    // ended() runs once, when the last claim goes, or at exit for a loan never claimed (or once
    // settled() says the receiver took it over). Called without the registry's lock held.
    class Loan
    {
    public:
        virtual ~Loan() = default;
        virtual void claimed() = 0;
        virtual void ended() = 0;
        virtual bool settled() const = 0;
    };

    // The key of a loan's id in a handle's CBOR map.
    static QString key();
    // Registers a loan; returns its id (unique in this process) for the handle.
    static qint64 lend(std::unique_ptr<Loan> loan);
    // Claims the loans of every handle inside values, at any depth; they end when the last copy
    // of the returned object (and of any other claim of them) goes. Null when there is none.
    static std::shared_ptr<const void> claim(const QCborArray &values);
    // Loans not ended yet (diagnostics, tests).
    static int outstanding();
};

} // namespace qmp
