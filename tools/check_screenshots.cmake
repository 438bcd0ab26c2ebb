# Runs PROGRAM (qmp-studio-screenshots) with the demo in an empty WORKDIR and checks that it
# exits with 0 and writes both pictures as PNGs: the window at the first-start size, 1360 x 860
# (so the user's remembered window state played no part), and the job launcher.
file(REMOVE_RECURSE "${WORKDIR}")
file(MAKE_DIRECTORY "${WORKDIR}")
execute_process(COMMAND "${PROGRAM}" --after 3000 --launcher "${WORKDIR}/launcher.png" "${WORKDIR}/window.png"
                WORKING_DIRECTORY "${WORKDIR}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "qmp-studio-screenshots exited with ${status}")
endif()

# A PNG starts with its signature and the IHDR chunk: width and height at bytes 16 and 20.
function(png_size path out)
    if(NOT EXISTS "${path}")
        message(FATAL_ERROR "${path} was not written")
    endif()
    file(READ "${path}" head LIMIT 24 HEX)
    string(SUBSTRING "${head}" 0 16 signature)
    if(NOT signature STREQUAL "89504e470d0a1a0a")
        message(FATAL_ERROR "${path} is not a PNG (starts with ${signature})")
    endif()
    string(SUBSTRING "${head}" 32 8 width)
    string(SUBSTRING "${head}" 40 8 height)
    math(EXPR width "0x${width}")
    math(EXPR height "0x${height}")
    set(${out} "${width}x${height}" PARENT_SCOPE)
endfunction()

png_size("${WORKDIR}/window.png" window)
if(NOT window STREQUAL "1360x860")
    message(FATAL_ERROR "the window's picture is ${window}, not 1360x860")
endif()
png_size("${WORKDIR}/launcher.png" launcher)
if(launcher MATCHES "^0x|x0$")
    message(FATAL_ERROR "the launcher's picture is empty (${launcher})")
endif()
message(STATUS "window ${window}, launcher ${launcher}")
file(REMOVE_RECURSE "${WORKDIR}")
