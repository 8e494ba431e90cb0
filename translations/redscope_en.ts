<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>redscope::BulkDelete</name>
    <message numerus="yes">
        <source>deletes the %n key(s) matching &quot;%1&quot; (UNLINK, %2 keys per call)</source>
        <translation>
            <numerusform>deletes the %n key matching &quot;%1&quot; (UNLINK, %2 keys per call)</numerusform>
            <numerusform>deletes the %n keys matching &quot;%1&quot; (UNLINK, %2 keys per call)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::BulkDeleteDialog</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::ClientsView</name>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n client(s) (id %1)?</source>
        <translation>
            <numerusform>Disconnect %n client (id %1)?</numerusform>
            <numerusform>Disconnect %n clients (id %1)?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::ClusterPanel</name>
    <message numerus="yes">
        <source> · %n node(s) down</source>
        <translation>
            <numerusform> · %n node down</numerusform>
            <numerusform> · %n nodes down</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::CompareDialog</name>
    <message numerus="yes">
        <source>Making B equal to A for %n key(s)…</source>
        <translation>
            <numerusform>Making B equal to A for %n key…</numerusform>
            <numerusform>Making B equal to A for %n keys…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionListModel</name>
    <message numerus="yes">
        <source>%1: %n connection(s)</source>
        <translation>
            <numerusform>%1: %n connection</numerusform>
            <numerusform>%1: %n connections</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionManager</name>
    <message numerus="yes">
        <source>Imported %n connection(s) from %1</source>
        <translation>
            <numerusform>Imported %n connection from %1</numerusform>
            <numerusform>Imported %n connections from %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::JsonTreeModel</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::KeySelectionBox</name>
    <message numerus="yes">
        <source>The %n selected key(s)</source>
        <translation>
            <numerusform>The %n selected key</numerusform>
            <numerusform>The %n selected keys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::PubSubPanel</name>
    <message numerus="yes">
        <source>delivered to %n subscriber(s)</source>
        <translation>
            <numerusform>delivered to %n subscriber</numerusform>
            <numerusform>delivered to %n subscribers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::StreamGroupsPane</name>
    <message numerus="yes">
        <source>Acknowledge %n pending entries of %1? They leave the pending entries list without being processed.</source>
        <translation>
            <numerusform>Acknowledge %n pending entry of %1? It leaves the pending entries list without being processed.</numerusform>
            <numerusform>Acknowledge %n pending entries of %1? They leave the pending entries list without being processed.</numerusform>
        </translation>
    </message>
</context>
</TS>
