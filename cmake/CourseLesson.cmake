# course_lesson(<NN_topic>): one line per lesson in the root CMakeLists.txt.
#
# From the folder name alone it declares:
#   lessonNN_topic          the demo executable    (lessons/NN_topic/*.cpp)
#   exerciseNN, solutionNN  the two variants       (exercises/NN_topic, solutions/NN_topic), unless the
#                                                  lesson has no exercises/ folder
#   exerciseNN_tests, solutionNN_tests             (tests/NN_topic/*.cpp, built once per variant)
# and the ctest tests, named <kind>.<NN_topic>[.<mode>] and labelled <kind>;lessonNN:
#   solution.*  exercise.*  unsolved.*  demo.*  slides.*  mistake.*
#
# The demo's modes, and what each does on purpose (races, deadlocks, forks),
# are declared once, in the demo's own table (course::Mode); the build reads
# them from `lessonNN_topic --list-modes` into the demo.* tests (see
# cmake/demo_modes.cmake). demo.<NN_topic>.bad_input feeds the demo bad input of
# every kind, mode by mode.
#
# The gallery of wrong answers: each tests/NN_topic/mistakes/NAME.patch is the
# solution with one realistic mistake. mistake.NN_topic.NAME builds it and
# passes only when the lesson's tests reject it; see tests/README.md.
#
# A lesson's own settings and extra tests live in lessons/NN_topic/lesson.cmake,
# included once its targets exist. It may set:
#   LESSON_LINKS <target>...      more libraries for the demo, the exercise, the solution and the
#                                 gallery, e.g. course::http
#   LESSON_GATES thread|address   the sanitizers ./course check runs the passing exercise's tests under:
#                                 its race gate (thread) and memory gate (address: ASan+UBSan)
#   LESSON_UNSOLVED_SAYS <regex>  what the untouched exercise's failure must say, e.g. that it found a
#                                 likely deadlock (default: just gtest's FAILED)
#   LESSON_DEMO_USES_SOLUTION ON  the demo runs the finished exercise (e.g. lesson 06's ThreadPool)
#   LESSON_UNITY_BUILD ON         compile the demo's files as one unit (for heavy headers)
#   LESSON_MISTAKE_TIMEOUT <s>    seconds its tests may take to reject a wrong answer, when the
#                                 course's COURSE_MISTAKE_TIMEOUT is too few (e.g. mpirun and a deadline)
# and use ${demo} (the demo's target) and ${nn} in commands of its own.

set(COURSE_TEST_TIMEOUT 30 CACHE STRING "Seconds before ctest kills one test")
set(COURSE_DEMO_TIMEOUT 60 CACHE STRING "Seconds before ctest kills one demo smoke test")
set(COURSE_MISTAKE_TIMEOUT 10 CACHE STRING "Seconds the tests may take to reject a wrong answer")
set(COURSE_SANITIZER "" CACHE STRING "The sanitizer this build is instrumented with: thread, address, or none")
set(COURSE_EXPECT_EXIT ${CMAKE_CURRENT_LIST_DIR}/expect_exit.cmake)
set(COURSE_APPLY_MISTAKE ${CMAKE_CURRENT_LIST_DIR}/apply_mistake.cmake)
set(COURSE_DEMO_MODES ${CMAKE_CURRENT_LIST_DIR}/demo_modes.cmake)
find_program(COURSE_PATCH_PROGRAM patch)

# Written afresh at every configure, one line per lesson (see course_lesson).
set(COURSE_LESSONS_FILE ${PROJECT_BINARY_DIR}/course-lessons.txt)
file(WRITE ${COURSE_LESSONS_FILE} "")

add_custom_target(exercises)
add_custom_target(solutions)
# What a student needs: every demo, every exercise with its tests, the tools.
add_custom_target(student)
# What the sanitizer presets run: every demo, every solution's tests, common, the tools.
add_custom_target(sanitized)

# Every test declared so far in the calling directory runs before the hygiene
# check, hygiene.no_strays, which ctest runs last (a fixture cleanup).
function(course_before_hygiene_check)
  get_property(tests DIRECTORY PROPERTY TESTS)
  list(REMOVE_ITEM tests hygiene.no_strays)
  if(tests)
    set_tests_properties(${tests} PROPERTIES FIXTURES_REQUIRED course_suite)
  endif()
endfunction()

