# qmp_export_library(<target> <ExportName> PUBLIC_HEADERS <header>...): makes one of libqmp's
# layers installable as Qmp::<ExportName> (Qmp::Core, Qmp::Ipc, ...).
#
# - The library is shared (BUILD_SHARED_LIBS, default ON) as libqmp<layer>.so.<major>, or static.
# - Its public headers are installed flat under <prefix>/include/qmp/, so a user writes
#   `#include <qmp/pool.h>` and the headers' own `#include "poolbase.h"` find their neighbours.
#   Only the headers listed here are installed; the rest of the layer's headers are internal
#   (poolengine.h, the wire formats, the worker's side, the manager server...). The ctest test
#   qmp_installed_headers compiles every installed header on its own from an install prefix, so a
#   public header that includes an internal one fails there.
# - In a build tree (this project, add_subdirectory / FetchContent) <build>/include/qmp/<header>
#   forwards to the source file, so the same `#include <qmp/pool.h>` works there too, and the
#   Qmp::<ExportName> alias names the target as the installed package does.
include_guard(GLOBAL)
include(GNUInstallDirs)

# Installed directories are rwxr-xr-x whatever the umask (Debian packages want that).
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
    WORLD_READ WORLD_EXECUTE)

set(QMP_FORWARDING_INCLUDE_DIR ${PROJECT_BINARY_DIR}/include)

function(qmp_export_library target export_name)
    cmake_parse_arguments(ARG "" "" "PUBLIC_HEADERS" ${ARGN})
    string(TOLOWER ${export_name} layer)
    set_target_properties(${target} PROPERTIES
        EXPORT_NAME ${export_name}
        OUTPUT_NAME qmp${layer}
        VERSION ${PROJECT_VERSION}
        SOVERSION ${PROJECT_VERSION_MAJOR})
    add_library(Qmp::${export_name} ALIAS ${target})
    target_include_directories(${target} PUBLIC
        $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}>
        $<BUILD_INTERFACE:${QMP_FORWARDING_INCLUDE_DIR}>
        $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
    foreach(header IN LISTS ARG_PUBLIC_HEADERS)
        set(source ${CMAKE_CURRENT_SOURCE_DIR}/${header})
        if(NOT EXISTS ${source})
            message(FATAL_ERROR "qmp_export_library(${target}): no public header ${header}")
        endif()
        file(CONFIGURE OUTPUT ${QMP_FORWARDING_INCLUDE_DIR}/qmp/${header}
             CONTENT "#include \"${source}\" // IWYU pragma: export\n" @ONLY)
        install(FILES ${source} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/qmp COMPONENT dev)
    endforeach()
    install(TARGETS ${target} EXPORT QmpTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT lib NAMELINK_COMPONENT dev
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
    set_property(GLOBAL APPEND PROPERTY QMP_EXPORTED_COMPONENTS ${export_name})
endfunction()
