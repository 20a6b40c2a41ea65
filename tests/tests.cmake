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
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=stdout")
  endforeach()
endfunction()

tcviz_add_tests(core tcviz_core PkgConfig::JANSSON)
tcviz_add_tests(io tcviz_io)
tcviz_add_tests(cli tcviz_cli PkgConfig::JANSSON)
tcviz_add_tests(ui tcviz_ui)
