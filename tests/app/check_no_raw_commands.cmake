# app.no_raw_commands_in_ui: widgets and models ask the services in app/ (KeyService,
# ValueService, ServerAdmin, PubSubService) and never send raw commands. Fails when a file
# under ui/ other than ui/console/ (whose job is raw commands) calls send()/sendConfirmed() on
# a connection or request scope, or includes the raw connection header without being on the
# allow-list below.
#
# Run as: cmake -DUI_DIR=<source>/ui -P check_no_raw_commands.cmake

# Files that still include "connection/redis_connection.h" for the connection's lifecycle
# (state, settings, signals, cluster topology), not to send. This list may only shrink: an
# entry whose file no longer includes the header fails the check until it is removed.
set(allowed_includes
    ui/connection/connection_dialog.cpp      # owns the "Test connection" connection
    ui/connection/connection_list_model.cpp  # shows each connection's state
    ui/connection/connection_manager.cpp     # creates and connects connections
    ui/connection/connection_sidebar.cpp     # state badges
    ui/connection/database_selector.cpp      # current database, switching it
    ui/keys/bulk_delete_dialog.cpp           # settings (read-only, production)
    ui/local/local_engine_box.cpp            # settings of the embedded engine
    ui/monitoring/dashboard_panel.h          # connection state
    ui/server/monitor_panel.cpp              # node connections for MONITOR
    ui/server/server_panel.cpp               # cluster node connections
    ui/window/connection_workspace.cpp       # cluster router
    ui/window/main_window.cpp                # connection state and settings
)

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
