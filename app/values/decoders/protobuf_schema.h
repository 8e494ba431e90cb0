// ProtobufSchema: the user's .proto files, parsed at run time with libprotoc's Importer over a
// DiskSourceTree (each file's folder is an import path), and messages of a chosen type decoded
// to JSON and encoded back with libprotobuf's DynamicMessageFactory and JSON utilities (the
// proto3 JSON mapping, field names as declared). Parse errors are collected, not printed.
#pragma once

#include "connection/service.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace redscope {

class ProtobufSchema
{
public:
    ProtobufSchema();
    ~ProtobufSchema();
    ProtobufSchema(const ProtobufSchema &) = delete;
    ProtobufSchema &operator=(const ProtobufSchema &) = delete;

    // Parses the files (and what they import); false with errors() on failure.
    bool load(const QStringList &protoFiles);
    QString errors() const { return m_errors; }
    // Every message type the loaded files define, fully qualified.
    QStringList messageTypes() const;

    Result<QString> toJson(const QString &messageType, const QByteArray &bytes) const;
    Result<QByteArray> fromJson(const QString &messageType, const QString &json) const;

private:
    struct Internal;
    std::unique_ptr<Internal> d;
    QString m_errors;
};

} // namespace redscope
