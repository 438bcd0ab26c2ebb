# check_output.cmake — runs an example and compares its standard output with an expected file.
#
#   cmake -DPROGRAM=<executable> -DEXPECTED=<file> [-DARGS=<a;b;...>] [-DTIMEOUT=<seconds>] -P check_output.cmake
#
# The expected file is a sequence of groups separated by lines of exactly `---`. The output's
# lines must be, in order, the groups' lines; within a group they may come in any order
# (children run in parallel). Blank lines, in the output and in the file, are ignored; a
# trailing carriage return is dropped. The check also fails when the program exits non-zero,
# is killed, or runs longer than TIMEOUT (default 50 s, under ctest's 60).
#
# Patterns, for what varies between runs (pids, timings): an expected line that starts with
# `re:` is a CMake regular expression (the rest of the line) that must match the whole output
# line; it is anchored, so `re:pid [0-9]+` matches `pid 4711` but not `pid 4711 ok`. Every
# other expected line is compared literally, as before, so `.`, `(` or `*` in it mean
# themselves. In the file a backslash is written once: `re:Run task 0 \([0-9]+\)\.\.\.`
# matches `Run task 0 (4711)...`. CMake's syntax: no \d or {n}; use [0-9], +, *, ?, (a|b).
# Within a group, an output line takes an unused literal line equal to it first, else the
# first unused pattern that matches it, in file order: keep a group's patterns from
# overlapping, or put the narrower one first. To expect a line that really starts with `re:`,
# write it as a pattern: `re:re:` followed by the rest, escaped.
# tests: examples/check_output_tests/ (ctest check_output_*).
#
# Lines are kept in numbered variables rather than CMake lists, so `;`, `[` and `]` in the
# output need no escaping.

cmake_minimum_required(VERSION 3.25)

foreach(var PROGRAM EXPECTED)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "check_output.cmake: pass -D${var}=... (before -P)")
    endif()
endforeach()
if(NOT DEFINED TIMEOUT)
    set(TIMEOUT 50)
endif()
if(NOT EXISTS "${EXPECTED}")
    message(FATAL_ERROR "check_output.cmake: expected file not found: ${EXPECTED}")
endif()

# Splits text into its non-blank lines: <prefix>_count, and <prefix>_0, <prefix>_1, ...
function(split_lines text prefix)
    set(n 0)
    set(rest "${text}")
    while(NOT "${rest}" STREQUAL "")
        string(FIND "${rest}" "\n" nl)
        if(nl EQUAL -1)
            set(line "${rest}")
            set(rest "")
        else()
            string(SUBSTRING "${rest}" 0 ${nl} line)
            math(EXPR next "${nl} + 1")
            string(SUBSTRING "${rest}" ${next} -1 rest)
        endif()
        string(REGEX REPLACE "\r$" "" line "${line}")
        string(STRIP "${line}" stripped)
        if(NOT "${stripped}" STREQUAL "")
            set(${prefix}_${n} "${line}" PARENT_SCOPE)
            math(EXPR n "${n} + 1")
        endif()
    endwhile()
    set(${prefix}_count ${n} PARENT_SCOPE)
endfunction()

# --- the expected groups: group_count; group_<g>_count and group_<g>_<i> ---
file(READ "${EXPECTED}" expected_text)
split_lines("${expected_text}" exp)
set(group_count 0)
set(group_0_count 0)
if(exp_count GREATER 0)
    math(EXPR last "${exp_count} - 1")
    foreach(i RANGE ${last})
        if("${exp_${i}}" STREQUAL "---")
            if(group_${group_count}_count GREATER 0) # empty groups (leading or doubled ---) are dropped
                math(EXPR group_count "${group_count} + 1")
                set(group_${group_count}_count 0)
            endif()
        else()
            set(k ${group_${group_count}_count})
            set(group_${group_count}_${k} "${exp_${i}}")
            math(EXPR group_${group_count}_count "${k} + 1")
        endif()
    endforeach()
endif()
if(group_${group_count}_count GREATER 0)
    math(EXPR group_count "${group_count} + 1")
endif()

