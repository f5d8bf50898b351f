namespace Autonet.Data.Text;

/// <summary>Why a JSONL line did or did not yield a record.</summary>
public enum RecordParseResult
{
    Ok,
    Empty,
    InvalidUtf8,
    CorruptJson,
    MissingFields,
}
