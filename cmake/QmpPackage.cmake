# Qmp's CMake package (find_package(Qmp)): QmpTargets.cmake for the layers qmp_export_library
# made installable, QmpConfig.cmake (finds Qt through find_dependency) and
# QmpConfigVersion.cmake (SameMajorVersion: 0.x asks for 0.y with y >= x).
include_guard(GLOBAL)
include(CMakePackageConfigHelpers)

set(QMP_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Qmp)
# The Qt modules libqmp's public interface links (Core, Network, Sql for the monitor, Gui for the models).
set(QMP_QT_LIBRARY_COMPONENTS "Core Network Sql Gui")
get_property(QMP_EXPORTED_COMPONENTS GLOBAL PROPERTY QMP_EXPORTED_COMPONENTS)
set(QMP_ALL_TARGETS ${QMP_EXPORTED_COMPONENTS})
list(TRANSFORM QMP_ALL_TARGETS PREPEND Qmp::)
list(JOIN QMP_EXPORTED_COMPONENTS " " QMP_EXPORTED_COMPONENTS)

add_library(qmp_all INTERFACE)
target_link_libraries(qmp_all INTERFACE ${QMP_ALL_TARGETS})
add_library(Qmp::Qmp ALIAS qmp_all)

if(NOT BUILD_SHARED_LIBS)
    # Static archives carry their private link dependencies ($<LINK_ONLY:qmp_warnings>) into the
    # export; it only adds warning flags to QMP's own sources.
    install(TARGETS qmp_warnings EXPORT QmpTargets COMPONENT dev)
endif()
install(EXPORT QmpTargets NAMESPACE Qmp:: DESTINATION ${QMP_CMAKE_INSTALL_DIR} COMPONENT dev)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/QmpConfig.cmake.in
    ${PROJECT_BINARY_DIR}/QmpConfig.cmake
    INSTALL_DESTINATION ${QMP_CMAKE_INSTALL_DIR}
    PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/QmpConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/QmpConfig.cmake ${PROJECT_BINARY_DIR}/QmpConfigVersion.cmake
        DESTINATION ${QMP_CMAKE_INSTALL_DIR} COMPONENT dev)
