// ProtobufSchema on libprotobuf/libprotoc 3.21 (Debian 12).
#include "values/decoders/protobuf_schema.h"

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>

#include <QFileInfo>

namespace redscope {

namespace pb = google::protobuf;

namespace {

class ErrorCollector : public pb::compiler::MultiFileErrorCollector
{
public:
    void AddError(const std::string &file, int line, int column,
                  const std::string &message) override
    {
        text += QStringLiteral("%1:%2:%3: %4\n")
                    .arg(QString::fromStdString(file))
                    .arg(line + 1)
                    .arg(column + 1)
                    .arg(QString::fromStdString(message));
    }
    QString text;
};

void collectTypes(const pb::Descriptor *type, QStringList *out)
{
    out->append(QString::fromStdString(type->full_name()));
    for (int i = 0; i < type->nested_type_count(); ++i)
        collectTypes(type->nested_type(i), out);
}

} // namespace

struct ProtobufSchema::Internal
{
    pb::compiler::DiskSourceTree tree;
    ErrorCollector errors;
    std::unique_ptr<pb::compiler::Importer> importer;
    std::unique_ptr<pb::DynamicMessageFactory> factory;
    std::vector<const pb::FileDescriptor *> files;

    const pb::Descriptor *find(const QString &type) const
    {
        return importer ? importer->pool()->FindMessageTypeByName(type.toStdString()) : nullptr;
    }
};

ProtobufSchema::ProtobufSchema()
    : d(std::make_unique<Internal>())
{
}

ProtobufSchema::~ProtobufSchema() = default;

bool ProtobufSchema::load(const QStringList &protoFiles)
{
    d = std::make_unique<Internal>();
    QStringList roots;
    for (const QString &file : protoFiles) {
        const QString dir = QFileInfo(file).absolutePath();
        if (!roots.contains(dir)) {
            roots.append(dir);
            d->tree.MapPath("", dir.toStdString());
        }
    }
    d->importer = std::make_unique<pb::compiler::Importer>(&d->tree, &d->errors);
    for (const QString &file : protoFiles) {
        const pb::FileDescriptor *fd =
            d->importer->Import(QFileInfo(file).fileName().toStdString());
        if (fd) d->files.push_back(fd);
    }
    d->factory = std::make_unique<pb::DynamicMessageFactory>(d->importer->pool());
    m_errors = d->errors.text;
    if (d->files.size() != size_t(protoFiles.size()) && m_errors.isEmpty())
        m_errors = QStringLiteral("a .proto file could not be read");
    return m_errors.isEmpty();
}

QStringList ProtobufSchema::messageTypes() const
{
    QStringList out;
    for (const pb::FileDescriptor *file : d->files)
        for (int i = 0; i < file->message_type_count(); ++i)
            collectTypes(file->message_type(i), &out);
    return out;
}

Result<QString> ProtobufSchema::toJson(const QString &messageType, const QByteArray &bytes) const
{
    const pb::Descriptor *type = d->find(messageType);
    if (!type)
        return Result<QString>::failure(QStringLiteral("no message type %1").arg(messageType));
    std::unique_ptr<pb::Message> message(d->factory->GetPrototype(type)->New());
    if (!message->ParseFromArray(bytes.data(), int(bytes.size())))
        return Result<QString>::failure(QStringLiteral("not a %1 message").arg(messageType));
    std::string json;
    pb::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    const auto status = pb::util::MessageToJsonString(*message, &json, options);
    if (!status.ok())
        return Result<QString>::failure(QString::fromStdString(std::string(status.message())));
    return {QString::fromStdString(json)};
}

Result<QByteArray> ProtobufSchema::fromJson(const QString &messageType, const QString &json) const
{
    const pb::Descriptor *type = d->find(messageType);
    if (!type)
        return Result<QByteArray>::failure(QStringLiteral("no message type %1").arg(messageType));
    std::unique_ptr<pb::Message> message(d->factory->GetPrototype(type)->New());
    const auto status = pb::util::JsonStringToMessage(json.toStdString(), message.get());
    if (!status.ok())
        return Result<QByteArray>::failure(QString::fromStdString(std::string(status.message())));
    std::string out;
    if (!message->SerializeToString(&out))
        return Result<QByteArray>::failure(QStringLiteral("could not serialize"));
    return {QByteArray::fromStdString(out)};
}

} // namespace redscope