# Runs `command...` as a test that passes only on exit code `code` with output matching `regex`.
function(course_expect_exit name labels code regex)
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=${code} -DEXPECT_OUTPUT=${regex} -P ${COURSE_EXPECT_EXIT} -- ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS "${labels}" TIMEOUT ${COURSE_DEMO_TIMEOUT})
endfunction()

function(course_lesson id)
  if(ARGN)
    message(FATAL_ERROR "course_lesson(${id}) takes the folder name only; a lesson's settings go in "
                        "lessons/${id}/lesson.cmake (see cmake/CourseLesson.cmake)")
  endif()
  string(SUBSTRING "${id}" 0 2 nn)
  set(root ${PROJECT_SOURCE_DIR})
  set(lesson_label lesson${nn})

  # The demo: one executable, named after its folder.
  set(demo lesson${id})
  file(GLOB demo_sources CONFIGURE_DEPENDS ${root}/lessons/${id}/*.cpp)
  add_executable(${demo} ${demo_sources})
  target_link_libraries(${demo} PRIVATE course::common)
  add_dependencies(student ${demo})
  add_dependencies(sanitized ${demo})
  set(lesson_targets ${demo})

  # The same tests, built against each variant. The test sources include the
  # exercise's headers by file name, so the include path picks the variant.
  set(has_exercise FALSE)
  if(IS_DIRECTORY ${root}/exercises/${id})
    set(has_exercise TRUE)
  endif()
  file(GLOB test_sources CONFIGURE_DEPENDS ${root}/tests/${id}/*.cpp)
  foreach(variant exercise solution)
    if(NOT has_exercise)
      break()
    endif()
    set(variant_dir ${root}/${variant}s/${id})
    set(lib ${variant}${nn})
    file(GLOB variant_sources CONFIGURE_DEPENDS ${variant_dir}/*.cpp)
    if(variant_sources)
      add_library(${lib} STATIC ${variant_sources})
      target_include_directories(${lib} PUBLIC ${variant_dir})
      target_link_libraries(${lib} PUBLIC course::common)
      if(variant STREQUAL "exercise")
        # Unfinished on purpose: a warning about it (a member not used yet) is not an error.
        target_compile_options(${lib} PRIVATE -Wno-error)
      endif()
    else()
      add_library(${lib} INTERFACE)
      target_include_directories(${lib} INTERFACE ${variant_dir})
      target_link_libraries(${lib} INTERFACE course::common)
    endif()
    list(APPEND lesson_targets ${lib})

    # The tests compile once per variant, as objects that a wrong answer from
    # the gallery can link against too (see course_mistake).
    add_library(${lib}_test_objects OBJECT ${test_sources})
    target_link_libraries(${lib}_test_objects PRIVATE ${lib} course::testing GTest::gtest)
    target_precompile_headers(${lib}_test_objects REUSE_FROM common_tests)
    add_executable(${lib}_tests)
    target_link_libraries(${lib}_tests PRIVATE ${lib}_test_objects ${lib} course::testing GTest::gtest_main)
    # One ctest test per variant runs the whole gtest binary, so a failure
    # shows gtest's own report. Every case guards itself with a deadline.
    add_test(NAME ${variant}.${id} COMMAND ${lib}_tests)
    set_tests_properties(${variant}.${id} PROPERTIES LABELS "${variant};${lesson_label}" TIMEOUT ${COURSE_TEST_TIMEOUT})
    add_dependencies(${variant}s ${lib}_tests)
    if(variant STREQUAL "exercise")
      add_dependencies(student ${lib}_tests)
    else()
      add_dependencies(sanitized ${lib}_tests)
    endif()
  endforeach()

  # The lesson's own settings and extras.
  set(LESSON_LINKS "")
  set(LESSON_GATES "")
  set(LESSON_UNSOLVED_SAYS "")
  set(LESSON_DEMO_USES_SOLUTION OFF)
  set(LESSON_UNITY_BUILD OFF)
  set(LESSON_MISTAKE_TIMEOUT ${COURSE_MISTAKE_TIMEOUT})
  if(EXISTS ${root}/lessons/${id}/lesson.cmake)
    include(${root}/lessons/${id}/lesson.cmake)
  endif()

  foreach(target IN LISTS lesson_targets)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY")
      target_link_libraries(${target} INTERFACE ${LESSON_LINKS})
    elseif(type STREQUAL "EXECUTABLE")
      target_link_libraries(${target} PRIVATE ${LESSON_LINKS})
    else()
      target_link_libraries(${target} PUBLIC ${LESSON_LINKS})
    endif()
  endforeach()
  if(LESSON_UNITY_BUILD)
    # The scenes stay one file each, but compile as one unit: a heavy header
    # such as <asio.hpp> is parsed once per lesson instead of once per scene.
    set_target_properties(${demo} PROPERTIES UNITY_BUILD ON)
  endif()
  if(LESSON_DEMO_USES_SOLUTION)
    target_link_libraries(${demo} PRIVATE solution${nn})
  endif()
  foreach(gate IN LISTS LESSON_GATES)
    if(NOT gate MATCHES "^(thread|address)$")
      message(FATAL_ERROR "lessons/${id}/lesson.cmake: LESSON_GATES ${gate} is neither thread nor address")
    endif()
  endforeach()
  # What ./course reads about each lesson: one line, "<id> gates=<gate>,<gate>".
  string(REPLACE ";" "," gates "${LESSON_GATES}")
  file(APPEND ${COURSE_LESSONS_FILE} "${id} gates=${gates}\n")

  # The demo's modes become tests once it is built: see cmake/demo_modes.cmake.
  set(modes_tests ${PROJECT_BINARY_DIR}/modes/${id}.cmake)
  add_custom_command(TARGET ${demo} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -DDEMO=$<TARGET_FILE:${demo}> -DID=${id} -DOUT=${modes_tests} -DROOT=${root}
            -DTIMEOUT=${COURSE_DEMO_TIMEOUT} -DEXPECT_EXIT_SCRIPT=${COURSE_EXPECT_EXIT} -P ${COURSE_DEMO_MODES}
    BYPRODUCTS ${modes_tests}
    VERBATIM)
  set(modes_include ${PROJECT_BINARY_DIR}/modes/${id}-include.cmake)
  file(WRITE ${modes_include}
    "if(EXISTS [==[${modes_tests}]==])\n"
    "  include([==[${modes_tests}]==])\n"
    "else()\n"
    "  add_test(demo.${id}.not_built [==[${CMAKE_COMMAND}]==] -E echo \"the demo ${demo} is not built yet: build it first\")\n"
    "  set_tests_properties(demo.${id}.not_built PROPERTIES LABELS \"demo;${lesson_label}\" WILL_FAIL ON)\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${modes_include})
  # Bad input of every kind, for every mode listed by --help: usage line, exit 2.
  add_test(NAME demo.${id}.bad_input COMMAND bash ${root}/tools/tests/bad_input_test.sh $<TARGET_FILE:${demo}>)
  set_tests_properties(demo.${id}.bad_input PROPERTIES LABELS "demo;${lesson_label}" TIMEOUT ${COURSE_DEMO_TIMEOUT})

  # The slide deck's code must match the marked regions of the sources.
  add_test(NAME slides.${id} COMMAND course_snippets check ${root} slides/${id}.md)
  set_tests_properties(slides.${id} PROPERTIES LABELS "slides;${lesson_label}" TIMEOUT ${COURSE_TEST_TIMEOUT})

  if(NOT has_exercise)
    return()
  endif()

  # The unsolved check: the untouched exercise must build and fail its tests
  # cleanly (gtest's exit code 1, not a crash or a hang), within the test's
  # timeout, saying what LESSON_UNSOLVED_SAYS asks. Proof the tests have teeth.
  set(unsolved_says "FAILED")
  if(LESSON_UNSOLVED_SAYS)
    set(unsolved_says "${LESSON_UNSOLVED_SAYS}.*FAILED")
  endif()
  course_expect_exit(unsolved.${id} "unsolved;${lesson_label}" 1 "${unsolved_says}" $<TARGET_FILE:exercise${nn}_tests>)

  file(GLOB mistakes CONFIGURE_DEPENDS ${root}/tests/${id}/mistakes/*.patch)
  foreach(patch IN LISTS mistakes)
    course_mistake(${id} ${patch} "${test_sources}" "${LESSON_LINKS}")
  endforeach()
endfunction()

# One wrong answer from the gallery: the solution with `patch` applied, built
# with the lesson's tests, which must reject it. The patch opens with lines
# the check reads (see tests/README.md):
#   Mistake: <one sentence>     Caught by: <Suite.Test>...     Gate: tests|thread|address
# A mistake the plain tests catch runs in the uninstrumented builds; one that
# only a sanitizer catches (a data race, a read out of bounds) runs in that
# sanitizer's build, where the student's race gate finds it too.
function(course_mistake id patch test_sources links)
  string(SUBSTRING "${id}" 0 2 nn)
  get_filename_component(name ${patch} NAME_WE)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${patch})
  file(STRINGS ${patch} gate_line REGEX "^Gate:")
  string(REGEX REPLACE "^Gate:[ ]*" "" gate "${gate_line}")
  if(NOT gate)
    set(gate tests)
  endif()
  if(NOT gate MATCHES "^(tests|thread|address)$")
    message(FATAL_ERROR "${patch}: 'Gate: ${gate}' is none of tests, thread, address")
  endif()
  if(gate STREQUAL "tests")
    if(COURSE_SANITIZER)
      return()  # the plain builds run it
    endif()
  elseif(NOT gate STREQUAL COURSE_SANITIZER)
    return()  # only that sanitizer's build can catch it
  endif()

  set(test_name mistake.${id}.${name})
  set(target mistake${nn}_${name})
  if(NOT COURSE_PATCH_PROGRAM)
    add_test(NAME ${test_name} COMMAND ${CMAKE_COMMAND} -E echo "the gallery needs the patch program: install it (Debian: apt-get install patch)")
    set_tests_properties(${test_name} PROPERTIES LABELS "mistake;lesson${nn}" WILL_FAIL ON TIMEOUT 5)
    return()
  endif()

  # The solution's files, copied and patched at build time.
  set(solution_dir ${PROJECT_SOURCE_DIR}/solutions/${id})
  set(out ${PROJECT_BINARY_DIR}/mistakes/${id}/${name})
  file(GLOB solution_files CONFIGURE_DEPENDS ${solution_dir}/*.cpp ${solution_dir}/*.hpp)
  set(outputs "")
  set(sources "")
  foreach(file IN LISTS solution_files)
    get_filename_component(file_name ${file} NAME)
    list(APPEND outputs ${out}/${file_name})
    if(file_name MATCHES "\\.cpp$")
      list(APPEND sources ${out}/${file_name})
    endif()
  endforeach()
  add_custom_command(OUTPUT ${outputs}
    COMMAND ${CMAKE_COMMAND} -DSOURCE=${solution_dir} -DPATCH=${patch} -DOUT=${out} -DPATCH_PROGRAM=${COURSE_PATCH_PROGRAM}
            -P ${COURSE_APPLY_MISTAKE}
    DEPENDS ${patch} ${solution_files} ${COURSE_APPLY_MISTAKE}
    COMMENT "The wrong answer ${id}/${name}: the solution with its mistake")
  if(sources)
    add_library(${target} STATIC ${sources})
    target_include_directories(${target} PUBLIC ${out})
    target_link_libraries(${target} PUBLIC course::common ${links})
    # A wrong answer may well draw a warning (an unused member, say): its test is whether the tests reject it.
    target_compile_options(${target} PRIVATE -Wno-error)
  else()
    add_custom_target(${target}_sources DEPENDS ${outputs})
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${out})
    target_link_libraries(${target} INTERFACE course::common ${links})
  endif()

  # A mistake in a .cpp file leaves the headers as the solution's: the tests
  # compiled for the solution link against it as they are.
  file(STRINGS ${patch} patched_files REGEX "^\\+\\+\\+ ")
  set(patches_a_header FALSE)
  foreach(line IN LISTS patched_files)
    if(line MATCHES "\\.hpp")
      set(patches_a_header TRUE)
    endif()
  endforeach()
  if(patches_a_header)
    add_executable(${target}_tests ${test_sources})
    target_precompile_headers(${target}_tests REUSE_FROM common_tests)
  else()
    add_executable(${target}_tests)
    target_link_libraries(${target}_tests PRIVATE solution${nn}_test_objects)
  endif()
  target_link_libraries(${target}_tests PRIVATE ${target} course::testing GTest::gtest_main)
  if(NOT sources)
    add_dependencies(${target}_tests ${target}_sources)
  endif()
  add_dependencies(sanitized ${target}_tests)

  add_test(NAME ${test_name}
    COMMAND bash ${PROJECT_SOURCE_DIR}/tools/tests/mistake_test.sh $<TARGET_FILE:${target}_tests> ${patch}
            ${LESSON_MISTAKE_TIMEOUT} ${PROJECT_BINARY_DIR})
  set_tests_properties(${test_name} PROPERTIES LABELS "mistake;lesson${nn}"
                       TIMEOUT ${COURSE_DEMO_TIMEOUT})
endfunction()
