# What `cmake --install` puts where, by component, and the Debian packages CPack makes of them
# (`bash scripts/package`, or `cpack -G DEB` in a build directory):
#
#   component  package      contents
#   lib        libqmp0      libqmp<layer>.so.0 (core, ipc, manager, monitor, models)
#   dev        libqmp-dev   include/qmp/*.h, the .so links, lib/cmake/Qmp (find_package(Qmp))
#   cli        qmp          bin/qmp, qmp(1), bash and zsh completion
#   studio     qmp-studio   bin/qmp-studio, qmp-studio(1), the .desktop file, hicolor icons,
#                           the AppStream metainfo
#
# The translations (qmp_zh_CN.qm, qmp_en.qm) are compiled into qmp and qmp-studio as resources
# (translations/CMakeLists.txt), so no .qm file is installed beside them.
include_guard(GLOBAL)
include(GNUInstallDirs)

set(QMP_PACKAGE_MAINTAINER "Seed d08ee6f8 maintainers <maintainers@users.noreply.h-seed-d08ee6f8.example>"
    CACHE STRING "The Maintainer of the Debian packages (name <email>)")
set(QMP_DEB_RELEASE 1)
set(QMP_DEB_VERSION ${PROJECT_VERSION}-${QMP_DEB_RELEASE})
# Dates honour SOURCE_DATE_EPOCH (reproducible builds).
string(TIMESTAMP QMP_MAN_DATE "%Y-%m-%d" UTC)
set(QMP_RELEASE_DATE ${QMP_MAN_DATE})
string(TIMESTAMP QMP_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)

set(qmp_resources ${PROJECT_SOURCE_DIR}/resources)
set(qmp_generated ${PROJECT_BINARY_DIR}/install)

# Man pages and the changelog, gzipped as Debian wants them (-n: no name or time in the header).
find_program(QMP_GZIP gzip REQUIRED)
function(qmp_gzip_file input output)
    add_custom_command(OUTPUT ${output}
        COMMAND ${QMP_GZIP} -9nc ${input} > ${output}
        DEPENDS ${input} VERBATIM)
endfunction()
set(qmp_gzipped)
foreach(page qmp.1 qmp-studio.1)
    configure_file(${qmp_resources}/man/${page}.in ${qmp_generated}/${page} @ONLY)
    qmp_gzip_file(${qmp_generated}/${page} ${qmp_generated}/${page}.gz)
    list(APPEND qmp_gzipped ${qmp_generated}/${page}.gz)
endforeach()
configure_file(${qmp_resources}/debian/changelog.Debian.in ${qmp_generated}/changelog.Debian @ONLY)
qmp_gzip_file(${qmp_generated}/changelog.Debian ${qmp_generated}/changelog.Debian.gz)
list(APPEND qmp_gzipped ${qmp_generated}/changelog.Debian.gz)
add_custom_target(qmp_install_files ALL DEPENDS ${qmp_gzipped})
configure_file(${qmp_resources}/debian/libqmp0.triggers ${qmp_generated}/triggers COPYONLY)
configure_file(${qmp_resources}/qmp-studio.metainfo.xml ${qmp_generated}/io.github.qmp.studio.metainfo.xml @ONLY)

