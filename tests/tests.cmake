# Every test keeps course progress (XDG_DATA_HOME/tcviz/progress) inside the
# build tree, never in the user's data directory.
set(TCVIZ_TEST_XDG_DIR "${CMAKE_BINARY_DIR}/test-xdg-data")
set(TCVIZ_TEST_XDG "XDG_DATA_HOME=${TCVIZ_TEST_XDG_DIR}")

# Test executables: tests/<module>/test_<name>.c, each linking what it tests.
# TCVIZ_TEST_DATA points at tests/data so tests never read outside the clone.
function(tcviz_add_tests dir)
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/${dir}/test_*.c)
  foreach(src ${srcs})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name} ${src})
    target_link_libraries(${name} PRIVATE ${ARGN} PkgConfig::CMOCKA)
    target_compile_definitions(${name} PRIVATE
      TCVIZ_TEST_DATA="${TCVIZ_TEST_DATA}"
      TCVIZ_BINARY="$<TARGET_FILE:tcviz>")
    # CLI tests spawn the binary, so it must be built first.
    add_dependencies(${name} tcviz)
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=stdout;XDG_DATA_HOME=${TCVIZ_TEST_XDG_DIR}/${name}")
  endforeach()
endfunction()

tcviz_add_tests(core tcviz_core PkgConfig::JANSSON)
# The lesson tests load lessons (io) and check their claims (course).
tcviz_add_tests(io tcviz_io tcviz_course PkgConfig::LIBZIP PkgConfig::LIBPNG PkgConfig::TURBOJPEG)
tcviz_add_tests(cli tcviz_cli PkgConfig::JANSSON)
tcviz_add_tests(ui tcviz_ui tcviz_course)
# The code view's claims are compared with `tcviz shape`'s (cli_shape_equivalent).
target_link_libraries(test_snippet_claims PRIVATE tcviz_cli)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0) # the SVG tests parse SVG
tcviz_add_tests(app tcviz_app PkgConfig::LIBXML2)
# SVG exports are rendered by librsvg to compare them with the PNG.
find_program(TCVIZ_RSVG_CONVERT rsvg-convert REQUIRED)
target_compile_definitions(test_export_svg PRIVATE TCVIZ_RSVG_CONVERT="${TCVIZ_RSVG_CONVERT}")

# The course checks itself: `tcviz check` on every lesson (the glob is
# re-evaluated at build time, so a new lesson file joins the test).
file(GLOB TCVIZ_LESSONS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/lessons/*.yaml)
add_test(NAME lessons_check COMMAND tcviz check ${TCVIZ_LESSONS})

# The real window under Xvfb (tests/app/smoke.sh), where the tools exist.
find_program(TCVIZ_XVFB_RUN xvfb-run)
find_program(TCVIZ_XDOTOOL xdotool)
find_program(TCVIZ_IMPORT import)
if(TCVIZ_XVFB_RUN AND TCVIZ_XDOTOOL AND TCVIZ_IMPORT)
  add_test(NAME app_smoke COMMAND bash ${CMAKE_SOURCE_DIR}/tests/app/smoke.sh
           $<TARGET_FILE:tcviz> ${CMAKE_CURRENT_BINARY_DIR}/smoke)
  set(smoke_env "LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/app/lsan.supp" "${TCVIZ_TEST_XDG}")
  if(TCVIZ_SANITIZE)
    # Under ASan keep Mesa out: SDL unloads its GL driver at SDL_Quit, so
    # LeakSanitizer cannot name (or suppress) llvmpipe's frames afterwards.
    list(APPEND smoke_env SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0)
  endif()
  set_tests_properties(app_smoke PROPERTIES ENVIRONMENT "${smoke_env}" TIMEOUT 300)
endif()

# An installed (and then moved) binary finds its course and assets.
add_test(NAME app_install COMMAND bash ${CMAKE_SOURCE_DIR}/tests/app/install.sh
         ${CMAKE_BINARY_DIR} ${CMAKE_CURRENT_BINARY_DIR}/install-test)
set_tests_properties(app_install PROPERTIES
  ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/app/lsan.supp;${TCVIZ_TEST_XDG}" TIMEOUT 300)

# Fuzz harnesses (tests/fuzz/fuzz_<target>.c, one LLVMFuzzerTestOneInput
# each): in ordinary builds linked with a replaying main() and run over their
# committed corpus (tests/fuzz/corpus/<target>/); with TCVIZ_FUZZ (clang,
# scripts/fuzz.sh) linked with libFuzzer instead. The glob picks up every
# harness added later.
file(GLOB TCVIZ_FUZZ_SRCS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_*.c)
foreach(src ${TCVIZ_FUZZ_SRCS})
  get_filename_component(name ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" target ${name})
  if(TCVIZ_FUZZ)
    add_executable(${name} ${src})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    add_executable(${name} ${src} ${CMAKE_SOURCE_DIR}/tests/fuzz/replay.c)
  endif()
  target_link_libraries(${name} PRIVATE tcviz_app tcviz_ui tcviz_cli tcviz_course tcviz_io tcviz_core)
  add_test(NAME ${name}_corpus COMMAND ${name} ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/${target})
  set_tests_properties(${name}_corpus PROPERTIES ENVIRONMENT "${TCVIZ_TEST_XDG}")
endforeach()
