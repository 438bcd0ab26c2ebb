# cmake -DSOURCE=tests/consumer -DPREFIX=<install prefix> -DWORKDIR=<dir> [-DRUN=ON] [-DCHECK_HEADERS=ON]
#       -DGENERATOR=... -DCXX=... [-DLAUNCHER=...] [-DFLAGS=...] -DQT_DIR=... -P build_consumer.cmake
# Configures tests/consumer in WORKDIR against PREFIX only (CMAKE_PREFIX_PATH: the prefix, then
# Qt's own directory), builds it, and with RUN runs the program, which checks its results.
function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        string(REPLACE ";" " " command "${ARGN}")
        message(FATAL_ERROR "failed (${result}): ${command}")
    endif()
endfunction()

file(REMOVE_RECURSE ${WORKDIR})
set(options -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${PREFIX} -DQt6_DIR=${QT_DIR}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(LAUNCHER)
    list(APPEND options -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
endif()
if(FLAGS)
    list(APPEND options "-DCMAKE_CXX_FLAGS=${FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}")
endif()
if(CHECK_HEADERS)
    list(APPEND options -DQMP_CHECK_HEADERS=ON)
endif()
run(${CMAKE_COMMAND} -S ${SOURCE} -B ${WORKDIR} ${options})
# The package must be the installed one, not this source tree.
file(STRINGS ${WORKDIR}/CMakeCache.txt qmp_dir REGEX "^Qmp_DIR:")
string(FIND "${qmp_dir}" "${PREFIX}/" at)
if(NOT at GREATER -1)
    message(FATAL_ERROR "tests/consumer found Qmp outside ${PREFIX}: ${qmp_dir}")
endif()
if(CHECK_HEADERS)
    run(${CMAKE_COMMAND} --build ${WORKDIR} --target qmp_installed_headers -j 2)
else()
    run(${CMAKE_COMMAND} --build ${WORKDIR} --target qmp_consumer)
endif()
if(RUN)
    run(${WORKDIR}/qmp_consumer)
endif()
