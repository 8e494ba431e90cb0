# app.no_raw_commands_in_ui: widgets and models ask the services in app/ (KeyService,
# ValueService, ServerAdmin, PubSubService) and never send raw commands. Fails when a file
# under ui/ other than ui/console/ (whose job is raw commands) calls send()/sendConfirmed() on
# a connection or request scope, or includes the raw connection header without being on the
# allow-list below.
#
# Run as: cmake -DUI_DIR=<source>/ui -P check_no_raw_commands.cmake

# Files that may include "connection/redis_connection.h" although they are not the console.
# Empty: widgets follow a connection's state, settings, signals and cluster topology through
# ConnectionLifecycle (app/connection/connection_lifecycle.h), which has no send(). This list
# may only shrink: an entry whose file no longer includes the header fails the check.
set(allowed_includes)

if(NOT UI_DIR)
    message(FATAL_ERROR "UI_DIR is not set")
endif()
get_filename_component(root "${UI_DIR}/.." ABSOLUTE)
file(GLOB_RECURSE sources RELATIVE "${root}" "${UI_DIR}/*.cpp" "${UI_DIR}/*.h")
set(failures "")
foreach(source IN LISTS sources)
    if(source MATCHES "^ui/console/")
        continue()
    endif()
    file(READ "${root}/${source}" text)
    if(text MATCHES "(->|\\.)send(Confirmed)?\\(")
        string(APPEND failures "  ${source}: sends a raw command (use a service in app/)\n")
    endif()
    if(text MATCHES "#include \"connection/request_scope.h\"")
        string(APPEND failures "  ${source}: includes request_scope.h (services own requests)\n")
    endif()
    set(includes_raw FALSE)
    if(text MATCHES "#include \"connection/redis_connection.h\"")
        set(includes_raw TRUE)
    endif()
    list(FIND allowed_includes "${source}" allowed)
    if(includes_raw AND allowed EQUAL -1)
        string(APPEND failures
               "  ${source}: includes connection/redis_connection.h (use a service in app/)\n")
    elseif(NOT includes_raw AND NOT allowed EQUAL -1)
        string(APPEND failures
               "  ${source}: no longer includes the raw header: remove it from the allow-list\n")
    endif()
endforeach()
if(failures)
    message(FATAL_ERROR "Raw connection use outside ui/console/:\n${failures}")
endif()
message(STATUS "ui/ sends no raw commands (${CMAKE_CURRENT_LIST_FILE})")
