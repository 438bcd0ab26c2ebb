#pragma once

#include "qmpcore_export.h"
// What a QMP worker inherits: its standard streams and the descriptors QMP passes on purpose
// (its channel, its lane), nothing else — like Python, whose spawn and forkserver children get
// only the descriptors they are handed. A stray inherited descriptor is a real bug: a child
// holding the write end of someone's pipe keeps the reader from ever seeing end of file, and a
// listening socket stays bound while the child lives.

namespace qmp {

// Closes (or, with closeOnExecOnly, marks close-on-exec) every descriptor from 3 up except the
// `count` ones in keep (negative entries are ignored); kept ones are left as they are.
// Async-signal-safe: for a child between fork and exec, or a forked child.
QMP_CORE_AUTOTEST_EXPORT void dropInheritedDescriptors(const int *keep, int count, bool closeOnExecOnly);

} // namespace qmp
