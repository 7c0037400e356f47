# SPDX-FileCopyrightText: 2026 The Fumi developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# cmake -DLUPDATE=... -DPROJECT_IN=... -DGENERATE=... -DWORK_DIR=... -DTS_FILES=a.ts|b.ts -P LUpdateIsCurrent.cmake
#
# Fails when lupdate would change a committed .ts file: a new or changed tr() string whose entry
# nobody has added (and so nobody translated), or one removed from the code but still there.
# lupdate runs on copies with the options of qt_add_translations, so the tree is left alone.

string(REPLACE "|" ";" TS_FILES "${TS_FILES}")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(
    COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${WORK_DIR}/project.json -P "${GENERATE}"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "Could not write the lupdate project file")
endif()

set(stale "")
foreach(ts IN LISTS TS_FILES)
    get_filename_component(name "${ts}" NAME)
    set(copy "${WORK_DIR}/${name}")
    file(COPY_FILE "${ts}" "${copy}")
    execute_process(
        COMMAND "${LUPDATE}" -project "${WORK_DIR}/project.json" -no-obsolete -locations none -ts "${copy}"
        RESULT_VARIABLE result
        OUTPUT_VARIABLE output
        ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "lupdate failed on ${name}:\n${output}")
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${ts}" "${copy}" RESULT_VARIABLE differs)
    if(NOT differs EQUAL 0)
        execute_process(COMMAND diff -u "${ts}" "${copy}" OUTPUT_VARIABLE diff)
        message("${name} is not what lupdate writes; run the update_translations target and translate:\n${diff}")
        list(APPEND stale "${name}")
    endif()
endforeach()
if(stale)
    message(FATAL_ERROR "Out of date: ${stale}")
endif()
