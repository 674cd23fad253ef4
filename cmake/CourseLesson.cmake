# course_lesson(<NN_topic>
#               MODES <mode>...            demo modes that must exit 0 (smoke tests)
#               RACY_MODES <mode>...       modes that race on purpose: smoke-tested, kept out of sanitizer runs
#               DEADLOCK_MODES <mode>...   modes that deadlock on purpose: must be reported and exit 3;
#                                          with --hang, must stay hung and end on Ctrl-C
#               FORKING_MODES <mode>...    modes that start child processes: Ctrl-C must end them all
#               UNSOLVED_SAYS <regex>      what the untouched exercise's failure must say, e.g. that it
#                                          found a likely deadlock (default: just gtest's FAILED)
#               DEMO_USES_SOLUTION         the demo runs the finished exercise (e.g. lesson 06's ThreadPool)
#               LINKS <target>...          more libraries for the demo, the exercise and the solution,
#                                          e.g. course::http
#               DEFAULT_LABEL racy|deadlock  the default run (no mode) races or deadlocks on purpose
#               UNITY_BUILD                compile the demo's files as one unit (for heavy headers)
#               NO_EXERCISE)               the lesson has no exercise
#
# From the folder name alone it declares:
#   lessonNN_topic          the demo executable    (lessons/NN_topic/*.cpp)
#   exerciseNN, solutionNN  the two variants       (exercises/NN_topic, solutions/NN_topic)
#   exerciseNN_tests, solutionNN_tests             (tests/NN_topic/*.cpp, built once per variant)
# and the ctest tests, named <kind>.<NN_topic>[.<mode>] and labelled <kind>;lessonNN:
#   solution.*  exercise.*  unsolved.*  demo.*  slides.*
# (demo.<NN_topic>.bad_input feeds the demo bad input of every kind, mode by mode.)

set(COURSE_TEST_TIMEOUT 30 CACHE STRING "Seconds before ctest kills one test")
set(COURSE_DEMO_TIMEOUT 60 CACHE STRING "Seconds before ctest kills one demo smoke test")
set(COURSE_EXPECT_EXIT ${CMAKE_CURRENT_LIST_DIR}/expect_exit.cmake)

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

# Runs `command...` as a demo smoke test: it passes when the command exits 0.
function(course_demo_test name labels)
  add_test(NAME ${name} COMMAND ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS "${labels}" TIMEOUT ${COURSE_DEMO_TIMEOUT})
endfunction()

# Runs `command...` as a test that passes only on exit code `code` with output matching `regex`.
function(course_expect_exit name labels code regex)
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=${code} -DEXPECT_OUTPUT=${regex} -P ${COURSE_EXPECT_EXIT} -- ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS "${labels}" TIMEOUT ${COURSE_DEMO_TIMEOUT})
endfunction()