# lib and dev: qmp_export_library (cmake/QmpLibrary.cmake) and cmake/QmpPackage.cmake.
# cli
install(TARGETS qmp RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
install(FILES ${qmp_generated}/qmp.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
install(FILES ${qmp_resources}/completion/qmp.bash RENAME qmp
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT cli)
install(FILES ${qmp_resources}/completion/_qmp
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT cli)
# The systemd user unit names the installed qmp, so it is written when installing, where the
# prefix is the one that counts (the packages' /usr, not the configured default); user units live
# in <prefix>/lib/systemd/user (not the multiarch library directory).
install(CODE "set(CMAKE_INSTALL_FULL_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    configure_file(\"${qmp_resources}/systemd/qmp.service.in\" \"${qmp_generated}/qmp.service\" @ONLY)"
    COMPONENT cli)
install(FILES ${qmp_generated}/qmp.service DESTINATION lib/systemd/user COMPONENT cli)
# studio
install(TARGETS qmp-studio RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT studio)
install(FILES ${qmp_generated}/qmp-studio.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT studio)
install(FILES ${qmp_resources}/qmp-studio.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT studio)
install(FILES ${qmp_generated}/io.github.qmp.studio.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT studio)
install(FILES ${qmp_resources}/icons/qmp-studio.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT studio)
install(FILES ${qmp_resources}/icons/qmp-studio.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps COMPONENT studio)
foreach(size 16 22 24 32 48 64 128)
    install(FILES ${qmp_resources}/icons/hicolor/${size}x${size}/apps/qmp-studio.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps COMPONENT studio)
endforeach()

# libqmp0 holds several sonames (libqmpcore.so.0, ...), not the one its name would say.
install(FILES ${qmp_resources}/debian/libqmp0.lintian-overrides RENAME libqmp0
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides COMPONENT lib)

# Every package's /usr/share/doc/<package>: the copyright notice and the Debian changelog.
set(qmp_package_of_lib libqmp0)
set(qmp_package_of_dev libqmp-dev)
set(qmp_package_of_cli qmp)
set(qmp_package_of_studio qmp-studio)
foreach(component lib dev cli studio)
    install(FILES ${qmp_resources}/debian/copyright ${qmp_generated}/changelog.Debian.gz
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${qmp_package_of_${component}} COMPONENT ${component})
endforeach()

# CPack: one Debian package per component (not when QMP is a subproject: the including
# project packages itself).
if(NOT PROJECT_IS_TOP_LEVEL)
    return()
endif()
set(CPACK_PACKAGE_NAME qmp)
set(CPACK_PACKAGE_VENDOR "the QMP authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${QMP_PACKAGE_MAINTAINER})
# Each component's description below starts with its own synopsis line. CPackDeb puts any summary
# but its default in front of every one of them, so the summary stays CPack's default.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL lib dev cli studio)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${QMP_DEB_RELEASE})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${QMP_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SOURCE qmp)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# dpkg-shlibdeps finds libqmp's own libraries in the package being built.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/src/core ${PROJECT_BINARY_DIR}/src/ipc
    ${PROJECT_BINARY_DIR}/src/manager ${PROJECT_BINARY_DIR}/src/monitor ${PROJECT_BINARY_DIR}/src/models)

set(CPACK_DEBIAN_LIB_PACKAGE_NAME libqmp0)
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
# The shlibs file (libqmpcore 0 libqmp0 (>= version)) and the ldconfig trigger.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA ${qmp_generated}/triggers)
# The task history is an SQLite file opened through Qt's QSQLITE plugin (loaded at run time).
set(CPACK_DEBIAN_LIB_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_COMPONENT_LIB_DESCRIPTION "QMP library: Python's multiprocessing for C++ and Qt 6
libqmp brings the model of Python's multiprocessing to C++20 and Qt 6:
processes that run C++ functions by name, pools, queues, pipes, locks, shared
memory and managers, plus the monitoring layer and item models the QMP studio
is built on.

This package holds the shared libraries.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libqmp-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DEPENDS lib)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "qt6-base-dev (>= 6.4)")
set(CPACK_COMPONENT_DEV_DESCRIPTION "QMP library: development files
libqmp brings the model of Python's multiprocessing to C++20 and Qt 6:
processes that run C++ functions by name, pools, queues, pipes, locks, shared
memory and managers.

This package holds the headers (#include <qmp/pool.h>) and the CMake package
(find_package(Qmp), targets Qmp::Core, Qmp::Ipc, Qmp::Manager, Qmp::Monitor,
Qmp::Models).")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME qmp)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_CLI_DEPENDS lib)
set(CPACK_COMPONENT_CLI_DESCRIPTION "run batches of commands in parallel, like GNU parallel
qmp runs a command once per input with GNU parallel's syntax (qmp run), keeps
every run in a task history shared with QMP Studio (qmp history, qmp log),
lists running libqmp programs with their pools and queues (qmp ps), reclaims
IPC objects left by killed programs (qmp ipc) and serves managers to other
programs (qmp manager serve).")

set(CPACK_DEBIAN_STUDIO_PACKAGE_NAME qmp-studio)
set(CPACK_DEBIAN_STUDIO_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_STUDIO_DEPENDS lib)
# Qt's platform plugins (xcb, wayland) are loaded at run time; the CJK font shows the Chinese UI.
set(CPACK_DEBIAN_STUDIO_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_STUDIO_PACKAGE_RECOMMENDS "fonts-noto-cjk, qmp")
set(CPACK_COMPONENT_STUDIO_DESCRIPTION "desktop dashboard for process pools and batches of jobs
QMP Studio launches batches of commands into process pools and shows them
live: pools, workers, queue depths, throughput and per-task timings. It flags
stuck workers and tasks, terminates workers, cancels and retries tasks,
browses the task history it shares with the qmp command, and attaches to
running libqmp programs. English and Simplified Chinese.")

include(CPack)
