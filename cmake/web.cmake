# The browser build (Emscripten; scripts/web.sh configures it): the libraries
# come as static WebAssembly archives from TCVIZ_WEB_PREFIX (built by
# scripts/web_deps.sh from Debian's sources) and stand in for the native
# build's pkg-config targets under the same names, so every library target
# of CMakeLists.txt is shared. No tests here: they run natively.
if(NOT TCVIZ_WEB_PREFIX)
  message(FATAL_ERROR "the browser build needs -DTCVIZ_WEB_PREFIX=<prefix> (scripts/web.sh)")
endif()

function(tcviz_web_lib target)
  add_library(${target} INTERFACE IMPORTED)
  set(files)
  foreach(lib ${ARGN})
    set(file ${TCVIZ_WEB_PREFIX}/lib/lib${lib}.a)
    if(NOT EXISTS ${file})
      message(FATAL_ERROR "${file} is missing; run scripts/web.sh")
    endif()
    list(APPEND files ${file})
  endforeach()
  set_target_properties(${target} PROPERTIES
    INTERFACE_LINK_LIBRARIES "${files}"
    INTERFACE_INCLUDE_DIRECTORIES "${TCVIZ_WEB_PREFIX}/include;${TCVIZ_WEB_PREFIX}/include/SDL2")
endfunction()

tcviz_web_lib(PkgConfig::YAML yaml)
tcviz_web_lib(PkgConfig::JANSSON jansson)
tcviz_web_lib(PkgConfig::SDL2 SDL2)
tcviz_web_lib(PkgConfig::SDL2_TTF SDL2_ttf freetype)
tcviz_web_lib(PkgConfig::SDL2_IMAGE SDL2_image)
tcviz_web_lib(GIF::GIF gif)
# A tab has no fontconfig: web_font.c serves the font the page preloads.
add_library(PkgConfig::FONTCONFIG INTERFACE IMPORTED)
# Nor libzip, libpng or libjpeg-turbo: io's web_npz.c and web_image_decode.c
# stand in for npz.c and image_decode.c and refuse those files in one line.
add_library(PkgConfig::LIBZIP INTERFACE IMPORTED)
add_library(PkgConfig::LIBPNG INTERFACE IMPORTED)
add_library(PkgConfig::TURBOJPEG INTERFACE IMPORTED)
set(TCVIZ_IO_EXCLUDE "/(npz|image_decode)\\.c$")

# The app is built from src/app without the native entry point and font
# lookup; web_main.c is the entry point.
set(TCVIZ_APP_EXCLUDE "/(main|font|web_main)\\.c$")
set(TCVIZ_MAIN src/app/web_main.c)
set(TCVIZ_WEB_FONT /assets/fonts/DejaVuSansMono.ttf)
add_compile_definitions(TCVIZ_WEB_FONT="${TCVIZ_WEB_FONT}")
# EM_ASM (JavaScript inline in C) needs the GNU dialect.
set_source_files_properties(src/app/web_io.c src/app/web_main.c PROPERTIES COMPILE_OPTIONS -std=gnu11)

# Called at the end of CMakeLists.txt: the page's program and its data.
function(tcviz_web_page)
  set(src ${CMAKE_SOURCE_DIR})
  target_link_options(tcviz PRIVATE
    -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=web -sEXPORTED_RUNTIME_METHODS=ccall
    "SHELL:--pre-js ${src}/web/tcviz-glue.js"
    # the course at the path the io library compiles in (TCVIZ_LESSON_DIR)
    "SHELL:--preload-file ${src}/lessons@${src}/lessons"
    "SHELL:--preload-file ${src}/assets/fonts/DejaVuSansMono.ttf@${TCVIZ_WEB_FONT}")
  set_property(TARGET tcviz APPEND PROPERTY LINK_DEPENDS
    ${src}/web/tcviz-glue.js ${src}/assets/fonts/DejaVuSansMono.ttf)
  add_custom_command(TARGET tcviz POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy ${src}/web/index.html $<TARGET_FILE_DIR:tcviz>/index.html)
endfunction()
