# Lesson 04's settings (see cmake/CourseLesson.cmake).
set(LESSON_GATES thread)
# The untouched exercise deadlocks: its failure must name the wait-for cycle.
set(LESSON_UNSOLVED_SAYS "DEADLOCK: nothing has moved.*waits for lock")

# The gdb step prints a tracked mutex's owner: that needs full debug
# information here and in common/, where the rest of the default build makes
# do with line tables (-g1).
target_compile_options(${demo} PRIVATE -g)
target_compile_options(course_common PRIVATE -g)
