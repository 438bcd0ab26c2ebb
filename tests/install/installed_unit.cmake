# cmake -DBUILD=<build dir> -DPREFIX=<dir> -P installed_unit.cmake: installs the command line
# (component cli) into PREFIX, emptied first, and checks its systemd user unit: in
# PREFIX/lib/systemd/user, starting the qmp installed in PREFIX (not the configured prefix's).
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX} --component cli
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cmake --install ${BUILD} --component cli failed: ${result}")
endif()
set(unit ${PREFIX}/lib/systemd/user/qmp.service)
if(NOT EXISTS ${unit})
    file(GLOB_RECURSE found ${PREFIX}/*qmp.service)
    message(FATAL_ERROR "no ${unit}; found: ${found}")
endif()
file(READ ${unit} text)
foreach(line "ExecStart=${PREFIX}/bin/qmp service run" "ExecStop=${PREFIX}/bin/qmp service stop")
    string(FIND "${text}" "${line}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "${unit} lacks '${line}':\n${text}")
    endif()
endforeach()
file(REMOVE_RECURSE ${PREFIX})
