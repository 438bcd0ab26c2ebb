# cmake -DNM=<nm> -DCXXFILT=<c++filt> -DLIBRARIES=<lib;...> -P exported_symbols.cmake: fails when
# one of libqmp's shared libraries exports a symbol outside namespace qmp (the std and Qt template
# instances its code made, or any other name: cmake/QmpExports.map keeps them local). Prints each
# library's count of exported symbols and the first offenders, demangled.
set(failed OFF)
foreach(library IN LISTS LIBRARIES)
    execute_process(COMMAND ${NM} -D --defined-only ${library}
                    OUTPUT_VARIABLE listing RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "${NM} -D --defined-only ${library} failed: ${result}")
    endif()
    string(REPLACE "\n" ";" lines "${listing}")
    set(total 0)
    set(outside)
    foreach(line IN LISTS lines)
        if(NOT line MATCHES "^[0-9a-fA-F]* +[A-Za-z] +(.+)$")
            continue()
        endif()
        set(symbol ${CMAKE_MATCH_1})
        math(EXPR total "${total} + 1")
        # Itanium names in namespace qmp: functions and data (N3qmp, NK3qmp), vtables (TV),
        # typeinfo (TI) and its name (TS), thunks (Th, Tv), local statics of inline functions
        # and their guard variables (ZN, GVZN).
        if(NOT symbol MATCHES "^_Z(N|NK|TVN|TIN|TSN|Th[n0-9_]+N|Tv[n0-9_]+N|ZN|ZNK|GVZN|GVZNK)3qmp")
            list(APPEND outside ${symbol})
        endif()
    endforeach()
    list(LENGTH outside count)
    get_filename_component(name ${library} NAME)
    message(STATUS "${name}: ${total} exported symbols, ${count} outside namespace qmp")
    if(count GREATER 0)
        set(failed ON)
        list(SUBLIST outside 0 20 shown)
        execute_process(COMMAND ${CXXFILT} ${shown} OUTPUT_VARIABLE demangled)
        message(STATUS "  outside namespace qmp (the first 20):\n${demangled}")
    endif()
endforeach()
if(failed)
    message(FATAL_ERROR "libqmp exports symbols outside namespace qmp (see above): check cmake/QmpExports.map "
                        "and the library's link options")
endif()
