# SPDX-FileCopyrightText: 2026 The Fumi developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What every Fumi target shares: the strict Qt definitions of STYLE.md, warnings, sanitizers,
# and the helpers that make one static library per layer and one test program per class.

# IMAP data is bytes and the UI is text: these make every implicit conversion between the two
# a compile error, in every target of the tree, tests included.
add_compile_definitions(
    QT_NO_KEYWORDS
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_FOREACH
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    add_compile_options(-Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Woverloaded-virtual
        -Wimplicit-fallthrough -Wcast-qual -Wformat=2)
    if(FUMI_WARNINGS_AS_ERRORS)
        add_compile_options(-Werror)
    endif()
    if(FUMI_SANITIZERS)
        list(JOIN FUMI_SANITIZERS "," _fumi_sanitizers)
        add_compile_options(-fsanitize=${_fumi_sanitizers} -fno-omit-frame-pointer
            -fno-sanitize-recover=all)
        add_link_options(-fsanitize=${_fumi_sanitizers})
    endif()
endif()

# fumi_add_layer(NAME SOURCES ... LINKS ...)
#   A layer of DESIGN.md as the static library fumi_NAME (alias fumi::NAME). LINKS must be
#   exactly the layer's arrows in DESIGN.md: an include from a layer above then fails to link.
function(fumi_add_layer name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LINKS")
    add_library(fumi_${name} STATIC ${arg_SOURCES})
    add_library(fumi::${name} ALIAS fumi_${name})
    target_include_directories(fumi_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(fumi_${name} PUBLIC ${arg_LINKS})
endfunction()

# fumi_add_test(NAME SOURCES ... LINKS ... LABELS ... [TIMEOUT seconds])
#   One Qt Test program registered with CTest. Widgets run on the offscreen platform and
#   every test gets its own QStandardPaths test locations.
function(fumi_add_test name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "TIMEOUT" "SOURCES;LINKS;LABELS")
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 120)
    endif()
    add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${arg_LINKS})
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
    add_test(NAME ${name} COMMAND ${name})
    # QTest's own watchdog fires before CTest's timeout, so a hung test reports where it hung.
    math(EXPR _watchdog_ms "(${arg_TIMEOUT} - 10) * 1000")
    set_tests_properties(${name} PROPERTIES
        LABELS "${arg_LABELS}"
        TIMEOUT ${arg_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QTEST_FUNCTION_TIMEOUT=${_watchdog_ms}")
endfunction()
