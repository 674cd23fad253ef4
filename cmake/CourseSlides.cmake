# The decks, rendered and checked in a browser. All optional: the C++ course
# never needs Node. `./course start --slides` installs what they need (Debian's
# chromium, and the npm packages pinned in slides/package-lock.json).
#
#   slides           every deck as HTML (p in the browser: presenter view with notes)
#   slides_pdf       every deck as PDF, printed by Chromium, notes as annotations
#   slides.browser   ctest, label slides: renders every deck in headless Chromium and fails on a
#                    slide whose content overflows, on code shrunk too small, on a broken image or
#                    font, on text drawn with the machine's fonts instead of the theme's;
#                    saves a PNG of every slide in <build>/slides/check/png
#   slides.browser_other_fonts    ctest, label slides: the same check with fontconfig made to resolve
#                    monospace, sans-serif and serif to other installed fonts (Linux): the decks
#                    bring their own fonts (theme/course.css), so the verdict must not change
#   slides.browser_check_catches  ctest: the check itself fails on a deck made to fail

set(slides_dir ${PROJECT_SOURCE_DIR}/slides)
set(slides_out ${PROJECT_BINARY_DIR}/slides)
find_program(COURSE_NODE NAMES node nodejs)
find_program(COURSE_CHROMIUM NAMES chromium chromium-browser google-chrome-stable google-chrome)
# Every package of slides/package.json (Marp, puppeteer-core, the fonts), as npm ci installs them.
file(READ ${slides_dir}/package.json slides_package)
string(JSON package_count LENGTH "${slides_package}" devDependencies)
math(EXPR last_package "${package_count} - 1")
set(have_packages TRUE)
set(missing_packages "")
foreach(i RANGE ${last_package})
  string(JSON package MEMBER "${slides_package}" devDependencies ${i})
  if(NOT EXISTS ${slides_dir}/node_modules/${package}/package.json)
    set(have_packages FALSE)
    list(APPEND missing_packages ${package})
  endif()
endforeach()
if(NOT have_packages AND EXISTS ${slides_dir}/node_modules)
  # node_modules from before package.json changed: say so, not only in a STATUS line.
  list(JOIN missing_packages ", " missing_packages)
  message(WARNING "Slides: slides/node_modules lacks ${missing_packages}. Run ./course start --slides again")
endif()

# A target that explains what is missing instead of "unknown target".
function(course_slides_unavailable target why)
  add_custom_target(${target}
    COMMAND ${CMAKE_COMMAND} -E echo "${target}: ${why}. Install it with: ./course start --slides"
    COMMAND ${CMAKE_COMMAND} -E false
    VERBATIM)
endfunction()

if(NOT COURSE_NODE OR NOT have_packages)
  message(STATUS "Slides: rendering and the browser check are off (need Node and slides/node_modules: ./course start --slides)")
  course_slides_unavailable(slides "rendering needs Node and the packages of slides/package.json")
  course_slides_unavailable(slides_pdf "rendering needs Node and the packages of slides/package.json")
  return()
endif()

file(GLOB decks CONFIGURE_DEPENDS ${slides_dir}/[0-9][0-9]_*.md)
file(GLOB images CONFIGURE_DEPENDS ${slides_dir}/img/*)
file(GLOB slide_tools CONFIGURE_DEPENDS ${slides_dir}/tools/*.mjs ${slides_dir}/theme/*.css)

# One command per deck and format, so a changed deck renders alone.
function(course_render_decks format)
  set(outputs "")
  foreach(deck IN LISTS decks)
    get_filename_component(name ${deck} NAME_WE)
    set(output ${slides_out}/${format}/${name}.${format})
    add_custom_command(OUTPUT ${output}
      COMMAND ${COURSE_NODE} ${slides_dir}/tools/render.mjs ${format} ${slides_out}/${format} ${deck}
      DEPENDS ${deck} ${images} ${slide_tools}
      COMMENT "Rendering ${name}.${format}"
      VERBATIM)
    list(APPEND outputs ${output})
  endforeach()
  set(rendered_${format} ${outputs} PARENT_SCOPE)
endfunction()

course_render_decks(html)
# The HTML links its pictures as img/..., relative to itself.
set(copied_images "")
foreach(image IN LISTS images)
  get_filename_component(image_name ${image} NAME)
  set(copy ${slides_out}/html/img/${image_name})
  add_custom_command(OUTPUT ${copy}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${image} ${copy}
    DEPENDS ${image}
    VERBATIM)
  list(APPEND copied_images ${copy})
endforeach()
# And its fonts as fonts/..., copied from node_modules by the tool that reads
# them from the theme; once, like the images, not by each deck's render.
set(copied_fonts ${slides_out}/html-fonts.stamp)
add_custom_command(OUTPUT ${copied_fonts}
  COMMAND ${COURSE_NODE} ${slides_dir}/tools/render.mjs fonts ${slides_out}/html
  COMMAND ${CMAKE_COMMAND} -E touch ${copied_fonts}
  DEPENDS ${slides_dir}/package-lock.json ${slide_tools}
  COMMENT "Copying the theme's fonts beside the HTML"
  VERBATIM)
add_custom_target(slides DEPENDS ${rendered_html} ${copied_images} ${copied_fonts})

if(NOT COURSE_CHROMIUM)
  message(STATUS "Slides: HTML only; PDF and the browser check need Chromium (./course start --slides)")
  course_slides_unavailable(slides_pdf "printing a PDF needs Chromium")
  return()
endif()

course_render_decks(pdf)
add_custom_target(slides_pdf DEPENDS ${rendered_pdf})

set(browser_env CHROME_PATH=${COURSE_CHROMIUM})
add_test(NAME slides.browser
  COMMAND ${COURSE_NODE} ${slides_dir}/tools/check.mjs --out ${slides_out}/check ${decks})
add_test(NAME slides.browser_check_catches
  COMMAND ${COURSE_NODE} --test ${slides_dir}/tools/check.test.mjs)
set(browser_tests slides.browser slides.browser_check_catches)
# Chromium finds the machine's fonts through fontconfig on Linux only: there the
# check runs a second time with a fonts.conf of its own (in the build folder),
# in which the generic families resolve to other installed fonts.
if(CMAKE_HOST_SYSTEM_NAME STREQUAL "Linux")
  add_test(NAME slides.browser_other_fonts
    COMMAND ${COURSE_NODE} ${slides_dir}/tools/check.mjs --other-fonts --out ${slides_out}/check-other-fonts ${decks})
  list(APPEND browser_tests slides.browser_other_fonts)
endif()
set_tests_properties(${browser_tests} PROPERTIES
  LABELS "slides;browser" ENVIRONMENT "${browser_env}" TIMEOUT 300)
message(STATUS "Slides: rendering and the browser check are on (Chromium: ${COURSE_CHROMIUM})")
