# app.no_raw_commands_in_ui: widgets and models ask the services in app/ (KeyService,
# ValueService, ServerAdmin, PubSubService) and never send raw commands. Fails when a file
# under ui/ other than ui/console/ (whose job is raw commands)
# - calls send()/sendConfirmed()/sendToNode() on a connection, router or request scope, or
#   names RedisConnection::send;
# - includes request_scope.h (services own requests);
# - reaches "connection/redis_connection.h" through its includes, directly or through any chain
#   of headers under ui/ and app/ (an app/ header that includes it makes every widget including
#   that header a raw-connection user, so app/ headers forward-declare RedisConnection and name
#   requests through connection/reply_callback.h). The failure prints the include chain.
#
# Run as: cmake -DUI_DIR=<source>/ui [-DAPP_DIR=<source>/app] -P check_no_raw_commands.cmake

cmake_minimum_required(VERSION 3.20)

# Files that may reach "connection/redis_connection.h" although they are not the console.
# Empty: widgets follow a connection's state, settings, signals and cluster topology through
# ConnectionLifecycle (app/connection/connection_lifecycle.h), which has no send(). This list
# may only shrink: an entry whose file no longer reaches the header fails the check.
set(allowed_includes)

if(NOT UI_DIR)
    message(FATAL_ERROR "UI_DIR is not set")
endif()
get_filename_component(root "${UI_DIR}/.." ABSOLUTE)
if(NOT APP_DIR)
    set(APP_DIR "${root}/app")
endif()
get_filename_component(APP_DIR "${APP_DIR}" ABSOLUTE)
get_filename_component(UI_DIR "${UI_DIR}" ABSOLUTE)
set(raw_header "${APP_DIR}/connection/redis_connection.h")
if(NOT EXISTS "${raw_header}")
    message(FATAL_ERROR "${raw_header} not found: the check would pass without looking")
endif()

# The project's own includes of a file, resolved as the compiler does for ui/ and app/ targets:
# next to the file first, then under ui/, then under app/. System and Qt headers are skipped.
# Sets includes_<path> (absolute paths), once per file.
function(resolve_includes file)
    if(DEFINED includes_${file})
        return()
    endif()
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    get_filename_component(dir "${file}" DIRECTORY)
    set(resolved "")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" name "${line}")
        foreach(base IN ITEMS "${dir}" "${UI_DIR}" "${APP_DIR}")
            if(EXISTS "${base}/${name}" AND NOT IS_DIRECTORY "${base}/${name}")
                get_filename_component(path "${base}/${name}" ABSOLUTE)
                list(APPEND resolved "${path}")
                break()
            endif()
        endforeach()
    endforeach()
    set(includes_${file} "${resolved}" PARENT_SCOPE)
endfunction()

# Breadth-first over the include graph from `start`; sets raw_chain to "a -> b -> raw header"
# when the raw header is reachable, else to "".
function(find_raw_chain start)
    set(queue "${start}")
    set(seen "${start}")
    set(parent_${start} "")
    set(found "")
    while(queue AND NOT found)
        list(POP_FRONT queue current)
        resolve_includes("${current}")
        foreach(next IN LISTS includes_${current})
            if(next IN_LIST seen)
                continue()
            endif()
            list(APPEND seen "${next}")
            set(parent_${next} "${current}")
            if(next STREQUAL raw_header)
                set(found "${next}")
                break()
            endif()
            list(APPEND queue "${next}")
        endforeach()
    endwhile()
    set(chain "")
    set(node "${found}")
    while(node)
        file(RELATIVE_PATH rel "${root}" "${node}")
        list(PREPEND chain "${rel}")
        set(node "${parent_${node}}")
    endwhile()
    list(JOIN chain " -> " chain)
    set(raw_chain "${chain}" PARENT_SCOPE)
endfunction()

# The include graph of ui/ and app/, read once (find_raw_chain only looks it up).
file(GLOB_RECURSE graph_files "${UI_DIR}/*.cpp" "${UI_DIR}/*.h" "${APP_DIR}/*.cpp"
     "${APP_DIR}/*.h")
foreach(file IN LISTS graph_files)
    resolve_includes("${file}")
endforeach()

file(GLOB_RECURSE sources RELATIVE "${root}" "${UI_DIR}/*.cpp" "${UI_DIR}/*.h")
set(failures "")
set(checked 0)
foreach(source IN LISTS sources)
    if(source MATCHES "^ui/console/")
        continue()
    endif()
    math(EXPR checked "${checked} + 1")
    file(READ "${root}/${source}" text)
    if(text MATCHES "(->|\\.)send(Confirmed|ToNode)?\\(" OR text MATCHES "RedisConnection::send")
        string(APPEND failures "  ${source}: sends a raw command (use a service in app/)\n")
    endif()
    if(text MATCHES "#include \"connection/request_scope.h\"")
        string(APPEND failures "  ${source}: includes request_scope.h (services own requests)\n")
    endif()
    find_raw_chain("${root}/${source}")
    list(FIND allowed_includes "${source}" allowed)
    if(raw_chain AND allowed EQUAL -1)
        string(APPEND failures "  ${source}: reaches connection/redis_connection.h through "
                               "${raw_chain} (use a service in app/; forward-declare "
                               "RedisConnection in app/ headers)\n")
    elseif(NOT raw_chain AND NOT allowed EQUAL -1)
        string(APPEND failures
               "  ${source}: no longer reaches the raw header: remove it from the allow-list\n")
    endif()
endforeach()
if(checked EQUAL 0)
    message(FATAL_ERROR "no ui/ sources found under ${UI_DIR}: the check would pass unread")
endif()
if(failures)
    message(FATAL_ERROR "Raw connection use outside ui/console/:\n${failures}")
endif()
message(STATUS "ui/ sends no raw commands and reaches no raw connection header "
               "(${checked} files, ${CMAKE_CURRENT_LIST_FILE})")
