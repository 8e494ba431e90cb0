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
    <name>redscope::KeyBrowserPanel</name>
    <message numerus="yes">
        <source>%Ln key(s) (%1 s)</source>
        <translation>
            <numerusform>%Ln key (%1 s)</numerusform>
            <numerusform>%Ln keys (%1 s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %Ln key(s)</source>
        <translation>
            <numerusform>Cancelled after %Ln key</numerusform>
            <numerusform>Cancelled after %Ln keys</numerusform>
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
    <name>redscope::ReportBuilder</name>
    <message numerus="yes">
        <source>%Ln big key(s) hold %1</source>
        <translation>
            <numerusform>%Ln big key holds %1</numerusform>
            <numerusform>%Ln big keys hold %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s) in &quot;%1&quot; have no TTL, where %2% of its keys expire</source>
        <translation>
            <numerusform>%Ln key in &quot;%1&quot; has no TTL, where %2% of its keys expire</numerusform>
            <numerusform>%Ln keys in &quot;%1&quot; have no TTL, where %2% of its keys expire</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln string(s) of %1 or more compress to %2% with zlib; about %3 could be saved</source>
        <translation>
            <numerusform>%Ln string of %1 or more compresses to %2% with zlib; about %3 could be saved</numerusform>
            <numerusform>%Ln strings of %1 or more compress to %2% with zlib; about %3 could be saved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hash(es) are just over the listpack limits; packed they would save about %1</source>
        <translation>
            <numerusform>%Ln hash is just over the listpack limits; packed it would save about %1</numerusform>
            <numerusform>%Ln hashes are just over the listpack limits; packed they would save about %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln set(s) are just over the intset limits; packed they would save about %1</source>
        <translation>
            <numerusform>%Ln set is just over the intset limits; packed it would save about %1</numerusform>
            <numerusform>%Ln sets are just over the intset limits; packed they would save about %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sorted set(s) are just over the listpack limits; packed they would save about %1</source>
        <translation>
            <numerusform>%Ln sorted set is just over the listpack limits; packed it would save about %1</numerusform>
            <numerusform>%Ln sorted sets are just over the listpack limits; packed they would save about %1</numerusform>
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
