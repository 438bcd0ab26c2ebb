#pragma once
// The exceptions of the Manager layer, named after Python's. Grouped in one header (like
// errors.h) because each is a name and a message.

#include "qmpmanager_export.h"
#include "ipcerrors.h"

namespace qmp {

// AuthenticationError (a wrong authkey, either way) is in errors.h: Listener / Client raise it too.

// BrokenPipeError: the manager is gone (its process died, it was shut down, or it cannot be
// reached). Every proxy call fails with it at once instead of hanging.
class QMP_MANAGER_EXPORT BrokenPipeError : public OSError
{
public:
    using OSError::OSError;
};

// KeyError: a dict proxy has no such key.
class QMP_MANAGER_EXPORT KeyError : public Error
{
public:
    using Error::Error;
};

// AttributeError: a namespace proxy has no such attribute.
class QMP_MANAGER_EXPORT AttributeError : public Error
{
public:
    using Error::Error;
};

} // namespace qmp
