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
# - Its ABI is what it marks for export: symbols are hidden by default (CXX_VISIBILITY_PRESET
#   hidden, inline functions hidden), a class or function another library, the studio, qmp or a
#   user calls is marked QMP_<LAYER>_EXPORT from the generated header qmp<layer>_export.h
#   (installed with the public headers), and an internal one only the tests call is marked
#   QMP_<LAYER>_AUTOTEST_EXPORT, exported only when the tests or benchmarks are built
#   (QMP_BUILD_TESTS, QMP_BUILD_BENCH). A shared library is also linked with the version script
#   cmake/QmpExports.map: only names in namespace qmp leave it (not the std and Qt template
#   instances its code made). The ctest test qmp_exported_symbols checks that.
# - Static (BUILD_SHARED_LIBS OFF), the macros are empty: QMP_<LAYER>_STATIC_DEFINE is defined for
#   the library and everything that links it.
include_guard(GLOBAL)
include(GNUInstallDirs)
include(GenerateExportHeader)

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

    string(TOUPPER ${export_name} upper)
    set(export_header ${CMAKE_CURRENT_BINARY_DIR}/export/qmp${layer}_export.h)
    if(QMP_BUILD_TESTS OR QMP_BUILD_BENCH)
        set(autotest_export "QMP_${upper}_EXPORT")
    else()
        set(autotest_export "")
    endif()
    set(autotest_content "
// Internal classes and functions the tests and benchmarks call: exported only from a build that
// builds them (QMP_BUILD_TESTS or QMP_BUILD_BENCH); hidden otherwise.
#define QMP_${upper}_AUTOTEST_EXPORT ${autotest_export}")
    generate_export_header(${target}
        BASE_NAME qmp_${layer}
        EXPORT_MACRO_NAME QMP_${upper}_EXPORT
        NO_EXPORT_MACRO_NAME QMP_${upper}_NO_EXPORT
        DEPRECATED_MACRO_NAME QMP_${upper}_DEPRECATED
        STATIC_DEFINE QMP_${upper}_STATIC_DEFINE
        EXPORT_FILE_NAME ${export_header}
        CUSTOM_CONTENT_FROM_VARIABLE autotest_content)
    set_target_properties(${target} PROPERTIES
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "STATIC_LIBRARY")
        target_compile_definitions(${target} PUBLIC QMP_${upper}_STATIC_DEFINE)
    else()
        set(version_script ${PROJECT_SOURCE_DIR}/cmake/QmpExports.map)
        target_link_options(${target} PRIVATE "LINKER:--version-script=${version_script}")
        set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${version_script})
    endif()
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_BINARY_DIR}/export>)
    file(CONFIGURE OUTPUT ${QMP_FORWARDING_INCLUDE_DIR}/qmp/qmp${layer}_export.h
         CONTENT "#include \"${export_header}\" // IWYU pragma: export\n" @ONLY)
    install(FILES ${export_header} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/qmp COMPONENT dev)
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
