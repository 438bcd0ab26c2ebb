# cmake -DBUILD=<build dir> -DPREFIX=<dir> -P install_prefix.cmake: installs libqmp (components
# lib and dev: the shared libraries, headers and CMake package) into PREFIX, emptied first.
file(REMOVE_RECURSE ${PREFIX})
foreach(component lib dev)
    execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX} --component ${component}
                    RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "cmake --install ${BUILD} --component ${component} failed: ${result}")
    endif()
endforeach()
file(GLOB_RECURSE configs ${PREFIX}/*/QmpConfig.cmake)
if(NOT configs)
    message(FATAL_ERROR "no QmpConfig.cmake under ${PREFIX}")
endif()
