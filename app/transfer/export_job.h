// ExportJob: keys of one database (picked, a pattern with a type filter, or all of them) into a
// file, batch by batch: SCAN names, PTTL + DUMP values (key_source.h), one record at a time to
// the format's writer (record_files.h). The file appears under its name only when complete.
// Keys the format cannot hold (a list in CSV) are counted as skipped, with their names.
#pragma once

#include "connection/connection_settings.h"
#include "transfer/key_source.h"
#include "transfer/transfer_job.h"

namespace redscope {

struct ExportOptions
{
    ConnectionSettings source;
    KeySelection selection;
    TransferFormat format = TransferFormat::JsonLines;
    TtlMode ttl = TtlMode::Relative;
    QString path;
};

class ExportJob : public TransferJob
{
public:
    explicit ExportJob(ExportOptions options)
        : m_options(std::move(options))
    {
    }

protected:
    void run(TransferSummary *summary) override;

private:
    ExportOptions m_options;
};

} // namespace redscope
