# Lesson 11's settings (see cmake/CourseLesson.cmake).
# <execution> with libstdc++ runs std::execution::par through TBB: everything that includes it links course::tbb.
set(LESSON_LINKS course::tbb)
# The word count runs on several threads: the race gate runs its tests under ThreadSanitizer.
set(LESSON_GATES thread)
# OpenMP is the demo's alone: the exercise uses the standard algorithms only.
target_link_libraries(${demo} PRIVATE OpenMP::OpenMP_CXX)