function(course_lesson id)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_EXERCISE;DEMO_USES_SOLUTION;UNITY_BUILD" "DEFAULT_LABEL;UNSOLVED_SAYS"
                        "MODES;RACY_MODES;DEADLOCK_MODES;FORKING_MODES;LINKS")
  string(SUBSTRING "${id}" 0 2 nn)
  set(root ${PROJECT_SOURCE_DIR})
  set(lesson_label lesson${nn})

  # The demo: one executable, named after its folder.
  set(demo lesson${id})
  file(GLOB demo_sources CONFIGURE_DEPENDS ${root}/lessons/${id}/*.cpp)
  add_executable(${demo} ${demo_sources})
  target_link_libraries(${demo} PRIVATE course::common ${arg_LINKS})
  add_dependencies(student ${demo})
  add_dependencies(sanitized ${demo})
  if(arg_UNITY_BUILD)
    # The scenes stay one file each, but compile as one unit: a heavy header
    # such as <asio.hpp> is parsed once per lesson instead of once per scene.
    set_target_properties(${demo} PROPERTIES UNITY_BUILD ON)
  endif()

  foreach(mode IN LISTS arg_MODES)
    course_demo_test(demo.${id}.${mode} "demo;${lesson_label}" ${demo} ${mode})
  endforeach()
  foreach(mode IN LISTS arg_RACY_MODES)
    course_demo_test(demo.${id}.${mode} "demo;racy;${lesson_label}" ${demo} ${mode})
  endforeach()
  foreach(mode IN LISTS arg_DEADLOCK_MODES)
    course_expect_exit(demo.${id}.${mode} "demo;deadlock;${lesson_label}" 3 "DEADLOCK" $<TARGET_FILE:${demo}> ${mode})
    add_test(NAME demo.${id}.${mode}.hang COMMAND bash ${root}/tools/tests/hang_test.sh $<TARGET_FILE:${demo}> ${mode})
    set_tests_properties(demo.${id}.${mode}.hang PROPERTIES LABELS "demo;deadlock;${lesson_label}" TIMEOUT ${COURSE_DEMO_TIMEOUT})
  endforeach()
  foreach(mode IN LISTS arg_FORKING_MODES)
    add_test(NAME demo.${id}.${mode}.sigint COMMAND bash ${root}/tools/tests/sigint_test.sh $<TARGET_FILE:${demo}> ${mode})
    set_tests_properties(demo.${id}.${mode}.sigint PROPERTIES LABELS "demo;${lesson_label}" TIMEOUT ${COURSE_DEMO_TIMEOUT}
                         SKIP_RETURN_CODE 77)
  endforeach()
  # The default run, what an instructor starts first.
  if(arg_DEFAULT_LABEL STREQUAL "deadlock")
    course_expect_exit(demo.${id}.default "demo;deadlock;${lesson_label}" 3 "DEADLOCK" $<TARGET_FILE:${demo}>)
  else()
    course_demo_test(demo.${id}.default "demo;${arg_DEFAULT_LABEL};${lesson_label}" ${demo})
  endif()
  # Bad input of every kind, for every mode listed by --help: usage line, exit 2.
  add_test(NAME demo.${id}.bad_input COMMAND bash ${root}/tools/tests/bad_input_test.sh $<TARGET_FILE:${demo}>)
  set_tests_properties(demo.${id}.bad_input PROPERTIES LABELS "demo;${lesson_label}" TIMEOUT ${COURSE_DEMO_TIMEOUT})

  # The slide deck's code must match the marked regions of the sources.
  add_test(NAME slides.${id} COMMAND course_snippets check ${root} slides/${id}.md)
  set_tests_properties(slides.${id} PROPERTIES LABELS "slides;${lesson_label}" TIMEOUT ${COURSE_TEST_TIMEOUT})

  if(arg_NO_EXERCISE)
    return()
  endif()

  # The same tests, built against each variant. The test sources include the
  # exercise's headers by file name, so the include path picks the variant.
  file(GLOB test_sources CONFIGURE_DEPENDS ${root}/tests/${id}/*.cpp)
  foreach(variant exercise solution)
    set(variant_dir ${root}/${variant}s/${id})
    set(lib ${variant}${nn})
    file(GLOB variant_sources CONFIGURE_DEPENDS ${variant_dir}/*.cpp)
    if(variant_sources)
      add_library(${lib} STATIC ${variant_sources})
      target_include_directories(${lib} PUBLIC ${variant_dir})
      target_link_libraries(${lib} PUBLIC course::common ${arg_LINKS})
    else()
      add_library(${lib} INTERFACE)
      target_include_directories(${lib} INTERFACE ${variant_dir})
      target_link_libraries(${lib} INTERFACE course::common ${arg_LINKS})
    endif()

    add_executable(${lib}_tests ${test_sources})
    target_link_libraries(${lib}_tests PRIVATE ${lib} course::testing GTest::gtest_main)
    target_precompile_headers(${lib}_tests REUSE_FROM common_tests)
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

  if(arg_DEMO_USES_SOLUTION)
    target_link_libraries(${demo} PRIVATE solution${nn})
  endif()

  # The unsolved check: the untouched exercise must build and fail its tests
  # cleanly (gtest's exit code 1, not a crash or a hang), within the test's
  # timeout, saying what UNSOLVED_SAYS asks. Proof the tests have teeth.
  set(unsolved_says "FAILED")
  if(arg_UNSOLVED_SAYS)
    set(unsolved_says "${arg_UNSOLVED_SAYS}.*FAILED")
  endif()
  course_expect_exit(unsolved.${id} "unsolved;${lesson_label}" 1 "${unsolved_says}" $<TARGET_FILE:exercise${nn}_tests>)
endfunction()