# --- run the program ---
execute_process(COMMAND "${PROGRAM}" ${ARGS}
                OUTPUT_VARIABLE output
                ERROR_VARIABLE errors
                RESULT_VARIABLE result
                TIMEOUT ${TIMEOUT})
split_lines("${output}" out)

# --- compare, group by group ---
set(problem "")
set(pos 0)
set(g 0)
while(g LESS group_count AND problem STREQUAL "")
    math(EXPR group_number "${g} + 1")
    set(n ${group_${g}_count})
    math(EXPR end "${pos} + ${n}")
    if(end GREATER out_count)
        math(EXPR have "${out_count} - ${pos}")
        set(problem "group ${group_number} expects ${n} line(s) but only ${have} output line(s) are left")
        break()
    endif()
    # The next n output lines must be the group's lines, as a multiset.
    math(EXPR last "${n} - 1")
    foreach(j RANGE ${last})
        set(used_${j} FALSE)
    endforeach()
    math(EXPR last_out "${end} - 1")
    foreach(o RANGE ${pos} ${last_out})
        set(found FALSE)
        foreach(j RANGE ${last}) # literal lines first
            if(NOT used_${j} AND "${out_${o}}" STREQUAL "${group_${g}_${j}}")
                set(used_${j} TRUE)
                set(found TRUE)
                break()
            endif()
        endforeach()
        if(NOT found)
            foreach(j RANGE ${last}) # then the patterns (re:...), in file order
                if(NOT used_${j} AND "${group_${g}_${j}}" MATCHES "^re:(.*)$")
                    set(pattern "^(${CMAKE_MATCH_1})$")
                    if("${out_${o}}" MATCHES "${pattern}")
                        set(used_${j} TRUE)
                        set(found TRUE)
                        break()
                    endif()
                endif()
            endforeach()
        endif()
        if(NOT found)
            math(EXPR line_number "${o} + 1")
            set(problem "output line ${line_number} '${out_${o}}' does not belong to group ${group_number} (or comes too often in it)")
            break()
        endif()
    endforeach()
    set(pos ${end})
    math(EXPR g "${g} + 1")
endwhile()
if(problem STREQUAL "" AND pos LESS out_count)
    math(EXPR extra "${out_count} - ${pos}")
    math(EXPR line_number "${pos} + 1")
    set(problem "${extra} unexpected output line(s) after the last group, from line ${line_number} '${out_${pos}}'")
endif()
if(NOT "${result}" STREQUAL "0")
    if(result MATCHES "^-?[0-9]+$")
        set(failed "the program exited with code ${result}")
    else()
        set(failed "the program failed: ${result}") # killed, timed out, or could not start
    endif()
    if(problem STREQUAL "")
        set(problem "${failed}")
    else()
        set(problem "${failed}; and ${problem}")
    endif()
endif()

if(NOT problem STREQUAL "")
    set(command_line "${PROGRAM}")
    foreach(arg IN LISTS ARGS)
        string(APPEND command_line " ${arg}")
    endforeach()
    set(report "")
    foreach(g RANGE ${group_count})
        if(g EQUAL group_count)
            break()
        endif()
        math(EXPR group_number "${g} + 1")
        string(APPEND report "  group ${group_number}:\n")
        math(EXPR last "${group_${g}_count} - 1")
        foreach(j RANGE ${last})
            string(APPEND report "    ${group_${g}_${j}}\n")
        endforeach()
    endforeach()
    # Plain message(): printed as it is (FATAL_ERROR reflows and double-spaces its text).
    message("----- ${command_line}\n"
            "----- expected (${EXPECTED}), groups in this order, lines within a group in any order:\n"
            "${report}"
            "----- actual standard output:\n${output}"
            "----- standard error:\n${errors}"
            "----- exit: ${result}")
    message(FATAL_ERROR "${problem}")
endif()
if(NOT errors STREQUAL "")
    message("----- standard error of ${PROGRAM}:\n${errors}")
endif()
message(STATUS "${PROGRAM}: output matches ${EXPECTED} (${out_count} lines, ${group_count} groups)")
