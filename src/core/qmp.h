#pragma once
// Everything of libqmp's core in one include.

#include "asyncresult.h"   // IWYU pragma: export
#include "cborconvert.h"   // IWYU pragma: export
#include "command.h"       // IWYU pragma: export
#include "commandresult.h" // IWYU pragma: export
#include "errors.h"        // IWYU pragma: export
#include "pool.h"          // IWYU pragma: export
#include "poolbase.h"      // IWYU pragma: export
#include "poolevent.h"     // IWYU pragma: export
#include "pooloptions.h"   // IWYU pragma: export
#include "process.h"       // IWYU pragma: export
#include "processclassregistry.h" // IWYU pragma: export
#include "processinfo.h"   // IWYU pragma: export
#include "runtime.h"       // IWYU pragma: export
#include "startmethod.h"   // IWYU pragma: export
#include "taskcall.h"      // IWYU pragma: export
#include "taskregistry.h"  // IWYU pragma: export
#include "threadpool.h"    // IWYU pragma: export
